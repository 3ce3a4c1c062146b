#!/usr/bin/env bash
# Installs moto, the EC2 emulator the end-to-end tests run against, into a
# Python virtual environment, once. Usage: install.sh VENV_DIR
set -euo pipefail
venv="${1:?usage: install.sh VENV_DIR}"
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if [ -x "$venv/bin/moto_server" ]; then
  exit 0
fi
echo "installing moto into $venv (once; about a minute)" >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server,ec2]==5.2.5"
