#!/usr/bin/env bash
# Checks the log-shipping examples. Each agent's own config check runs where the agent is installed (vector
# validate, fluent-bit --dry-run, otelcol-contrib validate, alloy fmt); where it is not, that is said, and what can
# be checked without it still is: the YAML or TOML parses (python3's tomllib, PyYAML), and each example reads
# exactly the four logs, parses JSON, labels each log, starts new files at their first line, keeps its offsets
# and never globs the rotated or lock files. Those last checks run against a real log directory that the built
# usage-logger writes and rotates, so the patterns and time formats are tried on real files and records.
#
# Usage: examples/check.sh [USAGE_LOGGER]   (default: the release build, then `usage-logger` on PATH)
set -euo pipefail
cd "$(dirname "$0")"

bin=${1:-../.build/release/usage-logger}
[ -x "$bin" ] || bin=$(command -v usage-logger || true)
[ -n "$bin" ] || { echo "examples/check.sh: build usage-logger first (make)" >&2; exit 1; }
# A python3 with tomllib (3.11+) and PyYAML: the one on PATH, else Debian's (python3-yaml installs for that one).
python=
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import tomllib, yaml' 2>/dev/null; then python=$candidate; break; fi
done
[ -n "$python" ] ||
    { echo "examples/check.sh: needs python3 3.11+ with PyYAML (apt-get install python3-yaml)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A real log directory: every log, rotated twice, with the lock files beside them.
logs="$tmp/logs"
for _ in $(seq 1 12); do echo '{"usage_data":{"source":"command","state":"ok","windows":[]}}'; done >"$tmp/lines"
for kind in usage status diagnostics; do
    PET_USAGE_LOGGING_ENABLED=true PET_LOG_DIR="$logs" PET_LOG_MAX_SIZE=1KB PET_LOG_MAX_FILES=2 \
        "$bin" append "$kind" "$tmp/lines" 2>/dev/null
done
# sessions.jsonl is written by the hooks only; a copy of a record stands in for it.
grep -m1 . "$logs/usage.jsonl" >"$logs/sessions.jsonl"

# The examples name /home/you/.claude/pets/logs; point them at the real directory.
for file in vector/usage-logger.toml fluent-bit/usage-logger.yaml otelcol/usage-logger.yaml alloy/usage-logger.alloy
do
    mkdir -p "$tmp/$(dirname "$file")"
    sed "s|/home/you/.claude/pets/logs|$logs|g; s|/home/you/.local/state|$tmp/state|g" "$file" >"$tmp/$file"
done
mkdir -p "$tmp/state/vector" "$tmp/state/fluent-bit" "$tmp/state/otelcol"

"$python" - "$tmp" "$logs" <<'PY'
import glob, json, os, re, sys, tomllib, yaml

tmp, logs = sys.argv[1], sys.argv[2]
kinds = ["usage", "status", "diagnostics", "sessions"]
live = {os.path.join(logs, k + ".jsonl") for k in kinds}
present = set(glob.glob(os.path.join(logs, "*")))
assert {logs + "/usage.jsonl.1", logs + "/usage.jsonl.lock"} <= present, sorted(present)
failures = []

def check(name, condition, what):
    if not condition:
        failures.append(f"{name}: {what}")

def selects(name, patterns):
    """The files of the real directory the patterns pick: exactly the four live logs."""
    picked = {f for p in patterns for f in glob.glob(p)}
    check(name, picked == live, f"picks {sorted(picked)}, not the four logs")

def kind_regex(name, regex):
    """The regex that names the log picks the kind from each log and nothing from a rotated or lock file."""
    compiled = re.compile(regex.replace("(?<", "(?P<"))
    for path in sorted(present):
        match = compiled.search(path if "/" in regex else os.path.basename(path))
        expected = os.path.basename(path)[: -len(".jsonl")] if path in live else None
        check(name, (match.group("kind") if match else None) == expected, f"{regex} on {path}")

# Every record is one JSON object whose timestamp has the one form the examples parse (UTC, milliseconds).
for path in sorted(live):
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        check("logs", re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record["timestamp"]) is not None,
              f"timestamp {record['timestamp']!r}")

vector = tomllib.load(open(f"{tmp}/vector/usage-logger.toml", "rb"))
source = vector["sources"]["usage_logger"]
selects("vector", source["include"])
check("vector", source.get("read_from") == "beginning", "read_from is not beginning")
check("vector", source.get("fingerprint", {}).get("strategy") == "checksum", "fingerprint is not checksum")
check("vector", "multiline" not in source, "multiline is on")
check("vector", os.path.isdir(vector["data_dir"]), "data_dir is not a directory")
remap = vector["transforms"]["usage_logger_records"]["source"]
check("vector", "parse_json!(.message)" in remap, "no JSON parsing")
kind_regex("vector", re.search(r"r'([^']+)'", remap).group(1))
sink = vector["sinks"]["loki"]
check("vector", sink["labels"].get("kind") == "{{ kind }}" and sink["inputs"] == ["usage_logger_records"],
      "the sink does not label each log")

