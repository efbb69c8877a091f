#!/usr/bin/env bash
# Makes sure LibreOffice Calc (soffice) and poppler-utils (pdfinfo, pdftotext, pdftoppm) are installed, so the
# large-credit xlsx can be converted to PDF and its pages checked (libs/projections/src/reports/*.print.int-spec.ts).
# Debian/Ubuntu only; installs with apt-get when a tool is missing (as root, or through sudo when available).
# Exit 0 when the tools are there (afterwards), 1 when they are missing and could not be installed.
set -u
missing() { ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; }
if ! missing; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-libreoffice: soffice or poppler-utils missing and apt-get is not available" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ensure-libreoffice: not root and no password-less sudo: install libreoffice-calc and poppler-utils by hand" >&2
    exit 1
  fi
fi
echo "ensure-libreoffice: installing libreoffice-calc and poppler-utils (apt-get; a few minutes the first time)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc poppler-utils fonts-noto-cjk >&2 || {
  echo "ensure-libreoffice: apt-get install failed" >&2
  exit 1
}
if missing; then echo "ensure-libreoffice: installed, but soffice or pdftoppm is still not on PATH" >&2; exit 1; fi
exit 0
