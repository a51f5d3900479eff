#!/usr/bin/env bash
# Every test of renaksi, from a fresh Debian or Ubuntu machine: installs
# what the tests use (each tool only when it is missing), then runs them.
#
#   tests/run.sh
#
# The tests read PDFs with poppler's pdftotext/pdfinfo/pdffonts and zbarimg
# (zbar-tools, to scan the QR code of an electronic signature block), run
# the batch progress bar on a pseudo-terminal with util-linux `script`, and
# check signed PDFs with tools independent of renaksi: openssl makes the
# test CA and keys, pdfsig (poppler), pyHanko and qpdf verify.
# `renaksi diff --git` and its use as git's diff program are tested with git.
# Exported workbooks are read back with openpyxl and LibreOffice headless
# (which also writes a workbook that must import). The browser editor is
# driven in headless Chromium with playwright-core (Node.js).
# Formatting (rustfmt) and lints (clippy -D warnings) must be clean.
#
# Installing needs root (or sudo); a machine that has everything installs
# nothing. RENAKSI_TANPA_PASANG=1 skips the installs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${RENAKSI_TANPA_PASANG:-}" ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  packages=()
  command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || packages+=(poppler-utils)
  command -v script >/dev/null || packages+=(bsdutils)
  command -v zbarimg >/dev/null || packages+=(zbar-tools)
  command -v openssl >/dev/null || packages+=(openssl)
  command -v qpdf >/dev/null || packages+=(qpdf)
  command -v git >/dev/null || packages+=(git)
  command -v soffice >/dev/null || packages+=(libreoffice-calc-nogui)
  command -v chromium >/dev/null || packages+=(chromium)
  command -v npm >/dev/null || packages+=(nodejs npm)
  command -v python3 >/dev/null || packages+=(python3 python3-pip)
  if [ ${#packages[@]} -gt 0 ]; then
    echo "memasang paket Debian: ${packages[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
  fi
  # pip refuses a system Python managed by Debian unless told otherwise.
  pip=(python3 -m pip install --quiet)
  python3 -m pip install --help 2>/dev/null | grep -q -- --break-system-packages \
    && pip+=(--break-system-packages)
  python3 -m pyhanko --version >/dev/null 2>&1 \
    || "${pip[@]}" pyhanko==0.38.0 pyhanko-cli==0.6.0
  python3 -c "import openpyxl" >/dev/null 2>&1 || "${pip[@]}" openpyxl==3.1.5
  # playwright-core, pinned in tests/browser/package-lock.json; it uses
  # the system Chromium and downloads no browser.
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi

# The house rules first: formatting and lints name the line at fault.
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings

cargo test

# The browser editor (`renaksi serve`, `renaksi server`) in Debian's Chromium.
node tests/browser/editor.mjs target/debug/renaksi
# `renaksi server`: three users at once, each in its own browser context.
node tests/browser/server.mjs target/debug/renaksi
