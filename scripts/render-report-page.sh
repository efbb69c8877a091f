#!/usr/bin/env bash
# Prints the demo book's year-end large-credit report (wan) to PDF with LibreOffice headless and renders its first
# page to docs/large-credit-report-page1.png, the picture docs/operations.md shows.
# Usage: DATA_DIR=./demo-data scripts/render-report-page.sh [as-of, default 2025-12-31]
set -euo pipefail
AS_OF="${1:-2025-12-31}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
bash "$ROOT/scripts/ensure-libreoffice.sh"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
npm run -s cli -- report --as-of "$AS_OF" --format xlsx --unit wan --out "$WORK/large-credit.xlsx"
soffice "-env:UserInstallation=file://$WORK/profile" --headless --convert-to pdf --outdir "$WORK" "$WORK/large-credit.xlsx" >/dev/null
pdfinfo "$WORK/large-credit.pdf" | grep -E '^(Pages|Page size):' >&2
pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$WORK/large-credit.pdf" "$ROOT/docs/large-credit-report-page1"
echo "docs/large-credit-report-page1.png" >&2
