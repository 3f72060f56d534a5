#!/usr/bin/env bash
# Time to first frame and peak RSS of one interactive command, in a detached tmux pane.
#
#   bench/first-frame.sh MARKER COMMAND...
#
# Starts COMMAND under `/usr/bin/time -v` in a 120x40 tmux pane, polls the pane until MARKER
# appears (the first frame is drawn), then sends `q` and waits for the command to end.
# Prints one line: "<seconds to first frame> <peak RSS in KiB>".
set -euo pipefail

marker=$1
shift
session="orgtree-bench-$$"
rss_file=$(mktemp)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -f "$rss_file"' EXIT

command=$(printf '%q ' "$@")
start=$(date +%s.%N)
tmux new-session -d -s "$session" -x 120 -y 40 \
  "/usr/bin/time -f %M -o $rss_file $command; tmux wait-for -S $session-done"
while ! tmux capture-pane -p -t "$session" 2>/dev/null | grep -qF -- "$marker"; do
  if ! tmux has-session -t "$session" 2>/dev/null; then
    echo "the command ended before drawing '$marker'" >&2
    exit 1
  fi
  sleep 0.01
done
end=$(date +%s.%N)
tmux send-keys -t "$session" q
tmux wait-for "$session-done"
awk -v s="$start" -v e="$end" -v r="$(tail -n 1 "$rss_file")" 'BEGIN { printf "%.3f %s\n", e - s, r }'
