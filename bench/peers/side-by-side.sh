#!/usr/bin/env bash
# Tessera next to its peers on one machine, in one run, on the same random weights:
#   text decoder: tessera bench --model DIR  vs  llama.cpp (node-llama-cpp) on DIR exported to GGUF,
#                 decode (tg) and prefill (pp) tokens/s per quantization and thread count;
#   vision encoder: tessera bench --preset 11b (random vision tower)  vs  PyTorch fp32 (python3-torch),
#                 seconds for 1 and 4 tiles at the same layer counts.
# Prints Tessera ÷ peer per figure (speed ratios: > 1 means Tessera is faster).
# Tessera and llama.cpp alternate per quantization (A/B/A/B), since this machine's memory bandwidth drifts.
#
# Settings (environment): PRESET=8b-text LAYERS=4 PP=512 TG=32 THREADS=1,2 QUANTS=bf16,q8_0,q4_0
#   VISION=1 TILES="1 4" VISION_LAYERS=4 GLOBAL_LAYERS=1 VISION_THREADS=2 WORK=/tmp/tessera-peers
# The random model and the GGUF files are written once under $WORK and reused by later runs.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PRESET="${PRESET:-8b-text}" LAYERS="${LAYERS:-4}" PP="${PP:-512}" TG="${TG:-32}" THREADS="${THREADS:-1,2}"
QUANTS="${QUANTS:-bf16,q8_0,q4_0}" VISION="${VISION:-1}" TILES="${TILES:-1 4}"
VISION_LAYERS="${VISION_LAYERS:-4}" GLOBAL_LAYERS="${GLOBAL_LAYERS:-1}" VISION_THREADS="${VISION_THREADS:-2}"
WORK="${WORK:-/tmp/tessera-peers}"
tessera="$root/tessera"
model="$WORK/$PRESET-$LAYERS/model"
results="$WORK/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
log() { echo "side-by-side: $*" >&2; }

if [ ! -f "$model/config.json" ]; then
  log "writing random $PRESET weights with $LAYERS layers to $model"
  "$tessera" make-random --preset "$PRESET" --text-layers "$LAYERS" --out "$model" \
      --tokenizer-from "$root/../shared/fixtures/tiny-mllama" 2>&1 | tail -1 >&2
fi
for q in ${QUANTS//,/ }; do
  if [ ! -f "$model-$q.gguf" ]; then
    log "exporting $model-$q.gguf"
    "$tessera" export-gguf --model "$model" --quant "$q" --out "$model-$q.gguf" 2>&1 | tail -1 >&2
  fi
done

{ echo "date: $(date -u)"; echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)";
  echo "settings: PRESET=$PRESET LAYERS=$LAYERS PP=$PP TG=$TG THREADS=$THREADS QUANTS=$QUANTS VISION=$VISION TILES=$TILES VISION_LAYERS=$VISION_LAYERS GLOBAL_LAYERS=$GLOBAL_LAYERS VISION_THREADS=$VISION_THREADS";
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$results/context.txt"

for q in ${QUANTS//,/ }; do
  log "tessera bench, $q, threads $THREADS"
  "$tessera" bench --model "$model" --quant "$q" --threads "$THREADS" --prompt-tokens "$PP" \
      --decode-tokens "$TG" --json > "$results/tessera-$q.json" 2> "$results/tessera-$q.err" \
      || { log "tessera bench failed: $(tail -1 "$results/tessera-$q.err")"; }
  log "llama.cpp, $q, threads $THREADS"
  "$here/llama-cpp.sh" "$model-$q.gguf" --pp "$PP" --tg "$TG" --threads "$THREADS" --json \
      > "$results/llama-cpp-$q.json" 2> "$results/llama-cpp-$q.err" \
      || { log "llama.cpp failed: $(tail -1 "$results/llama-cpp-$q.err")"; }
done

if [ "$VISION" = 1 ]; then
  # Tessera measures the vision encoder inside a random 11b model (it also times text and first tokens there:
  # short prompts keep that part brief); PyTorch runs the same layer counts, so both time the same FLOPs.
  log "tessera bench, vision encoder ($VISION_LAYERS local + $GLOBAL_LAYERS global layers, $VISION_THREADS threads)"
  "$tessera" bench --preset 11b --layers 2 --vision-layers "$VISION_LAYERS" --global-layers "$GLOBAL_LAYERS" \
      --threads "$VISION_THREADS" --quant bf16 --prompt-tokens 16 --decode-tokens 4 \
      --tokenizer-from "$root/../shared/fixtures/tiny-mllama" --json \
      > "$results/tessera-vision.json" 2> "$results/tessera-vision.err" \
      || { log "tessera vision bench failed: $(tail -1 "$results/tessera-vision.err")"; }
  for tiles in $TILES; do
    log "pytorch fp32 vision encoder, $tiles tile(s)"
    "$here/torch-vision.sh" --tiles "$tiles" --threads "$VISION_THREADS" --dtype float32 --reps 1 \
        --local-layers "$VISION_LAYERS" --global-layers "$GLOBAL_LAYERS" \
        > "$results/torch-vision-$tiles.json" 2> "$results/torch-vision-$tiles.err" \
        || { log "pytorch failed: $(tail -1 "$results/torch-vision-$tiles.err")"; }
  done
fi

cat "$results/context.txt"
/usr/bin/python3 "$here/ratios.py" "$results"
log "raw results in $results"
