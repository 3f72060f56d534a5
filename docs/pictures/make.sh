#!/usr/bin/env bash
# Renders the pictures the README shows, from orgtree's real outputs:
#   - the explorer in a real terminal (tmux), captured with its colours (tmux capture-pane -e),
#     turned into HTML (aha) and photographed by a headless browser (Chromium): the box chart at
#     80, 140 and 220 columns, and the ownership graph of Cloudwatt in 2014 and in 2015;
#   - the DOT export of the shipped model and Cloudwatt's ownership graph, drawn by Graphviz;
#   - the SVG export, photographed by Chromium;
#   - the Mermaid export, drawn by Mermaid itself (the pinned package of tests/mermaid) in Chromium.
# Needs tmux, aha, chromium, graphviz and npm (apt-get install tmux aha chromium graphviz npm).
# Run it from anywhere: docs/pictures/make.sh. It writes the PNGs beside itself.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo build --release --quiet --locked
bin="$root/target/release/orgtree"
work=$(mktemp -d)
socket="orgtree-pictures-$$"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The browser's view of a page: headless, no sandbox (it runs as whoever runs this), no GPU.
# The virtual time lets a page's scripts (Mermaid's) finish before the picture is taken.
photograph() { # PAGE PNG WIDTH HEIGHT
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
        --screenshot="$2" --window-size="$3,$4" "file://$1" 2>/dev/null
}

# The explorer after KEYS, in a terminal of COLS×ROWS, as NAME.png.
terminal() { # NAME COLS ROWS KEYS...
    local name=$1 cols=$2 rows=$3
    shift 3
    tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" \
        "env TERM=xterm-256color $bin"
    sleep 1
    for key in "$@"; do
        tmux -L "$socket" send-keys -l -- "$key"
        sleep 0.3
    done
    sleep 0.5
    tmux -L "$socket" capture-pane -e -p >"$work/$name.ans"
    tmux -L "$socket" kill-server
    # DejaVu Sans Mono at 14 px is 8.43 px wide; each row 16 px, so box lines join.
    {
        echo '<!doctype html><meta charset="utf-8"><style>'
        echo 'body{margin:0;background:#1d1f21;color:#d0d0d0}'
        echo 'pre{margin:10px;font:14px/16px "DejaVu Sans Mono",monospace}'
        echo '</style><pre>'
        aha --no-header --black <"$work/$name.ans"
        echo '</pre>'
    } >"$work/$name.html"
    photograph "$work/$name.html" "$here/$name.png" \
        $((cols * 843 / 100 + 20)) $((rows * 16 + 20))
}

terminal chart-80 80 24 c
terminal chart-140 140 40 c +
terminal chart-220 220 30 c + r
# Cloudwatt is the fourth row; `<` steps back to 2014-04-28, `>` on to 2015-03-16.
terminal owners-cloudwatt-2014 120 24 j j j O '<'
terminal owners-cloudwatt-2015 120 24 j j j O '>'

"$bin" --format dot | dot -Tpng -Gdpi=72 -o "$here/dot.png"
"$bin" --format dot --owners --root cloudwatt | dot -Tpng -Gdpi=96 -o "$here/owners-dot.png"

"$bin" --format svg --width 160 >"$work/chart.svg"
# The picture's own size, from its viewBox.
read -r width height < <(sed -n 's/.*viewBox="0 0 \([0-9.]*\) \([0-9.]*\)".*/\1 \2/p' "$work/chart.svg" | head -1)
photograph "$work/chart.svg" "$here/svg.png" "${width%.*}" "${height%.*}"

(cd tests/mermaid && npm ci --silent --no-audit --no-fund)
cp tests/mermaid/node_modules/mermaid/dist/mermaid.min.js "$work/"
{
    echo '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff">'
    echo '<pre class="mermaid">'
    "$bin" --format mermaid --owners --root cloudwatt | sed 's/&/\&amp;/g; s/</\&lt;/g'
    echo '</pre><script src="mermaid.min.js"></script>'
    echo '<script>mermaid.initialize({startOnLoad: true});</script>'
} >"$work/mermaid.html"
photograph "$work/mermaid.html" "$here/mermaid-owners.png" 1240 460

ls -l "$here"/*.png
