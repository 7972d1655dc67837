#!/usr/bin/env bash
# SelfSupervisedAEDetector (Bauer et al.); batch 16 is fixed by the CPU budget (2 cores:
# more gradient steps than batch 64 for the same cost).
# Textures: settings of about equal training time are compared on validation data carved
# from the training data (validate_self_supervised.py): first the default width 32 for
# 20 epochs (A) against width 16 for 60 epochs (B); then, added to that record, B with
# Gaussian noise inside the corrupted regions (C, noise_std 0.05, as in the method's 2025
# follow-up) and B with corrupted pixels weighted 5 times in the loss (D); then the noise
# level around C (E: 0.1, F: 0.02; added after C's test run, they did not change the
# choice). The chosen one (C) scores the test set once. Fashion-MNIST: library defaults
# at 3 epochs, nothing tuned.
# Usage: bash benchmarks/self_supervised.sh [textures|fashion_mnist ...]
set -euo pipefail
cd "$(dirname "$0")/.."
protocols=("$@")
[ ${#protocols[@]} -eq 0 ] && protocols=(textures fashion_mnist)
for protocol in "${protocols[@]}"; do
  case "$protocol" in
    textures)
      maps=$(mktemp -d)
      validate() { python benchmarks/validate_self_supervised.py "$@" --maps-dir "$maps"; }
      validate fit A '{"max_epochs": 20}'
      validate fit B '{"max_epochs": 60, "base_channels": 16}'
      validate record A B
      validate fit C '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05}'
      validate fit D '{"max_epochs": 60, "base_channels": 16, "corrupted_weight": 5.0}'
      validate record C D --keep-recorded
      validate fit E '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.1}'
      validate fit F '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.02}'
      validate record E F --keep-recorded
      # the test run below (and its note) is for C, the candidate validation chose
      python -c "import json,sys; sys.exit(json.load(open(sys.argv[1]))['chosen'] != 'C')" \
        benchmarks/results/textures/self_supervised_validation.json \
        || { echo "validation chose another candidate: edit the test run" >&2; exit 1; }
      python benchmarks/run.py --protocol textures --detector self_supervised \
        --param max_epochs=60 --param batch_size=16 --param base_channels=16 \
        --param noise_std=0.05 \
        --selection-note "chosen on validation data carved from the training data (benchmarks/validate_self_supervised.py; record: benchmarks/results/textures/self_supervised_validation.json): noise_std=0.05 with base_channels=16 for 60 epochs (candidate C, mean validation AUROC 0.948) over the same without noise (B, 0.876), corrupted_weight=5 (D, 0.841) and the default base_channels=32 for 20 epochs (A, 0.820), at about the same training time; batch 16 fixed by the CPU budget"
      # the same training with the image score C's validation variants rank best (run
      # after the record's test result; kept apart, the record is self_supervised.json)
      python benchmarks/run.py --protocol textures --detector self_supervised \
        --param max_epochs=60 --param batch_size=16 --param base_channels=16 \
        --param noise_std=0.05 --param smoothing_sigma=1.0 \
        --param score_reduction=top_k_mean --param top_k_fraction=0.05 \
        --name self_supervised_chosen_score \
        --selection-note "the training settings of self_supervised.json (candidate C); the image score chosen on the same validation networks (benchmarks/results/textures/self_supervised_validation.json, candidate C's scoring variants): top-5 % mean at sigma 1, 0.9636 (tied with sigma 0 on image AUROC, sigma 1 taken for its higher validation pixel AUROC, 0.887 vs 0.839) over the default top-1 % mean at sigma 2, 0.948; run after self_supervised.json's test result was known; the record stays self_supervised.json" ;;
    fashion_mnist) python benchmarks/run.py --protocol fashion_mnist \
      --detector self_supervised --param max_epochs=3 ;;
    *) echo "unknown protocol $protocol" >&2; exit 2 ;;
  esac
done
