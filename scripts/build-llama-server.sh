#!/usr/bin/env bash
# Builds llama.cpp's llama-server offline from the source that node-llama-cpp ships as a git bundle,
# and caches the binary per llama.cpp release, so the ≈4-minute build happens once per machine.
# Prints the binary's path on stdout (progress goes to stderr).
#
#   scripts/build-llama-server.sh [path/to/node_modules/node-llama-cpp]
#
# The cache is ~/.cache/robustlens/llama-server/<release>/llama-server (XDG_CACHE_HOME honoured).
# It is built for this CPU (llama.cpp's default GGML_NATIVE), so do not copy the cache elsewhere.
set -euo pipefail

pkg="${1:-node_modules/node-llama-cpp}"
if [[ ! -d "$pkg" ]]; then
  echo "no node-llama-cpp at $pkg: install it, or pass the path of an installed copy" >&2
  exit 2
fi
pkg="$(cd "$pkg" && pwd)"
bundle="$pkg/llama/gitRelease.bundle"
info="$pkg/llama/llama.cpp.info.json"
if [[ ! -f "$bundle" || ! -f "$info" ]]; then
  echo "no llama.cpp source bundle under $pkg/llama (install node-llama-cpp first)" >&2
  exit 2
fi

release="$(node -e 'process.stdout.write(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).tag)' "$info")"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/robustlens/llama-server/$release"
binary="$cache/llama-server"
if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "building llama-server $release in $work (a few minutes)" >&2
git clone --quiet "$bundle" "$work/src" 2>/dev/null
# The prebuilt web UI is downloaded by default; the UI, OpenSSL, tests and examples are not needed.
nice -n 19 cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
  -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_OPENSSL=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DBUILD_SHARED_LIBS=OFF >&2
nice -n 19 cmake --build "$work/build" --target llama-server -j "$(nproc)" >&2

mkdir -p "$cache"
# Copy then rename, so a concurrent reader never sees a half-written binary.
cp "$work/build/bin/llama-server" "$binary.tmp.$$"
mv "$binary.tmp.$$" "$binary"
echo "$binary"
