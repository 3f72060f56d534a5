#!/usr/bin/env bash
# Time to first frame and peak RSS of one interactive command, in a detached tmux pane.
#
#   bench/first-frame.sh MARKER COMMAND...
#
# Starts COMMAND under `/usr/bin/time -v` in a 120x40 tmux pane, polls the pane until MARKER
# appears (the first frame is drawn), then sends `q` and waits for the command to end (the pane stays, dead, until then).
# Prints one line: "<seconds to first frame> <peak RSS in KiB>".
set -euo pipefail

marker=$1
shift
session="orgtree-bench-$$"
# A tmux server of its own: nobody else's `tmux kill-server` ends a measurement, and this one
# leaves nobody else's sessions behind or in the way.
tmux() { command tmux -L "$session" "$@"; }
rss_file=$(mktemp)
socket="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$session"
trap 'tmux kill-server 2>/dev/null || true; rm -f "$rss_file" "$socket"' EXIT

command=$(printf '%q ' "$@")
start=$(date +%s.%N)
# The pane stays after the command ends, so that its end can be seen without a race with the
# server, which would otherwise exit with its last pane.
tmux new-session -d -s "$session" -x 120 -y 40 "/usr/bin/time -f %M -o $rss_file $command" \; \
  set-option -t "$session" remain-on-exit on
while ! tmux capture-pane -p -t "$session" 2>/dev/null | grep -qF -- "$marker"; do
  if [ "$(tmux display-message -p -t "$session" '#{pane_dead}' 2>/dev/null || echo 1)" = 1 ]; then
    echo "the command ended before drawing '$marker'" >&2
    exit 1
  fi
  sleep 0.01
done
end=$(date +%s.%N)
tmux send-keys -t "$session" q
until [ "$(tmux display-message -p -t "$session" '#{pane_dead}')" = 1 ]; do
  sleep 0.01
done
awk -v s="$start" -v e="$end" -v r="$(tail -n 1 "$rss_file")" 'BEGIN { printf "%.3f %s\n", e - s, r }'
