#!/bin/sh
# Renders the HTML reports to PNG with headless Chromium, for looking at by eye:
#   reports/screenshots/<name>.png         desktop, 1280 px wide
#   reports/screenshots/<name>.mobile.png  phone, 390 px wide
#   reports/screenshots/<name>.nojs.png    desktop without JavaScript (must read fully): the page's
#                                          <script> elements are cut out, since this Chromium's
#                                          headless --screenshot writes nothing when
#                                          --blink-settings=scriptEnabled=false
#   reports/screenshots/<name>.a4-N.png    page N of the A4 print (the print stylesheet)
# Sources: the HTML golden files (Tests/Golden/*.html) and, when `make demo` has written them,
# reports/*.html (named demo-<name>). Needs chromium, fonts-noto-cjk and poppler-utils
# (`make screenshots` installs them). Usage: scripts/screenshots.sh [file.html ...]
set -eu

cd "$(dirname "$0")/.."
OUT=reports/screenshots
HEIGHT=${SCREENSHOT_HEIGHT:-5000}
MOBILE_HEIGHT=${SCREENSHOT_MOBILE_HEIGHT:-12000}
CHROMIUM=${CHROMIUM:-chromium}

command -v "$CHROMIUM" >/dev/null || { echo "screenshots: $CHROMIUM not found (make screenshots installs it)" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "screenshots: pdftoppm not found (poppler-utils)" >&2; exit 2; }

mkdir -p "$OUT"
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT INT TERM

# chrome OUTFILE FLAGS... URL: one headless run with a throw-away profile, writing OUTFILE;
# Chromium's chatter is shown only when it fails or writes nothing.
chrome() {
    out=$1
    shift
    rm -f "$out"
    if ! "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --disable-dev-shm-usage --user-data-dir="$PROFILE/profile" "$@" >"$PROFILE/log" 2>&1 || [ ! -s "$out" ]; then
        grep -v dbus "$PROFILE/log" >&2
        echo "screenshots: chromium did not write $out" >&2
        return 1
    fi
}

if [ $# -gt 0 ]; then
    SOURCES="$*"
else
    SOURCES=$(ls Tests/Golden/*.html)
    for f in reports/*.html; do [ -e "$f" ] && SOURCES="$SOURCES $f"; done
fi

for src in $SOURCES; do
    name=$(basename "$src" .html)
    case "$src" in reports/*) name="demo-$name" ;; esac
    url="file://$(cd "$(dirname "$src")" && pwd)/$(basename "$src")"
    nojs="$PROFILE/$name.nojs.html"
    sed '/<script>/,/<\/script>/d' "$src" >"$nojs"
    chrome "$OUT/$name.png" --window-size=1280,"$HEIGHT" --screenshot="$OUT/$name.png" "$url"
    chrome "$OUT/$name.mobile.png" --window-size=390,"$MOBILE_HEIGHT" --screenshot="$OUT/$name.mobile.png" "$url"
    chrome "$OUT/$name.nojs.png" --window-size=1280,"$HEIGHT" --screenshot="$OUT/$name.nojs.png" "file://$nojs"
    chrome "$OUT/$name.pdf" --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="$OUT/$name.pdf" "$url"
    rm -f "$OUT/$name".a4-*.png
    pdftoppm -png -r 60 "$OUT/$name.pdf" "$OUT/$name.a4"
    echo "screenshots: $src -> $OUT/$name{,.mobile,.nojs}.png, $OUT/$name.pdf, $OUT/$name.a4-*.png"
done
