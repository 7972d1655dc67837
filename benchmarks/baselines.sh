#!/usr/bin/env bash
# The classical baselines on every protocol, each with a small grid chosen on validation
# data carved from the training data (see run.py). Usage: bash benchmarks/baselines.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for protocol in textures mnist_5k fashion_mnist; do
  # selecting on every class is cheap except for the SVM and LOF on Fashion-MNIST
  sel=(); [ "$protocol" = fashion_mnist ] && sel=(--select-classes 0 6)
  python benchmarks/run.py --protocol "$protocol" --detector isolation_forest
  python benchmarks/run.py --protocol "$protocol" --detector pca \
    --select '{"n_components": [0.8, 0.9, 0.95]}'
  python benchmarks/run.py --protocol "$protocol" --detector local_outlier_factor \
    --select '{"n_neighbors": [5, 20, 50]}' "${sel[@]}"
  python benchmarks/run.py --protocol "$protocol" --detector one_class_svm \
    --select '{"gamma": ["scale", 0.01, 0.001]}' "${sel[@]}"
done
