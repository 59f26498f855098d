#!/usr/bin/env bash
# Create a virtual environment (if missing) and install pinned requirement files into it,
# printing each stage with the seconds elapsed so that no minute passes in silence.
#
#   tools/install_env.sh VENV REQUIREMENTS_FILE...
#
# The installer is uv (from PyPI, the version pinned below, installed into the environment
# with pip): it installs the same exactly pinned set as pip, downloading and unpacking in
# parallel, in seconds rather than minutes. If uv cannot be installed or fails, pip installs
# the same files. INSTALLER=pip skips uv altogether. PYTHON picks the interpreter that makes
# the environment (default python3). Caches: UV_NO_CACHE=1 / PIP_NO_CACHE_DIR=1 as usual.
set -euo pipefail

UV_VERSION=0.13.9
venv=${1:?usage: tools/install_env.sh VENV REQUIREMENTS_FILE...}
shift
python=${PYTHON:-python3}
installer=${INSTALLER:-uv}
case $installer in uv | pip) ;; *)
  echo "INSTALLER must be 'uv' or 'pip' (got '$installer')" >&2
  exit 2
  ;;
esac

stage() { printf '==> [%3ds] %s\n' "$SECONDS" "$*"; }

if [ ! -x "$venv/bin/python" ]; then
  stage "creating $venv with $("$python" --version 2>&1) ($python)"
  "$python" -m venv "$venv"
fi
py=$venv/bin/python
uv=$venv/bin/uv

if [ "$installer" = uv ] && ! "$uv" --version 2>/dev/null | grep -qF "uv $UV_VERSION"; then
  stage "installing the installer: uv $UV_VERSION from PyPI"
  if ! "$py" -m pip install --disable-pip-version-check --progress-bar on "uv==$UV_VERSION"; then
    stage "could not install uv: pip installs everything instead (slower)"
    installer=pip
  fi
fi

for req in "$@"; do
  if [ "$installer" = uv ]; then
    stage "installing $req with uv $UV_VERSION"
    # uv copies from its cache (no hardlink warnings when the cache is on another disk).
    if VIRTUAL_ENV=$venv UV_LINK_MODE=${UV_LINK_MODE:-copy} "$uv" pip install --python "$py" -r "$req"; then
      continue
    fi
    stage "uv failed on $req: trying again with pip"
  fi
  stage "installing $req with pip"
  "$py" -m pip install --disable-pip-version-check --progress-bar on -r "$req"
done
stage "environment $venv ready"
