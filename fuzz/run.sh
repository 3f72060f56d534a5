#!/usr/bin/env bash
# Fuzzes loading, validation, dumps and one explorer frame for a bounded time.
#   fuzz/run.sh [SECONDS]    (default 600)
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The fixtures seed the corpus; a crash is
# written under fuzz/artifacts/load/ and should become a fixture in tests/fixtures/hostile/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
mkdir -p fuzz/corpus/load
# cargo-fuzz builds with sanitizer flags that need nightly features; allow them on stable.
export RUSTC_BOOTSTRAP=1
exec cargo fuzz run load fuzz/corpus/load tests/fixtures/invalid tests/fixtures/hostile data \
    -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
