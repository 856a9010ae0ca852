#!/usr/bin/env sh
# Debian's Chromium and ChromeDriver for the browser tests (Playwright drives
# /usr/bin/chromium; it never downloads a browser of its own).
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium chromium-driver'." >&2
  exit 1
fi
echo "installing Debian chromium and chromium-driver for the browser tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
