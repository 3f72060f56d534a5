#!/usr/bin/env bash
# orgtree and jless side by side on the same synthetic models, in one run.
#
#   bench/compare.sh                 # 10k, 100k and 1M entities
#   SIZES="10000 100000" bench/compare.sh
#   RUNS=5 bench/compare.sh          # A/B pairs per measurement (default 7, and 3 at a million)
#   BASELINE=old/orgtree bench/compare.sh   # also this build against another orgtree binary
#
# Needs: cargo, tmux, GNU time (/usr/bin/time) and awk. jless 0.9 is installed when missing
# (`cargo install jless --version 0.9.0 --locked`, after Debian's libxcb-render0-dev,
# libxcb-shape0-dev and libxcb-xfixes0-dev, installed with apt-get when run as root).
# Models are generated under bench/work/.
#
# For each size and syntax it runs orgtree and jless in interleaved pairs, and prints the
# medians of the time to first frame (120x40 tmux pane) and of the peak RSS, the median and
# min–max of the pairs' ratios, and the load average before and after; then, for orgtree
# alone, the load time against the bare parse by the same library, and --dump against the load.
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
# The model cache the runs write and read, away from the user's, empty at the start.
export XDG_CACHE_HOME=$work/cache
rm -rf "$XDG_CACHE_HOME"

# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One first frame of a command: "<seconds> <peak KiB>".
frame() { "$here/bench/first-frame.sh" "Synthetic organisation" "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# "median min max" of the numbers on stdin.
spread() { sort -g | awk '{ v[NR] = $1 } END { printf "%s %s %s\n", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
load() { cut -d' ' -f1 /proc/loadavg; }

# Runs A and B in RUNS interleaved pairs (A then B, then B then A, and so on, so that neither
# always runs on a warmer cache), and prints one table row: the medians of both, then the
# median and min–max of the pairs' ratios A/B, for time and for peak RSS, and the load average
# before and after.
pairs() {
  local label=$1 runs=$2 a=$3 b=$4 file=$5 bflag=$6 aflag=${7:-}
  local at=() bt=() ar=() br=() tr=() rr=() before after
  before=$(load)
  for i in $(seq "$runs"); do
    if [ $((i % 2)) = 1 ]; then
      read -r t1 r1 < <(frame "$a" $aflag "$file")
      read -r t2 r2 < <(frame "$b" $bflag "$file")
    else
      read -r t2 r2 < <(frame "$b" $bflag "$file")
      read -r t1 r1 < <(frame "$a" $aflag "$file")
    fi
    at+=("$t1") bt+=("$t2") ar+=("$r1") br+=("$r2")
    tr+=("$(ratio "$t1" "$t2")") rr+=("$(ratio "$r1" "$r2")")
  done
  after=$(load)
  read -r atm _ _ < <(printf '%s\n' "${at[@]}" | spread)
  read -r btm _ _ < <(printf '%s\n' "${bt[@]}" | spread)
  read -r arm _ _ < <(printf '%s\n' "${ar[@]}" | spread)
  read -r brm _ _ < <(printf '%s\n' "${br[@]}" | spread)
  read -r trm trl trh < <(printf '%s\n' "${tr[@]}" | spread)
  read -r rrm rrl rrh < <(printf '%s\n' "${rr[@]}" | spread)
  printf '%-15s | %8.3f %8.3f | %5s (%s–%s) | %7.0f %7.0f | %5s (%s–%s) | %s → %s\n' \
    "$label" "$atm" "$btm" "$trm" "$trl" "$trh" \
    "$(awk -v k="$arm" 'BEGIN { print k / 1024 }')" "$(awk -v k="$brm" 'BEGIN { print k / 1024 }')" \
    "$rrm" "$rrl" "$rrh" "$before" "$after"
}

echo "orgtree $("$orgtree" --version | awk '{ print $2 }') vs $("$JLESS" --version)${BASELINE:+, and vs $BASELINE}"
echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), $(date -u +%Y-%m-%d)"
echo "first frame in a 120x40 tmux pane and peak RSS; A/B ratios over interleaved pairs"
echo
header() {
  printf '%-15s | %8s %8s | %-17s | %7s %7s | %-17s | %s\n' \
    "model" "A s" "B s" "time A/B" "A MiB" "B MiB" "RSS A/B" "load before → after"
}
# Pairs per measurement: RUNS, or 7 (3 at a million entities).
runs_for() { echo "${RUNS:-$([ "$1" -ge 1000000 ] && echo 3 || echo 7)}"; }

echo "A = orgtree, B = jless"
header
for n in $SIZES; do
  runs=$(runs_for "$n")
  [ -s "$work/org-$n.yaml" ] || "$gen" "$n" >"$work/org-$n.yaml"
  [ -s "$work/org-$n.json" ] || "$gen" "$n" --json >"$work/org-$n.json"
  for syntax in yaml json; do
    pairs "$n $syntax" "$runs" "$orgtree" "$JLESS" "$work/org-$n.$syntax" "--$syntax" --no-cache
  done
done

# The second open of a file of 1 MiB and more: from the model cache, once an entry is written.
echo
echo "A = orgtree from its cache (a second open), B = jless; then B = orgtree --no-cache"
header
for n in $SIZES; do
  runs=$(runs_for "$n")
  for syntax in yaml json; do
    file=$work/org-$n.$syntax
    [ "$(stat -c %s "$file")" -ge 1048576 ] || continue
    "$orgtree" --check "$file" >/dev/null
    pairs "$n $syntax" "$runs" "$orgtree" "$JLESS" "$file" "--$syntax"
    pairs "$n $syntax" "$runs" "$orgtree" "$orgtree" "$file" --no-cache
  done
done

# Before and after: this build against another orgtree binary, on the same files.
if [ -n "${BASELINE:-}" ]; then
  echo
  echo "A = this orgtree, B = $BASELINE"
  header
  for n in $SIZES; do
    runs=$(runs_for "$n")
    for syntax in yaml json; do
      pairs "$n $syntax" "$runs" "$orgtree" "$BASELINE" "$work/org-$n.$syntax" "" --no-cache
    done
  done
fi

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
  check=$(seconds "$orgtree" --no-cache --check "$file")
  dumped=$(seconds "$orgtree" --no-cache --dump "$file")
  echo "$n $(basename "$file"): --check ${check}s, --dump ${dumped}s, ratio $(ratio "$dumped" "$check")"
done
