#!/usr/bin/env bash
# The metrics through the real tools, as a new user would wire them: records appended with `usage-logger append`,
# `usage-logger metrics --textfile DIR`, `promtool check metrics` on the file, a real node_exporter serving DIR
# (textfile collector only) and a real Prometheus scraping it every second, both on 127.0.0.1 at free ports; then
# Prometheus's HTTP API must return the window percentages recorded (as ratios). Everything lives in a temporary
# directory; both servers are stopped on any exit. Needs Debian's `prometheus` and `prometheus-node-exporter`
# packages (or the upstream binaries on PATH), curl and python3. USAGE_LOGGER picks the binary (default: the
# release build, else the debug one). Prints how long it took; measured at about 6 s.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s.%N)

binary=${USAGE_LOGGER:-}
for candidate in .build/release/usage-logger .build/debug/usage-logger; do
    if [ -z "$binary" ] && [ -x "$candidate" ]; then binary=$PWD/$candidate; fi
done
[ -n "$binary" ] || { echo "prometheus-check: build usage-logger first (swift build)" >&2; exit 1; }
node_exporter=$(command -v prometheus-node-exporter || command -v node_exporter || true)
for tool in prometheus promtool curl python3; do
    command -v "$tool" >/dev/null || { echo "prometheus-check: $tool is missing (apt-get install prometheus)" >&2; exit 1; }
done
[ -n "$node_exporter" ] || { echo "prometheus-check: apt-get install prometheus-node-exporter" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP  # through the EXIT trap: the servers are stopped when this is interrupted too

# Until `$@` succeeds, at most `$1` seconds: polled, never a fixed wait.
within() {
    local limit=$1
    shift
    local deadline=$(($(date +%s) + limit))
    until "$@"; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# 1. A log directory with one reading of two windows, a status record and an active warning.
export HOME="$work/home" PET_LOG_DIR="$work/logs" PET_PROBE_DIR="$work/probe"
mkdir -p "$HOME" "$work/textfile"
resets=$(date -u -d '+3 hours' +%Y-%m-%dT%H:00:00.000Z)
"$binary" append usage 2>/dev/null <<EOF
{"usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":37,"resets_at":"$resets"},{"name":"Current week (all models)","used_percent":61.5,"resets_at":null}]}}
EOF
"$binary" append status 2>/dev/null <<<'{"email":null,"version":"2.1.332","model":"Opus"}'
"$binary" append diagnostics 2>/dev/null <<<'{"diagnostic_type":"path","severity":"warning","message":"~/.local/bin is not in your \"PATH\"","details":{"event":"appeared"}}'

# 2. The textfile, and promtool's verdict on it (its lint included: it fails on any naming problem).
"$binary" metrics --textfile "$work/textfile"
promtool check metrics <"$work/textfile/usage_logger.prom"
echo "promtool check metrics: ok ($(promtool --version 2>&1 | head -1))"

# 3. node_exporter with the textfile collector alone, and Prometheus scraping it every second.
exporter_port=$(free_port)
"$node_exporter" --web.listen-address="127.0.0.1:$exporter_port" --collector.disable-defaults \
    --collector.textfile --collector.textfile.directory="$work/textfile" --log.level=warn 2>"$work/exporter.log" &
pids+=($!)
within 20 curl -fsS -o "$work/scraped" "http://127.0.0.1:$exporter_port/metrics" ||
    { cat "$work/exporter.log" >&2; exit 1; }
grep -q '^usage_logger_window_used_ratio{' "$work/scraped" || { echo "node_exporter serves no usage_logger_ metric" >&2; exit 1; }
echo "node_exporter serves the textfile: ok ($("$node_exporter" --version 2>&1 | head -1))"

prometheus_port=$(free_port)
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: usage-logger
    static_configs:
      - targets: ["127.0.0.1:$exporter_port"]
EOF
promtool check config "$work/prometheus.yml" >/dev/null
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn 2>"$work/prometheus.log" &
pids+=($!)

# 4. Prometheus's HTTP API must give back what was recorded: 0.37 and 0.615, labelled by window and source.
matches() {
    curl -fsS "http://127.0.0.1:$prometheus_port/api/v1/query?query=usage_logger_window_used_ratio" 2>/dev/null |
        python3 -c '
import json, sys
try:
    result = json.load(sys.stdin)["data"]["result"]
except ValueError:
    sys.exit(1)  # not up yet
got = {(r["metric"]["window"], r["metric"]["source"]): float(r["value"][1]) for r in result}
want = {("Current session", "command"): 0.37, ("Current week (all models)", "command"): 0.615}
sys.exit(0 if got == want else 1)'
}
within 45 matches || {
    echo "Prometheus never returned the recorded ratios; its log:" >&2
    cat "$work/prometheus.log" >&2
    exit 1
}
echo "Prometheus query usage_logger_window_used_ratio: 0.37 and 0.615 as recorded ($(prometheus --version 2>&1 | head -1))"

# 5. Every query of the Grafana dashboard is valid PromQL to this Prometheus, and those of the panels that show
#    the recorded readings return data (Grafana's variables given their "All" values).
python3 - "$prometheus_port" examples/grafana/usage-logger-dashboard.json <<'PY'
import json, sys, urllib.parse, urllib.request
port, path = sys.argv[1], sys.argv[2]
dashboard = json.load(open(path))
for key in ("title", "uid", "schemaVersion", "panels", "templating"):
    assert key in dashboard, f"the dashboard has no {key}"
ids = [panel["id"] for panel in dashboard["panels"]]
assert len(ids) == len(set(ids)), "panel ids repeat"
for panel in dashboard["panels"]:
    for key in ("type", "title", "gridPos", "targets", "datasource"):
        assert key in panel, f"panel {panel.get('title')} has no {key}"
    for target in panel["targets"]:
        expr = target["expr"].replace("$instance", ".*").replace("$__range", "1h")
        url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        answer = json.load(urllib.request.urlopen(url))
        assert answer["status"] == "success", f"{panel['title']}: {answer}"
        if panel["title"] in ("Now", "Active diagnostics", "Claude Code versions", "Age of the latest reading"):
            assert answer["data"]["result"], f"{panel['title']}: no data for {expr}"
print(f"Grafana dashboard: {len(ids)} panels, every query accepted by Prometheus")
PY
awk -v from="$started" -v to="$(date +%s.%N)" 'BEGIN { printf "prometheus-check passed in %.1f s\n", to - from }'
