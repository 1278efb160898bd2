#!/usr/bin/env bash
# compat.sh: usage-logger against real Claude Code releases, from 2.1.1 to the newest.
#
#   Benchmarks/compat.sh [SDK_VERSION...]      the releases of Benchmarks/compat-releases.txt, or those given
#   COMPAT_KEEP=DIR Benchmarks/compat.sh       also keep the screens it read as DIR/<release>-<what>.txt
#
# For each release (a claude-agent-sdk version whose wheel bundles the CLI; ../shared/tools/real-claude fetches
# it once per machine) it prepares a fresh sandbox HOME and runs, offline:
#   status, usage   `claude /status` and `claude /usage` in tmux (an independent terminal: what the screen shows),
#                   then `usage-logger probe status|usage`, and compares every field the screen shows;
#   trust           `usage-logger probe status` in a new, untrusted dedicated directory: the prompt is answered,
#                   the dialog read, the directory trusted;
#   api status/usage the same two against ../shared/tools/fake-anthropic-api (loopback only), which makes the CLI
#                   a signed-in subscriber, so /usage shows plan windows where the release supports them.
# It prints a Markdown table: each check ✔ or ✘ with the fields that differ, the probes' time and the processes
# of that release's claude left running afterwards. Exit 0 when every check is right.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "compat.sh needs tmux (apt-get install tmux)" >&2; exit 69; }
swift build -c release --product usage-logger >&2
export COMPAT_TOOLS="${COMPAT_TOOLS:-$(cd .. && pwd)/shared/tools}"
exec python3 - "$@" <<'PY'
import fcntl, json, os, pty, re, select, shutil, signal, socket, struct, subprocess, sys, tempfile, termios, time, uuid

ROOT = os.getcwd()
TOOLS = os.environ["COMPAT_TOOLS"]
BINARY = os.path.join(ROOT, ".build/release/usage-logger")
HOME = "/tmp/usage-logger-compat/home"
KEEP = os.environ.get("COMPAT_KEEP")


def releases():
    rows = []
    for line in open(os.path.join(ROOT, "Benchmarks/compat-releases.txt")):
        words = line.split("#")[0].split()
        if len(words) >= 2:
            rows.append((words[0], words[1]))
    wanted = sys.argv[1:]
    return [r for r in rows if not wanted or r[0] in wanted] + [(w, "?") for w in wanted if w not in dict(rows)]


def fetch(sdk):
    env = dict(os.environ, REAL_CLAUDE_VERSION=sdk)
    out = subprocess.run(["bash", os.path.join(TOOLS, "real-claude")], env=env, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1] if out.returncode == 0 and out.stdout.strip() else None


def sandbox(sdk):
    shutil.rmtree(os.path.dirname(HOME), ignore_errors=True)
    os.makedirs(HOME)
    env = dict(os.environ, REAL_CLAUDE_VERSION=sdk)
    out = subprocess.run(["bash", os.path.join(TOOLS, "real-claude"), "--sandbox", HOME], env=env,
                         capture_output=True, text=True, check=True).stdout
    # SHELL as tmux gives its panes: the PATH warning names that shell's rc file.
    clean = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color", "SHELL": "/bin/bash"}
    for line in out.splitlines():
        if line.startswith("export "):
            name, value = line[7:].split("=", 1)
            clean[name] = value.strip("'")
    clean.update(PET_CLAUDE_COMMAND=clean["CLAUDE_BIN"], PET_PROBE_DIR=clean["PROBE_DIR"],
                 XDG_STATE_HOME=HOME + "/.local/state", PET_LOGGING_DEBUG="true")
    return clean


