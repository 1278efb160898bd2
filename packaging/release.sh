#!/usr/bin/env bash
# Builds the Linux release: usage-logger-VERSION-linux-ARCH.tar.gz (the Swift runtime linked in statically, so it
# needs only the C library, libstdc++ and libm of any glibc Linux) and SHA256SUMS, in OUTDIR (default dist).
#
# The tarball is laid out as a prefix, so it unpacks straight into one:
#   tar -xzf usage-logger-0.1.0-linux-x86_64.tar.gz -C ~/.local --strip-components=1
# bin/usage-logger, share/man/man1/usage-logger.1, the bash, zsh and fish completions under share/, and
# share/doc/usage-logger/ (README.md, CHANGELOG.md, LICENSE when the repository has one).
#
# Reproducible from one commit: files sorted, owned by 0:0, dated at the commit (SOURCE_DATE_EPOCH), gzip without
# a name or time stamp. Reuses an up-to-date release build (`make` does the same build).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-dist}
if [ "$(uname -s)" != Linux ]; then
    echo "release.sh builds the Linux tarball; on macOS install with the Homebrew formula in packaging/homebrew" >&2
    exit 64
fi

swift build -c release --static-swift-stdlib
bin=.build/release/usage-logger
if ldd "$bin" 2>/dev/null | grep -q 'libswift'; then
    echo "release.sh: $bin links Swift's shared libraries; it must be built with --static-swift-stdlib" >&2
    exit 70
fi

# `usage-logger --version` prints "usage-logger 0.1.0".
version=$("$bin" --version | awk '{ print $2 }')
case "$version" in
    [0-9]*.[0-9]*.[0-9]*) ;;
    *) echo "release.sh: cannot read the version from \`$bin --version\`" >&2; exit 70 ;;
esac
name="usage-logger-$version-linux-$(uname -m)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d" "$root/share/doc/usage-logger"
install -m 755 "$bin" "$root/bin/usage-logger"
install -m 644 usage-logger.1 "$root/share/man/man1/usage-logger.1"
for shell in bash zsh fish; do "$bin" completions "$shell" >"$stage/completion.$shell"; done
install -m 644 "$stage/completion.bash" "$root/share/bash-completion/completions/usage-logger"
install -m 644 "$stage/completion.zsh" "$root/share/zsh/site-functions/_usage-logger"
install -m 644 "$stage/completion.fish" "$root/share/fish/vendor_completions.d/usage-logger.fish"
for doc in README.md CHANGELOG.md LICENSE LICENSE.md LICENSE.txt; do
    if [ -f "$doc" ]; then install -m 644 "$doc" "$root/share/doc/usage-logger/$doc"; fi
done

epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p "$out"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" |
    gzip -9n >"$out/$name.tar.gz"

# One line per tarball in OUTDIR, so tarballs built on other machines (aarch64) can be added beside this one.
(cd "$out" && sha256sum usage-logger-*.tar.gz >SHA256SUMS)
echo "$out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)), $out/SHA256SUMS"
