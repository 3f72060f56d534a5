#!/usr/bin/env bash
# orgtree and jless side by side on the same synthetic models, in one run.
#
#   bench/compare.sh                 # 10k, 100k and 1M entities
#   SIZES="10000 100000" bench/compare.sh
#   RUNS=5 bench/compare.sh          # runs per measurement (the median is kept; default 3,
#                                    # and 1 at a million entities)
#
# Needs: cargo, tmux, GNU time (/usr/bin/time) and awk. jless 0.9 is installed when missing
# (`cargo install jless --version 0.9.0 --locked`, after Debian's libxcb-render0-dev,
# libxcb-shape0-dev and libxcb-xfixes0-dev, installed with apt-get when run as root).
# Models are generated under bench/work/.
#
# For each size and syntax it prints the time to first frame (120x40 tmux pane) and the peak
# RSS of both programs with their ratios; then, for orgtree alone, the load time against the
# bare parse by the same library, and --dump against the load.
set -euo pipefail

cd "$(dirname "$0")/.."
here=$PWD
SIZES=${SIZES:-"10000 100000 1000000"}
JLESS=${JLESS:-$(command -v jless || echo "$HOME/.cargo/bin/jless")}

# On a fresh machine, install jless 0.9 (and the X libraries it links) when it is missing.
if ! command -v "$JLESS" >/dev/null; then
  echo "compare.sh: installing jless 0.9.0" >&2
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq libxcb-render0-dev libxcb-shape0-dev libxcb-xfixes0-dev >/dev/null
  fi
  cargo install jless --version 0.9.0 --locked --quiet
  JLESS=$HOME/.cargo/bin/jless
fi

for tool in tmux /usr/bin/time awk "$JLESS"; do
  if ! command -v "$tool" >/dev/null; then
    echo "compare.sh: $tool is missing (see the comment at the top of this script)" >&2
    exit 2
  fi
done

cargo build --release --quiet --bin orgtree --example gen --example timing
orgtree=$here/target/release/orgtree
gen=$here/target/release/examples/gen
timing=$here/target/release/examples/timing
work=$here/bench/work
mkdir -p "$work"

# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Runs `bench/first-frame.sh` RUNS times; prints "<median seconds> <median KiB>".
first_frame() {
  local runs=$1
  shift
  local times=() rss=()
  for _ in $(seq "$runs"); do
    read -r t r < <("$here/bench/first-frame.sh" "Synthetic organisation" "$@")
    times+=("$t")
    rss+=("$r")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "orgtree $("$orgtree" --version | awk '{ print $2 }') vs $("$JLESS" --version)"
echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), $(date -u +%Y-%m-%d)"
echo
printf '%-9s %-5s %9s | %12s %12s %6s | %12s %12s %6s\n' \
  entities file MB "orgtree s" "jless s" ratio "orgtree MiB" "jless MiB" ratio
for n in $SIZES; do
  runs=${RUNS:-$([ "$n" -ge 1000000 ] && echo 1 || echo 3)}
  [ -s "$work/org-$n.yaml" ] || "$gen" "$n" >"$work/org-$n.yaml"
  [ -s "$work/org-$n.json" ] || "$gen" "$n" --json >"$work/org-$n.json"
  for syntax in yaml json; do
    file=$work/org-$n.$syntax
    jless_flag=$([ "$syntax" = yaml ] && echo --yaml || echo --json)
    read -r ot orss < <(first_frame "$runs" "$orgtree" "$file")
    read -r jt jrss < <(first_frame "$runs" "$JLESS" "$jless_flag" "$file")
    printf '%-9s %-5s %9.1f | %12.3f %12.3f %6s | %12.0f %12.0f %6s\n' \
      "$n" "$syntax" "$(awk -v s="$(stat -c %s "$file")" 'BEGIN { print s / 1e6 }')" \
      "$ot" "$jt" "$(ratio "$ot" "$jt")" \
      "$(awk -v k="$orss" 'BEGIN { print k / 1024 }')" \
      "$(awk -v k="$jrss" 'BEGIN { print k / 1024 }')" "$(ratio "$orss" "$jrss")"
  done
done

echo
echo "orgtree's own work against the bare parse of the same text by the same library:"
for n in $SIZES; do
  for syntax in yaml json; do
    "$timing" "$work/org-$n.$syntax"
  done
done

echo
echo "--dump against --check (load only), whole program, median of 3:"
for n in $SIZES; do
  file=$work/org-$n.yaml
  [ "$n" -ge 1000000 ] && file=$work/org-$n.json
  seconds() {
    for _ in 1 2 3; do
      /usr/bin/time -f %e -o "$work/time.txt" "$@" >/dev/null 2>&1
      cat "$work/time.txt"
    done | median
  }
  check=$(seconds "$orgtree" --check "$file")
  dumped=$(seconds "$orgtree" --dump "$file")
  echo "$n $(basename "$file"): --check ${check}s, --dump ${dumped}s, ratio $(ratio "$dumped" "$check")"
done