def screen(env, command):
    """What a terminal shows for `claude <command>`, without usage-logger: the CLI runs in a 200x50 pseudo-terminal
    of this script (answering only cursor-position queries, as the probe does) until its output has rested for
    1.5 s, as a person would read it (2.1.176 shows the plan windows, then drops them when its refresh fails: the
    probe reads them, and so does this), and tmux renders the bytes it wrote."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(env["PROBE_DIR"])
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        os.execve(env["CLAUDE_BIN"], [env["CLAUDE_BIN"], command], env)
    raw, started, last = bytearray(), time.time(), time.time()
    while time.time() - started < 12 and not (raw and time.time() - last > 1.5):
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
            last = time.time()
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
    # Ended as the probe ends it (SIGTERM, then SIGKILL after a grace period): a CLI killed outright counts it as a
    # failed start of its full-screen renderer, and after a few turns that renderer off for the next runs.
    os.kill(pid, signal.SIGTERM)
    for _ in range(30):
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    with tempfile.NamedTemporaryFile(suffix=".raw", delete=False) as f:
        f.write(raw)
    sock = "ulcompat%d" % os.getpid()
    tmux = ["tmux", "-L", sock]
    try:
        subprocess.run(tmux + ["new-session", "-d", "-x", "200", "-y", "50", "stty -echo; cat '%s'; sleep 30" % f.name],
                       check=True)
        time.sleep(1)
        text = subprocess.run(tmux + ["capture-pane", "-p"], capture_output=True, text=True).stdout
        return text, transient_windows(bytes(raw))
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)
        os.unlink(f.name)


def transient_windows(raw):
    """Plan windows drawn at any moment, read from the bytes: 2.1.176 draws them, then redraws the dialog without
    them when its refresh fails, so the screen that rests no longer shows what the probe saw."""
    text = re.sub(r"\x1b\[(\d*)C", lambda m: " " * int(m.group(1) or 1), raw.decode("utf-8", "replace"))
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", text)
    titles = list(dict.fromkeys(re.findall(r"Current session|Current week \([^)]*\)", text)))
    percents = [int(p) for p in re.findall(r"(\d+)% used", text)]
    return list(zip(titles, list(dict.fromkeys(percents))))


def status_truth(text):
    rows = {}
    for name in ("Version", "Session ID", "Model", "cwd"):
        m = re.search(r"^\s*%s:\s+(\S.*?)\s*$" % re.escape(name), text, re.M)
        rows[name] = m.group(1) if m else None
    lines = text.split("\n")
    header = next((i for i, l in enumerate(lines) if re.search(r"Status\s+Config", l)), len(lines))
    notices = [re.sub(r"^\s*⚠\s*", "", l).strip() for l in lines[:header] if l.strip().startswith("⚠")]
    warnings, indent = [], None
    start = next((i for i, l in enumerate(lines) if re.match(r"^\s*System [Dd]iagnostics\s*$", l)), None)
    for line in lines[start + 1:] if start is not None else []:
        if re.search(r"Esc to|←/→", line):
            break
        stripped = line.strip()
        if stripped.startswith("⚠"):
            warnings.append(re.sub(r"^⚠\s*", "", stripped))
            indent = len(line) - len(line.lstrip())
        elif stripped and warnings and len(line) - len(line.lstrip()) > indent:
            warnings[-1] += " " + re.sub(r"\s+", " ", stripped)
    return {"version": rows["Version"], "session": rows["Session ID"], "model": rows["Model"], "cwd": rows["cwd"],
            "warnings": warnings, "notices": notices}


def usage_truth(text, transient=()):
    truth = {"state": None, "message": None, "windows": [], "cost": {}}
    m = re.search(r"(/usage is only available for subscription plans\.|Unknown skill: usage)", text)
    if m:
        truth.update(state="unavailable", message=m.group(1))
    elif "Failed to load usage data" in text:
        truth["state"] = "error"
    for name, value in re.findall(r"^\s*(Total cost|Estimated cost|Total duration \(API\)|Total duration \(wall\)|"
                                  r"Total code changes|Usage):\s+(\S.*?)\s*$", text, re.M):
        truth["cost"].setdefault(name, value)
    lines = [l for l in text.split("\n") if l.strip()]
    for i, line in enumerate(lines):
        m = re.search(r"(\d+)% used", line)
        if m and i > 0:
            truth["windows"].append((lines[i - 1].strip(), int(m.group(1))))
    truth["windows"] = truth["windows"] or list(transient)
    if truth["state"] is None and (truth["cost"] or truth["windows"]):
        truth["state"] = "ok"
    return truth


def claude_processes(binary):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if binary.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def probe(env, kind, extra=None):
    started = time.time()
    out = subprocess.run([BINARY, "probe", kind], env=dict(env, **(extra or {})), capture_output=True, text=True,
                         timeout=120)
    elapsed = time.time() - started
    left = claude_processes(env["CLAUDE_BIN"])
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        record = json.loads(out.stdout)
    except ValueError:
        record = {}
    return out.returncode, record, elapsed, len(left), out.stderr.strip()


def compare_status(truth, code, record):
    data = record.get("status_data") or {}
    wrong = []
    if code != 0: wrong.append("exit %d" % code)
    if record.get("version") != truth["version"]: wrong.append("version")
    if record.get("model") != truth["model"]: wrong.append("model")
    if data.get("working_directory") != truth["cwd"]: wrong.append("cwd")
    try:
        uuid.UUID(data.get("session_id") or "")
    except ValueError:
        wrong.append("session")
    if truth["session"] is None: wrong.append("screen without session")
    if (record.get("diagnostics") or {}).get("warnings") != truth["warnings"]: wrong.append("warnings")
    if data.get("notices", []) != truth["notices"]: wrong.append("notices")
    return wrong


def compare_usage(truth, code, record):
    data = record.get("usage_data") or {}
    wrong = []
    if code != 0 and truth["state"] != "error": wrong.append("exit %d" % code)
    if data.get("state") != truth["state"]: wrong.append("state %s" % data.get("state"))
    if truth["message"] and data.get("message") != truth["message"]: wrong.append("message")
    cost = data.get("cost") or {}
    t = truth["cost"]
    shown = t.get("Total cost") or t.get("Estimated cost")
    if shown and cost.get("total_cost") != shown.split(" (")[0]: wrong.append("cost")
    if t.get("Total duration (API)") and cost.get("api_duration") != t["Total duration (API)"]: wrong.append("api")
    if t.get("Total duration (wall)") and not cost.get("wall_duration"): wrong.append("wall")
    if t.get("Total code changes") and cost.get("code_changes") != t["Total code changes"]: wrong.append("changes")
    if t.get("Usage"):
        tokens = cost.get("tokens") or {}
        text = "%s input, %s output, %s cache read, %s cache write" % tuple(
            tokens.get(k) for k in ("input", "output", "cache_read", "cache_write"))
        if text != t["Usage"]: wrong.append("tokens")
    windows = [(w.get("name"), w.get("used_percent")) for w in data.get("windows") or []]
    if windows != truth["windows"]: wrong.append("windows")
    return wrong


def cell(wrong):
    return "✔" if not wrong else "✘ " + ", ".join(wrong)


def fake_api():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, os.path.join(TOOLS, "fake-anthropic-api"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, {"ANTHROPIC_BASE_URL": "http://127.0.0.1:%d" % port,
                    "CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-compat"}


def keep(name, text):
    if KEEP:
        os.makedirs(KEEP, exist_ok=True)
        with open(os.path.join(KEEP, name + ".txt"), "w") as f:
            f.write(text)


def main():
    server, api = fake_api()
    print("| Claude Code | SDK | status | usage | trust prompt | status (API) | usage (API) | time (s) | left |")
    print("|---|---|---|---|---|---|---|---|---|")
    failures = 0
    try:
        for sdk, listed in releases():
            binary = fetch(sdk)
            if not binary:
                print("| %s | %s | fetch failed | | | | | | |" % (listed, sdk))
                failures += 1
                continue
            version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split()[0]
            cells, seconds, left = [], [], 0
            for extra, suffix in ((None, ""), (api, "-api")):
                env = sandbox(sdk)
                env.update(extra or {})
                for kind, truth_of, compare in (("status", status_truth, compare_status),
                                                ("usage", usage_truth, compare_usage)):
                    text, transient = screen(env, "/" + kind)
                    keep("%s-%s%s" % (version, kind, suffix), text)
                    code, record, elapsed, leftover, _ = probe(env, kind)
                    truth = truth_of(text, transient) if kind == "usage" else truth_of(text)
                    cells.append(cell(compare(truth, code, record)))
                    if os.environ.get("COMPAT_DEBUG") and cells[-1] != "✔":
                        print(json.dumps({"truth": truth, "record": record}, indent=1), file=sys.stderr)
                    seconds.append(elapsed)
                    left += leftover
                if extra is None:  # the trust prompt, offline, in a directory never trusted
                    fresh = HOME + "/fresh-probe"
                    code, record, elapsed, leftover, _ = probe(env, "status", {"PET_PROBE_DIR": fresh})
                    trusted = json.load(open(HOME + "/.claude.json")).get("projects", {}).get(fresh, {})
                    wrong = [] if code == 0 else ["exit %d" % code]
                    if record.get("version") != version: wrong.append("version")
                    if (record.get("status_data") or {}).get("working_directory") != fresh: wrong.append("cwd")
                    if not trusted.get("hasTrustDialogAccepted"): wrong.append("not trusted")
                    cells.append(cell(wrong))
                    seconds.append(elapsed)
                    left += leftover
            failures += sum(1 for c in cells if c != "✔") + (1 if left else 0)
            order = [cells[0], cells[1], cells[2], cells[3], cells[4]]
            print("| %s | %s | %s | %.1f–%.1f | %d |" % (version, sdk, " | ".join(order), min(seconds), max(seconds),
                                                         left), flush=True)
    finally:
        server.terminate()
        shutil.rmtree(os.path.dirname(HOME), ignore_errors=True)
    sys.exit(1 if failures else 0)


main()
PY
