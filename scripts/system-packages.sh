#!/usr/bin/env bash
# Install the Debian packages the book needs (PDF via XeLaTeX with CJK fonts, PDF text
# tools, Chromium for the browser test, iproute2/unshare for the offline build test),
# only those that are missing. Uses sudo when not root; without sudo it stops and names
# the exact packages to install.
set -euo pipefail

PACKAGES=(
  texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk
  fonts-freefont-otf tex-gyre fonts-noto-cjk texlive-lang-cjk texlive-lang-chinese
  poppler-utils chromium iproute2 util-linux
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: these Debian packages are needed but apt-get is not available: ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "error: not root and no sudo; as root run:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
