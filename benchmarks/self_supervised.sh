#!/usr/bin/env bash
# SelfSupervisedAEDetector (Bauer et al.) with library defaults; only the budget is fixed
# (CPU: 2 cores). Nothing is tuned.
# Usage: bash benchmarks/self_supervised.sh [textures|fashion_mnist ...]
set -euo pipefail
cd "$(dirname "$0")/.."
protocols=("$@")
[ ${#protocols[@]} -eq 0 ] && protocols=(textures fashion_mnist)
for protocol in "${protocols[@]}"; do
  case "$protocol" in
    # batch 16: more gradient steps than batch 64 for the same cost
    textures) python benchmarks/run.py --protocol textures --detector self_supervised \
      --param max_epochs=20 --param batch_size=16 ;;
    fashion_mnist) python benchmarks/run.py --protocol fashion_mnist \
      --detector self_supervised --param max_epochs=3 ;;
    *) echo "unknown protocol $protocol" >&2; exit 2 ;;
  esac
done