fluent = yaml.safe_load(open(f"{tmp}/fluent-bit/usage-logger.yaml"))
(tail,) = fluent["pipeline"]["inputs"]
selects("fluent-bit", tail["path"].split(","))
check("fluent-bit", tail.get("read_from_head") is True, "read_from_head is not true")
check("fluent-bit", tail.get("db") and tail.get("db.compare_filename") is True, "no offsets database by inode+name")
check("fluent-bit", int(tail.get("rotate_wait", 5)) >= 5, "rotate_wait below its default")
check("fluent-bit", not any(k.startswith("multiline") for k in tail), "multiline is on")
(parser,) = fluent["parsers"]
check("fluent-bit", parser["format"] == "json" and tail["parser"] == parser["name"], "no JSON parser")
check("fluent-bit", parser["time_key"] == "timestamp", "time is not the record's timestamp")
kind_regex("fluent-bit", tail["tag_regex"])
added = {f["match"]: f["add"] for f in fluent["pipeline"]["filters"] if f["name"] == "modify"}
check("fluent-bit", added == {f"usage_logger.{k}": f"kind {k}" for k in kinds}, f"kind labels {added}")
check("fluent-bit", "$kind" in fluent["pipeline"]["outputs"][0]["labels"], "Loki gets no kind label")

otel = yaml.safe_load(open(f"{tmp}/otelcol/usage-logger.yaml"))
receiver = otel["receivers"]["filelog/usage_logger"]
selects("otelcol", receiver["include"])
check("otelcol", receiver.get("start_at") == "beginning", "start_at is not beginning")
check("otelcol", receiver.get("storage") in otel["extensions"] and receiver["storage"] in otel["service"]["extensions"],
      "offsets are not stored")
check("otelcol", "multiline" not in receiver, "multiline is on")
operators = {op["type"]: op for op in receiver["operators"]}
check("otelcol", operators["json_parser"]["timestamp"]["parse_from"] == "attributes.timestamp", "no JSON parsing")
kind_regex("otelcol", operators["regex_parser"]["regex"])
pipeline = otel["service"]["pipelines"]["logs"]
check("otelcol", set(pipeline["processors"]) <= set(otel["processors"]) and
      set(pipeline["exporters"]) <= set(otel["exporters"]), "the pipeline names undefined components")

alloy = open(f"{tmp}/alloy/usage-logger.alloy", encoding="utf-8").read()
code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', re.sub(r"(?m)//.*$", "", alloy))  # strings and comments out
for opening, closing in ["{}", "[]", "()"]:
    check("alloy", code.count(opening) == code.count(closing), f"unbalanced {opening}{closing}")
check("alloy", alloy.count('"') % 2 == 0, "unbalanced quotes")
targets = re.findall(r'\{"__path__" = "([^"]+)", "job" = "usage-logger", "kind" = "([a-z]+)"\}', alloy)
selects("alloy", [path for path, _ in targets])
check("alloy", all(os.path.basename(path) == f"{kind}.jsonl" for path, kind in targets), "kind labels")
check("alloy", "tail_from_end = false" in alloy, "tail_from_end is not false")
check("alloy", "stage.json" in alloy and 'source = "timestamp"' in alloy, "no JSON timestamp")
check("alloy", "stage.multiline" not in alloy, "multiline is on")
for component in re.findall(r"\b((?:loki|local)\.[a-z_.]+)\.([a-z_]+)\.(?:receiver|targets)\b", code):
    check("alloy", re.search(rf'^{re.escape(component[0])} "{component[1]}" \{{', alloy, re.M) is not None,
          f"{'.'.join(component)} is not defined")

for failure in failures:
    print(f"examples/check.sh: FAILED: {failure}", file=sys.stderr)
if failures:
    sys.exit(1)
print("examples: YAML and TOML parse; each example reads exactly the four logs of a real rotated log directory, "
      "parses JSON, labels the kind, reads new files from their start and keeps offsets")
PY

# Each agent's own check, where it is installed.
not_run=()
run() { # NAME COMMAND...
    local name=$1
    shift
    if command -v "$1" >/dev/null 2>&1; then
        "$@" >"$tmp/$name.out" 2>&1 || { cat "$tmp/$name.out" >&2; echo "examples: $name: FAILED: $*" >&2; exit 1; }
        echo "examples: $name: passed: $*"
    else
        not_run+=("$name ($1 is not installed)")
    fi
}
run vector vector validate --no-environment "$tmp/vector/usage-logger.toml"
run fluent-bit fluent-bit --dry-run -c "$tmp/fluent-bit/usage-logger.yaml"
run otelcol otelcol-contrib validate --config="$tmp/otelcol/usage-logger.yaml"
run alloy alloy fmt "$tmp/alloy/usage-logger.alloy"
if [ ${#not_run[@]} -gt 0 ]; then
    echo "examples: NOT RUN by the agent's own check: $(printf '%s; ' "${not_run[@]}" | sed 's/; $//')"
fi
