#!/usr/bin/env bash
# What a new user does after downloading usage-logger, checked: the README's `make install PREFIX="$HOME/.local"`
# with HOME an empty temporary folder, the installed program run from there with a minimal environment, the man
# page and completions found where man and the shells look, `make uninstall`, a staged install (DESTDIR), then
# the release tarball checked with its SHA256SUMS, unpacked into a prefix and run, and the Homebrew formula as far
# as Linux can. Reuses the release build (`make`), so it takes seconds once that is done; CI runs it after its
# release build. Never touches your HOME or your logs.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-install: FAILED: $*" >&2; exit 1; }
step() { echo "check-install: $*"; }

# As a new user's shell: nothing from ours but the tools, a HOME of its own, run from that HOME.
prefix="$tmp/home/.local"
as_user() { (cd "$tmp/home" && env -i HOME="$tmp/home" PATH="$prefix/bin:/usr/bin:/bin" LANG=C.UTF-8 "$@"); }
mkdir -p "$tmp/home"
installed="bin/usage-logger share/man/man1/usage-logger.1 share/bash-completion/completions/usage-logger
    share/zsh/site-functions/_usage-logger share/fish/vendor_completions.d/usage-logger.fish"

make --no-print-directory install PREFIX="$prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "make install PREFIX=$prefix"; }
for file in $installed; do
    [ -s "$prefix/$file" ] || fail "make install did not write PREFIX/$file"
done
[ -x "$prefix/bin/usage-logger" ] || fail "PREFIX/bin/usage-logger is not executable"
step "make install wrote the binary ($(du -h "$prefix/bin/usage-logger" | cut -f1)), man page and 3 completions"

