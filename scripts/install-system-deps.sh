#!/usr/bin/env bash
# Installs the Debian packages Qt needs offscreen and in a real window (the xcb
# platform plugin), the spelling dictionary, the document-rendering tools, the
# virtual screen used to drive the real window by keyboard and PostgreSQL (the
# test suite starts a throw-away cluster of its own), only when they are
# missing, so that running it twice costs nothing, a clean Debian 12 machine
# passes `make test` and `make run` opens a window.
set -euo pipefail

PACKAGES=(
  # Qt offscreen
  libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
  # Qt in a real window: what the xcb platform plugin links against
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  # a virtual screen, typing into it and screenshots of it (scripts/live_typing.py)
  xvfb xdotool imagemagick
  # British English spelling
  libenchant-2-2 hunspell-en-gb
  # rendering checks of exported documents
  libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2
  # the team server: the test suite starts a throw-away PostgreSQL cluster of its own
  postgresql
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian-family system; install the Qt runtime libraries yourself" >&2
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
