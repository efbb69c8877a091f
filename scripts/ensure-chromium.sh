#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the dashboard's browser tests (npm run test:browser,
# apps/dashboard/e2e). Installs it with apt-get when missing (as root, or through password-less sudo), with a
# CJK font so the Chinese labels render in the screenshots. Exit 0 when it is there (afterwards), 1 otherwise.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing and apt-get is not available: install Chromium by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ensure-chromium: not root and no password-less sudo: run 'apt-get install -y chromium fonts-noto-cjk' as root" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing chromium and fonts-noto-cjk (apt-get; a few minutes the first time)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2 || {
  echo "ensure-chromium: apt-get install of chromium failed" >&2
  exit 1
}
if [ ! -x /usr/bin/chromium ]; then echo "ensure-chromium: installed, but /usr/bin/chromium is still missing" >&2; exit 1; fi
exit 0
