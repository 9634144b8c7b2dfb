#!/bin/sh
# The project's test command: installs fazhi with its test extras (dev: pytest,
# ruff, mypy …; browser: playwright), the system tools the rendering/browser
# tests use when the machine can install them, then runs pytest (which also
# runs ruff, mypy and the import-layer check).
# FAZHI_NO_APT=1 skips the apt step; the tests that need those tools then skip.
set -e
cd "$(dirname "$0")/.."
python -m pip install -q -e '.[dev,browser]'
if [ -z "$FAZHI_NO_APT" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=""
  command -v chromium >/dev/null 2>&1 || need="$need chromium"
  command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
  command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
  fc-list 2>/dev/null | grep -qi "cjk\|wqy\|noto sans sc" || need="$need fonts-noto-cjk"
  if [ -n "$need" ]; then
    echo "scripts/test.sh: apt-get install$need (up to ~550 MB, a few minutes: the browser,"
    echo "  .docx→PDF rendering and CJK font tests use them; FAZHI_NO_APT=1 skips this)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null) \
      || echo "note: could not install$need; tests that need them will be skipped"
  fi
fi
exec python -m pytest "$@"
