#!/usr/bin/env bash
# The importers, whole program, side by side with what it takes only to read the same file.
#
#   bench/import.sh            # RUNS=5 pairs per row by default
#
# Needs: cargo, tmux, GNU time (/usr/bin/time), awk, jq; xsv when present (`cargo install xsv`).
# Inputs are generated under bench/work/: an HR export of 100k and 1M rows
# (`examples/gen N --csv`), the same models written as orgtree JSON (`orgtree import csv … --format
# json`), and 1M BODS statements (`examples/bods gen`).
#
# Rows, each as A/B pairs run interleaved (A B, then B A, …), medians of both sides, and the
# median and min–max of the pairs' ratios A/B, with the load average before and after:
#   - the explorer's first frame on a 100k-row CSV, against the same model as JSON;
#   - `orgtree --check` of a 1M-row CSV, against `xsv count` (reading every record);
#   - `orgtree --dump --around … --depth 2` of 1M statements, against `jq -c empty` and against
#     serde_json checking each line (`examples/bods skim`, the least any reader does).
set -euo pipefail

cd "$(dirname "$0")/.."
here=$PWD
RUNS=${RUNS:-5}
cargo build --release --quiet --bin orgtree --example gen --example bods
orgtree=$here/target/release/orgtree
work=$here/bench/work
mkdir -p "$work"
export XDG_CACHE_HOME=$work/cache

for n in 100000 1000000; do
  [ -s "$work/hr-$n.csv" ] || "$here/target/release/examples/gen" "$n" --csv > "$work/hr-$n.csv"
  [ -s "$work/hr-$n.json" ] || "$orgtree" import csv "$work/hr-$n.csv" --format json > "$work/hr-$n.json"
done
bods=$work/psc-1000000.jsonl
[ -s "$bods" ] || "$here/target/release/examples/bods" gen 1000000 > "$bods"

# One run of a command: "<seconds> <peak KiB>".
timed() {
  local out
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" > /dev/null 2>&1 || true
  tail -n 1 "$out"
  rm -f "$out"
}
frame() { "$here/bench/first-frame.sh" "$1" "${@:2}"; }
load() { awk '{ print $1 }' /proc/loadavg; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -g | awk '{ v[NR] = $1 } END { printf "%s (%s–%s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

# pair NAME "A command" "B command": RUNS interleaved pairs of a measure (`timed` or `frame`).
pair() {
  local name=$1 measure=$2 a=$3 b=$4 before ta tb ra rb
  before=$(load)
  : > "$work/a" ; : > "$work/b" ; : > "$work/r" ; : > "$work/ma" ; : > "$work/mb"
  for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then
      read -r ta ra < <(eval "$measure $a"); read -r tb rb < <(eval "$measure $b")
    else
      read -r tb rb < <(eval "$measure $b"); read -r ta ra < <(eval "$measure $a")
    fi
    echo "$ta" >> "$work/a"; echo "$tb" >> "$work/b"
    echo "$ra" >> "$work/ma"; echo "$rb" >> "$work/mb"
    awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.3f\n", a / b }' >> "$work/r"
  done
  printf '| %s | %s s | %s s | %s | %s MiB | %s MiB | %s → %s |\n' "$name" \
    "$(median < "$work/a")" "$(median < "$work/b")" "$(spread < "$work/r")" \
    "$(( $(median < "$work/ma") / 1024 ))" "$(( $(median < "$work/mb") / 1024 ))" "$before" "$(load)"
}

echo "| A vs B | A | B | ratio A/B | A RSS | B RSS | load |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
pair "explorer, first frame: 100k-row CSV vs the same model as JSON" frame \
  "'hr-100000 ' $orgtree --no-cache $work/hr-100000.csv" \
  "'hr-100000 ' $orgtree --no-cache $work/hr-100000.json"
if command -v xsv > /dev/null; then
  pair "1M-row CSV: orgtree --check vs xsv count" timed \
    "$orgtree --check --no-cache $work/hr-1000000.csv" "xsv count $work/hr-1000000.csv"
fi
pair "1M-row CSV vs the same model as JSON: orgtree --check" timed \
  "$orgtree --check --no-cache $work/hr-1000000.csv" "$orgtree --check --no-cache $work/hr-1000000.json"
pair "1M BODS statements: --around vs jq -c empty" timed \
  "$orgtree --dump --no-cache --around GB-COH:00001234 --depth 2 $bods" "jq -c empty $bods"
pair "1M BODS statements: --around vs serde_json skim" timed \
  "$orgtree --dump --no-cache --around GB-COH:00001234 --depth 2 $bods" \
  "$here/target/release/examples/bods skim $bods"
