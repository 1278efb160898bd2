#!/bin/sh
# Renders the report page for a generated month (ReportPageDemo) and takes screenshots of it in headless
# Chromium, to look at: desktop (1280 px), phone (390 px) and the dark scheme.
#   Benchmarks/report-page.sh [OUT_DIR]        (default: .build/report-page)
# Needs chromium (Debian: apt-get install chromium). Set ZONE for another time zone (default Europe/Berlin).
set -eu
cd "$(dirname "$0")/.."
out=${1:-.build/report-page}
mkdir -p "$out"
out=$(cd "$out" && pwd)
swift build --product usage-logger-bench >/dev/null
.build/debug/usage-logger-bench "$PWD" --report-page "$out/report.html" "${ZONE:-Europe/Berlin}"

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "no chromium on PATH: install it (apt-get install -y chromium) to take the screenshots" >&2
    exit 69
fi
shot() { # NAME WIDTH HEIGHT [FLAGS...]
    name=$1 width=$2 height=$3
    shift 3
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions \
        --user-data-dir="$out/profile" --screenshot="$out/$name.png" --window-size="$width,$height" "$@" \
        "file://$out/report.html" >/dev/null 2>&1
    echo "$out/$name.png"
}
shot desktop 1280 5000
shot phone 390 9800
shot dark 1280 5000 --force-dark-mode --blink-settings=preferredColorScheme=0
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir="$out/profile" \
    --no-pdf-header-footer --print-to-pdf="$out/print.pdf" "file://$out/report.html" >/dev/null 2>&1
echo "$out/print.pdf"
