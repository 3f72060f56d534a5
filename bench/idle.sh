#!/usr/bin/env bash
# How much CPU an idle explorer uses: each binary runs in a 120x40 tmux pane on each model,
# is left alone, and its user+system CPU time is read from /proc over a window. Binaries are
# measured in interleaved pairs (A, B, A, B…) so a busy machine weighs on both alike.
#
#   bench/idle.sh                        # the release build, on the models below
#   BINARIES="old/orgtree target/release/orgtree" bench/idle.sh   # A/B against another build
#   RUNS=5 WINDOW=10 bench/idle.sh       # pairs per model (default 3), seconds per window (5)
#
# Models (generated under bench/work/): the embedded one; 100k events on 1,000 entities; 60
# entities each holding 1/60 of every other (dense cross-holdings). Needs tmux and python3.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
WINDOW=${WINDOW:-5}
BINARIES=${BINARIES:-target/release/orgtree}
work=bench/work
mkdir -p "$work"
[ -z "${NO_BUILD:-}" ] && cargo build --release --quiet --bin orgtree

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/events-100k.yaml", "w") as f:
    f.write("title: events\nas_of: 2020-01-01\nentities:\n")
    for i in range(1000):
        f.write(f"  - {{id: e{i}, name: Entity {i}, kind: team}}\n")
    f.write("events:\n")
    for i in range(100_000):
        y, d = 1900 + i % 120, 1 + i % 28
        f.write(f"  - {{date: {y}-01-{d:02}, kind: event, description: event {i}, entities: [e{i % 1000}]}}\n")
with open(f"{work}/dense-60.yaml", "w") as f:
    f.write("title: dense\nentities:\n")
    for i in range(60):
        f.write(f"  - {{id: e{i}, name: Entity {i}, kind: company}}\n")
    f.write("stakes:\n")
    for i in range(60):
        for j in range(60):
            if i != j:
                f.write(f"  - {{owner: e{i}, owned: e{j}, share: 1/60}}\n")
PY

ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

measure() { # binary model
  local session=idle-$$ pid before after
  tmux new-session -d -s "$session" -x 120 -y 40 "$1 $2"
  pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
  # Idle starts after the first frame (the title bar shows the date), and a second to settle.
  until tmux capture-pane -t "$session" -p | grep -q ' as of '; do sleep 0.2; done
  sleep 1
  before=$(cpu "$pid")
  sleep "$WINDOW"
  after=$(cpu "$pid")
  tmux kill-session -t "$session"
  # A build that outlives its terminal (as orgtree did before it watched for the hang-up)
  # must not go on spinning beside the next measurement.
  kill -9 "$pid" 2>/dev/null || true
  awk -v t="$((after - before))" -v hz="$ticks" -v w="$WINDOW" \
    'BEGIN { printf "%.1f\n", 100 * t / hz / w }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for model in "" "$work/events-100k.yaml" "$work/dense-60.yaml"; do
  for binary in $BINARIES; do
    : >"$work/idle-$(basename "$(dirname "$binary")")"
  done
  for _ in $(seq "$RUNS"); do
    for binary in $BINARIES; do
      measure "$binary" "$model" >>"$work/idle-$(basename "$(dirname "$binary")")"
    done
  done
  for binary in $BINARIES; do
    values=$(sort -g "$work/idle-$(basename "$(dirname "$binary")")" | paste -sd' ')
    echo "${model:-embedded model}  $binary  idle CPU % (sorted runs): $values"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
