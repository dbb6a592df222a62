#!/usr/bin/env bash
# Headless Chromium and its driver for the browser tests (e2e-tests, package
# dev.agenticchat.e2e.browser), from Debian's packages: the tests never download a browser.
#
#   deploy/local/chromium.sh
#
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver exist.
# Installing needs root (apt-get); the package lists are refreshed once, before installing.
set -euo pipefail

log() { printf '[chromium] %s\n' "$*" >&2; }

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
(( EUID == 0 )) || { log "error: /usr/bin/chromium or /usr/bin/chromedriver is missing; run this script as root to install them"; exit 1; }
command -v apt-get >/dev/null || { log "error: no apt-get: install Chromium and chromedriver at /usr/bin/chromium and /usr/bin/chromedriver by hand"; exit 1; }

export DEBIAN_FRONTEND=noninteractive
log "installing chromium and chromium-driver from the Debian archive (one time)"
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { log "error: installed, yet /usr/bin/chromium or /usr/bin/chromedriver is missing"; exit 1; }
log "$(/usr/bin/chromium --version 2>/dev/null || echo chromium), $(/usr/bin/chromedriver --version 2>/dev/null | head -1)"
