# usage-logger: build, install, test and release.
#
#   make                                 release build (Linux: the Swift runtime linked in statically)
#   make install PREFIX="$HOME/.local"   binary, man page and completions for your account only
#   sudo make install                    the same under /usr/local, after `make` as yourself
#   make uninstall PREFIX=...            removes exactly the files install wrote
#   make test                            the README's test command
#   make release                         dist/usage-logger-VERSION-linux-ARCH.tar.gz and dist/SHA256SUMS
#   make check-install                   installs into a temporary prefix and checks it as a new user would
#
# DESTDIR stages an install for a package build: make install DESTDIR=/tmp/stage PREFIX=/usr

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
INSTALL ?= install

BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
BASHDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# On Linux the Swift runtime is linked into the binary, so it keeps working when the toolchain moves or is
# removed, and starts without loading Swift's shared libraries. macOS has the runtime in the system.
ifeq ($(shell uname -s),Linux)
SWIFT_BUILD = $(SWIFT) build -c release --static-swift-stdlib
else
SWIFT_BUILD = $(SWIFT) build -c release
endif

# `.build/release` links to the platform's folder (.build/x86_64-unknown-linux-gnu/release, ...).
BIN = .build/release/usage-logger

# `sudo make install` must not build in your checkout: root-owned files left in .build would break your next
# build. When root finds a .build that belongs to someone else, it installs what `make` built instead, and
# refuses a binary older than the sources rather than installing it silently.
BUILD_OWNER := $(shell ls -nd .build 2>/dev/null | awk '{ print $$3 }')
ifneq ($(shell id -u),0)
INSTALL_NEEDS = build
else ifeq ($(filter-out 0,$(BUILD_OWNER)),)
INSTALL_NEEDS = build
else
INSTALL_NEEDS = built
endif

.PHONY: all build built install uninstall test release check-install clean

all: build

# Swift's own build decides what is out of date; an unchanged tree takes well under a second.
build:
	$(SWIFT_BUILD)

built:
	@test -x $(BIN) || { echo "$(BIN) is missing: run \`make\` first (as yourself, without sudo)" >&2; exit 1; }
	@test -z "$$(find Sources Package.swift -newer $(BIN) -print | head -1)" || { \
		echo "$(BIN) is older than the sources: run \`make\` first (as yourself, without sudo)" >&2; exit 1; }

# The completions are made by the binary itself, from the same declarations as --help, so they always match the
# version installed; written straight to their place (under sudo, nothing is written into your checkout).
install: $(INSTALL_NEEDS)
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(BASHDIR)" "$(DESTDIR)$(ZSHDIR)" \
		"$(DESTDIR)$(FISHDIR)"
	$(INSTALL) -m 755 $(BIN) "$(DESTDIR)$(BINDIR)/usage-logger"
	$(INSTALL) -m 644 usage-logger.1 "$(DESTDIR)$(MANDIR)/usage-logger.1"
	$(BIN) completions bash > "$(DESTDIR)$(BASHDIR)/usage-logger"
	$(BIN) completions zsh > "$(DESTDIR)$(ZSHDIR)/_usage-logger"
	$(BIN) completions fish > "$(DESTDIR)$(FISHDIR)/usage-logger.fish"
	chmod 644 "$(DESTDIR)$(BASHDIR)/usage-logger" "$(DESTDIR)$(ZSHDIR)/_usage-logger" \
		"$(DESTDIR)$(FISHDIR)/usage-logger.fish"

# Only the five files install wrote: folders stay (other programs use them), and your logs are never touched.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/usage-logger" "$(DESTDIR)$(MANDIR)/usage-logger.1" \
		"$(DESTDIR)$(BASHDIR)/usage-logger" "$(DESTDIR)$(ZSHDIR)/_usage-logger" \
		"$(DESTDIR)$(FISHDIR)/usage-logger.fish"

test:
	$(SWIFT) test

release:
	packaging/release.sh dist

check-install:
	packaging/check-install.sh

clean:
	$(SWIFT) package clean
	rm -rf dist
