#!/bin/sh
# The project's test command: installs fazhi with its test extras, the system
# tools the rendering/browser tests use when the machine can install them, then runs pytest.
set -e
cd "$(dirname "$0")/.."
python -m pip install -q -e '.[dev]'
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=""
  command -v chromium >/dev/null 2>&1 || need="$need chromium"
  command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
  command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
  fc-list 2>/dev/null | grep -qi "cjk\|wqy\|noto sans sc" || need="$need fonts-noto-cjk"
  if [ -n "$need" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null) \
      || echo "note: could not install$need; tests that need them will be skipped"
  fi
fi
exec python -m pytest "$@"
