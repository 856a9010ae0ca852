#!/usr/bin/env sh
# Print the path of a Python 3.10 interpreter: python3.10 on PATH, then pyenv's
# versions. Rasa 3.6 needs Python < 3.11; on another version pip would quietly
# install Rasa 1.x, so we stop instead.
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
for candidate in python3.10 python3 python; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  # pyenv shims exist for every version; only use one that really runs 3.10.
  if is310 "$path"; then echo "$path"; exit 0; fi
done
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for path in "$root"/versions/3.10*/bin/python3.10; do
  if [ -x "$path" ] && is310 "$path"; then echo "$path"; exit 0; fi
done
echo "ERROR: no Python 3.10 found (looked on PATH and in $root/versions)." >&2
echo "Rasa 3.6 needs Python 3.10. Install it, e.g. 'pyenv install 3.10', then run make again." >&2
exit 1
