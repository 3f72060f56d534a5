#!/usr/bin/env bash
# Fuzzes for a bounded time: loading, validation, dumps and one explorer frame (`load`), or the
# fast YAML reader against serde-saphyr (`yaml_fast`).
#   fuzz/run.sh [SECONDS] [TARGET]    (default 600 load)
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The fixtures seed the corpus; a crash is
# written under fuzz/artifacts/TARGET/ and should become a fixture in tests/fixtures/hostile/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
target="${2:-load}"
mkdir -p "fuzz/corpus/$target"
# cargo-fuzz builds with sanitizer flags that need nightly features; allow them on stable.
export RUSTC_BOOTSTRAP=1
exec cargo fuzz run "$target" "fuzz/corpus/$target" tests/fixtures/invalid tests/fixtures/hostile data \
    -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
