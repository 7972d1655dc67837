#!/usr/bin/env bash
# BlockMemoryDetector (DAAD) against AutoencoderDetector, with the same encoder widths
# and the same training budget per protocol (see autoencoder.sh); the granularity is
# chosen on validation data carved from the training data (see run.py), then the
# memory ablation (memory_size=0: the same network, features passed through) is run
# with the chosen granularity.
# Usage: bash benchmarks/block_memory.sh [textures|mnist_5k|fashion_mnist ...]
set -euo pipefail
cd "$(dirname "$0")/.."
grid="{'granularity': [(4, 2, 1), (8, 4, 2)]}"
chosen() {  # the granularity a result file records
  python -c "import json,sys; print(tuple(json.load(open(sys.argv[1]))['params']['granularity']))" "$1"
}
protocols=("$@")
[ ${#protocols[@]} -eq 0 ] && protocols=(textures fashion_mnist mnist_5k)
for protocol in "${protocols[@]}"; do
  case "$protocol" in
    textures | mnist_5k) budget=(--param max_epochs=20 --param batch_size=32); sel=() ;;
    # about 35 s per epoch per class on 2 CPU cores, as for the autoencoder
    fashion_mnist) budget=(--param max_epochs=3); sel=(--select-classes 6) ;;
    *) echo "unknown protocol $protocol" >&2; exit 2 ;;
  esac
  python benchmarks/run.py --protocol "$protocol" --detector block_memory "${budget[@]}" \
    --select "$grid" "${sel[@]}"
  granularity=$(chosen "benchmarks/results/$protocol/block_memory.json")
  python benchmarks/run.py --protocol "$protocol" --detector block_memory "${budget[@]}" \
    --param "granularity=$granularity" --param memory_size=0 --name block_memory_no_memory \
    --selection-note "ablation: the chosen granularity of block_memory.json, memory off"
done
