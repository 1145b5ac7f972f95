#!/usr/bin/env bash
# Set up booklet: system libraries and fonts, then a virtual environment in .venv.
#   scripts/setup.sh          what building handouts needs
#   scripts/setup.sh --test   also what the tests need (poppler-utils, zbar-tools, chromium, pytest, ...)
# Debian/Ubuntu (apt-get, as root or with sudo) and macOS (Homebrew) are supported.
set -euo pipefail
cd "$(dirname "$0")/.."

test_mode=false
[ "${1:-}" = "--test" ] && test_mode=true

# scribus-data: the CMYK output profile of --pdfx (ISO Coated v2 300%, basICColor, zlib licence).
deb=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-core fonts-noto-cjk
     scribus-data)
brew_pkgs=(pango harfbuzz fontconfig)
brew_fonts=(font-noto-sans font-noto-naskh-arabic font-noto-sans-cjk-sc)
if $test_mode; then
  # chromium: the studio's browser tests drive it through Playwright (no browser download).
  deb+=(poppler-utils zbar-tools gettext chromium)
  brew_pkgs+=(poppler zbar gettext)
  brew_fonts+=(chromium)
fi

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${deb[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  python3 -m venv --help >/dev/null 2>&1 || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
elif command -v brew >/dev/null 2>&1; then
  brew install "${brew_pkgs[@]}"
  brew install --cask "${brew_fonts[@]}" || echo "install the Noto fonts by hand if the casks are missing" >&2
else
  echo "setup: no apt-get or brew; install Pango, HarfBuzz (with libharfbuzz-subset) and the Noto fonts yourself" >&2
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if $test_mode; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
