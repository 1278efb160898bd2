# Homebrew formula for usage-logger: builds from source with the Swift toolchain of Xcode, installs the binary,
# the man page and the bash, zsh and fish completions (made by the binary itself).
#
# NOT TESTED: this project's CI runs on Linux, with no macOS and no Homebrew; only `ruby -c` checks this file's
# syntax there. Before publishing it in a tap, set `url` and `sha256` to the release's source archive
# (`shasum -a 256 usage-logger-0.1.0.tar.gz`) and `homepage` to the repository, then run
# `brew install --build-from-source usage-logger`, `brew test usage-logger` and `brew audit --strict usage-logger`.
class UsageLogger < Formula
  desc "Records Claude Code plan usage limits as JSON lines, with a report and a status line"
  homepage "https://example.com/usage-logger"
  url "https://example.com/usage-logger/archive/refs/tags/v0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"

  # Package.swift asks for swift-tools-version 6.2, which Xcode 26 brings.
  depends_on xcode: ["26.0", :build]
  depends_on :macos

  def install
    # Homebrew builds in its own sandbox; SwiftPM's nested sandbox cannot start inside it.
    system "swift", "build", "--disable-sandbox", "--configuration", "release", "--product", "usage-logger"
    bin.install ".build/release/usage-logger"
    man1.install "usage-logger.1"
    # Runs `usage-logger completions bash|zsh|fish`; installed as usage-logger, _usage-logger, usage-logger.fish.
    generate_completions_from_executable(bin/"usage-logger", "completions")
  end

  test do
    assert_match "usage-logger #{version}", shell_output("#{bin}/usage-logger --version")
    # Nothing is recorded while logging is off (the default), and config names the log directory.
    assert_match "Logging is off", shell_output("#{bin}/usage-logger config")
    (testpath/"usage.txt").write <<~EOS
      Current session
      ██                                                 4% used
      Resets 12pm (America/New_York)
    EOS
    assert_match "\"used_percent\":4", shell_output("#{bin}/usage-logger parse usage #{testpath}/usage.txt")
  end
end
