#!/usr/bin/env bash
# PyTorch's CPU time for the Llama 3.2 Vision encoder (random weights), Debian's python3-torch:
# runs ../shared/bench/vision_encoder_torch.py (one JSON line on stdout; per-run times on stderr).
# Usage: bench/peers/torch-vision.sh --tiles 1|4 [--threads 2] [--dtype float32] [--reps 1]
#        [--local-layers 32] [--global-layers 8]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
script="${TORCH_VISION_SCRIPT:-$root/../shared/bench/vision_encoder_torch.py}"
[ -f "$script" ] || { echo "torch-vision.sh: $script: not found (set TORCH_VISION_SCRIPT)" >&2; exit 2; }
# Debian's torch lives in /usr/lib/python3/dist-packages: the system interpreter, not a virtual environment's.
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "torch-vision.sh: python3-torch is missing; installing it with apt-get" >&2
  apt-get install -y python3-torch >&2
fi
exec /usr/bin/python3 "$script" "$@"