version=$(as_user usage-logger --version) || fail "usage-logger --version"
[[ "$version" =~ ^usage-logger\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "--version printed '$version'"
step "$version, from PATH in an empty HOME"

if [ "$(uname -s)" = Linux ]; then
    if ldd "$prefix/bin/usage-logger" | grep 'libswift'; then
        fail "the installed binary needs Swift's shared libraries (not built with --static-swift-stdlib)"
    fi
    step "ldd: no libswift*.so (the Swift runtime is linked in): $(ldd "$prefix/bin/usage-logger" |
        awk '/=>/ { print $1 }' | tr '\n' ' ')"
fi

# The first commands of the README, without Claude Code: settings, a parse of a real capture, an append with
# logging on, and the report that reads it back, all under the empty HOME.
as_user usage-logger config >"$tmp/config.out" || fail "usage-logger config"
grep -q "Log directory:   $tmp/home/.claude/pets/logs" "$tmp/config.out" || fail "config names another log directory"
as_user usage-logger parse usage "$PWD/Tests/UsageLoggerTests/Fixtures/usage-2.1.55.txt" >"$tmp/parse.out" ||
    fail "usage-logger parse usage"
grep -q '"used_percent"' "$tmp/parse.out" || fail "parse usage printed no window"
grep -m1 '^{' "$tmp/parse.out" >"$tmp/record.jsonl"
as_user env PET_USAGE_LOGGING_ENABLED=true usage-logger append usage "$tmp/record.jsonl" >/dev/null 2>&1 ||
    fail "usage-logger append usage"
[ "$(stat -c %a "$tmp/home/.claude/pets/logs/usage.jsonl")" = 600 ] || fail "usage.jsonl is not 0600"
as_user usage-logger report --format json >"$tmp/report.out" || fail "usage-logger report"
step "config, parse usage, append (usage.jsonl 0600) and report work in an empty HOME"

if command -v man >/dev/null 2>&1; then
    # man-db maps ~/.local/bin on PATH to ~/.local/share/man: no MANPATH needed.
    found=$(as_user man -w usage-logger) || fail "man -w usage-logger finds no page for ~/.local/bin"
    [ "$found" = "$prefix/share/man/man1/usage-logger.1" ] || fail "man found $found"
    lines=$(MANPAGER=cat MANWIDTH=100 man -l "$found" 2>/dev/null | grep -c .) || fail "man -l cannot render the page"
    step "man usage-logger finds the page under ~/.local/share/man and renders it ($lines lines)"
else
    step "man is not installed here: the man page was only checked to exist"
fi

# Each shell loads the script from where the README says it looks, and completes `pro` to `probe`. bash: the
# bash-completion package would load it from ~/.local/share on demand; here it is sourced, as without that package.
share="$prefix/share"
got=$(as_user bash -c "source '$share/bash-completion/completions/usage-logger'
    COMP_WORDS=(usage-logger pro); COMP_CWORD=1; \$(complete -p usage-logger | sed -n 's/.*-F \\([^ ]*\\) .*/\\1/p')
    echo \"\${COMPREPLY[*]}\"") || fail "bash cannot load the completion"
[ "$got" = probe ] || fail "bash completes 'usage-logger pro' to '$got'"
checked="bash"
if command -v zsh >/dev/null 2>&1; then
    got=$(as_user zsh -f -c "fpath=(~/.local/share/zsh/site-functions \$fpath); autoload -Uz compinit
        compinit -u -d ~/.zcompdump; print -r -- \${_comps[usage-logger]}") || fail "zsh compinit failed"
    [ "$got" = _usage-logger ] || fail "zsh's compinit does not find _usage-logger on fpath (got '$got')"
    zsh -n "$share/zsh/site-functions/_usage-logger" || fail "the zsh completion does not parse"
    checked="$checked, zsh"
fi
if command -v fish >/dev/null 2>&1; then
    # fish looks in ~/.local/share/fish/vendor_completions.d by itself.
    got=$(as_user fish -c "complete -C 'usage-logger pro'" | cut -f1) || fail "fish cannot load the completion"
    [ "$got" = probe ] || fail "fish completes 'usage-logger pro' to '$got'"
    checked="$checked, fish"
fi
step "completions load where each shell looks and complete 'usage-logger pro' to probe: $checked$(
    [ "$checked" = "bash, zsh, fish" ] || echo " (the other shells are not installed here)")"

make --no-print-directory uninstall PREFIX="$prefix" >/dev/null || fail "make uninstall"
for file in $installed; do
    [ ! -e "$prefix/$file" ] || fail "make uninstall left PREFIX/$file"
done
make --no-print-directory install DESTDIR="$tmp/stage" PREFIX=/usr >/dev/null || fail "make install DESTDIR="
[ -x "$tmp/stage/usr/bin/usage-logger" ] || fail "DESTDIR install did not stage usr/bin/usage-logger"
step "make uninstall removed every file; DESTDIR=… PREFIX=/usr stages under DESTDIR"

if [ "$(uname -s)" = Linux ]; then
    packaging/release.sh "$tmp/dist" >/dev/null 2>"$tmp/release.log" ||
        { cat "$tmp/release.log" >&2; fail "release.sh"; }
    (cd "$tmp/dist" && sha256sum -c --quiet SHA256SUMS) || fail "sha256sum -c SHA256SUMS"
    tarball=$(cd "$tmp/dist" && ls usage-logger-*-linux-*.tar.gz)
    [ "$tarball" = "usage-logger-${version#usage-logger }-linux-$(uname -m).tar.gz" ] || fail "tarball named $tarball"
    mkdir -p "$tmp/prefix"
    tar -xzf "$tmp/dist/$tarball" -C "$tmp/prefix" --strip-components=1
    for file in $installed share/doc/usage-logger/README.md share/doc/usage-logger/CHANGELOG.md; do
        [ -s "$tmp/prefix/$file" ] || fail "$tarball has no $file"
    done
    [ "$("$tmp/prefix/bin/usage-logger" --version)" = "$version" ] || fail "the tarball's binary is another version"
    step "$tarball ($(du -h "$tmp/dist/$tarball" | cut -f1)): sha256sum -c SHA256SUMS, unpacked into a prefix, runs"
fi

# The Homebrew formula cannot be tried here (no macOS): its syntax, and its install block against a stand-in DSL.
if command -v ruby >/dev/null 2>&1; then
    ruby -c packaging/homebrew/usage-logger.rb >/dev/null || fail "packaging/homebrew/usage-logger.rb: ruby -c"
    checked=$(ruby packaging/homebrew/check-formula.rb) || fail "packaging/homebrew/check-formula.rb"
    step "$checked"
else
    step "ruby is not installed: the Homebrew formula was NOT checked (apt-get install ruby)"
fi

echo "check-install passed in $(($(date +%s) - started)) s"
