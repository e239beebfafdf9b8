#!/usr/bin/env bash
# llama.cpp's pp/tg tokens/s on one GGUF file, through node-llama-cpp's prebuilt CPU binaries (no compiler needed).
# Installs node-llama-cpp from npm into bench/peers/node_modules on first use (git-ignored).
# Usage: bench/peers/llama-cpp.sh FILE.gguf [--pp 512] [--tg 32] [--threads 1,2] [--reps 1] [--json]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 FILE.gguf [--pp N] [--tg N] [--threads 1,2] [--reps N] [--json]" >&2; exit 2; }
model="$1"; shift
[ -f "$model" ] || { echo "llama-cpp.sh: $model: no such file" >&2; exit 2; }
command -v node >/dev/null || { echo "llama-cpp.sh: node is not installed (apt-get install -y nodejs npm)" >&2; exit 1; }
if [ ! -d "$here/node_modules/node-llama-cpp" ]; then
  echo "llama-cpp.sh: installing node-llama-cpp (package.json) into $here/node_modules ..." >&2
  # --ignore-scripts: its postinstall would try to download or build binaries; the prebuilt ones come as
  # optional dependencies (@node-llama-cpp/linux-x64 etc.) and getLlama({build: "never"}) uses them.
  (cd "$here" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
fi
exec node "$here/llama-cpp-bench.mjs" --model "$model" "$@"
