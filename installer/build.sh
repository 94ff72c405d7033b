#!/usr/bin/env bash
# Build the one-folder bundle (dist/BranchDesk) and smoke-test it: create a demo store with the
# bundled binary and read its status back. Windows: run the same steps in a Git Bash shell, then
# wrap dist/BranchDesk with installer/branchdesk.iss (Inno Setup).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e . pyinstaller
.venv/bin/pyinstaller --noconfirm --distpath dist --workpath build installer/branchdesk.spec
tmp=$(mktemp -d)
export PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring XDG_DATA_HOME="$tmp/keyring"
./dist/BranchDesk/desk-app --data-dir "$tmp/data" demo >/dev/null
./dist/BranchDesk/desk-app --data-dir "$tmp/data" status --json
echo "bundle OK: dist/BranchDesk"
