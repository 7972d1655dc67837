#!/usr/bin/env bash
# SelfSupervisedAEDetector (Bauer et al.); batch 16 is fixed by the CPU budget (2 cores:
# more gradient steps than batch 64 for the same cost).
# Textures: settings of about equal training time are compared on validation data carved
# from the training data (validate_self_supervised.py): first the default width 32 for
# 20 epochs (A) against width 16 for 60 epochs (B); then, added to that record, B with
# Gaussian noise inside the corrupted regions (C, noise_std 0.05, as in the method's 2025
# follow-up) and B with corrupted pixels weighted 5 times in the loss (D); then the noise
# level around C (E: 0.1, F: 0.02; added after C's test run, they did not change the
# choice). The chosen one (C) scores the test set once. Last, on validation only, seed
# repeats of B, C and E and C at twice the epochs (G): averaged over seeds E edges out
# C by less than either's seed spread. C's test result was the record until wider
# networks, trained on a GPU (self_supervised_gpu.sh, run after this script), were
# chosen on validation; it is kept as self_supervised_width16.json (written as
# self_supervised.json at the time). K, the GPU's choice, was the record in turn until
# C's setting with ema_decay 0.97 at 120 epochs (ema120: O, O1, O2) was chosen over it on
# validation in stop 33; K's test runs are kept as self_supervised_width64*.json. O's
# test run was the record until its setting at width 64 (self_supervised_gpu.sh ema120:
# P, P1, P2, on a GPU) was chosen over it in stop 34; it is kept as
# self_supervised_width16_ema.json (written as self_supervised.json at the time). Then,
# on validation only, O's setting with intensity_shift (intensity_shift120: Q, Q1, Q2):
# better maps, lower image AUROC (0.932), so P stayed chosen and Q ran no test.
# Fashion-MNIST: library defaults at 3 epochs.
# Usage: bash benchmarks/self_supervised.sh
#          [textures|intensity_shift|content_scale|epochs|ema|ema120|intensity_shift120|
#           fashion_mnist ...]
set -euo pipefail
cd "$(dirname "$0")/.."
protocols=("$@")
[ ${#protocols[@]} -eq 0 ] && protocols=(textures fashion_mnist)
# validation fits save their maps here; record reads them back
maps=$(mktemp -d)
source benchmarks/_side_by_side.sh
validate() { python benchmarks/validate_self_supervised.py "$@" --maps-dir "$maps"; }
# one setting on validation with seeds 0-2: 0 and 1 side by side at one torch thread
# each, then 2 alone at two; recorded beside every earlier candidate
# usage: three_seeds TAG PARAMS NOTE (PARAMS: a JSON object without random_state)
three_seeds() {
  local tag=$1 params=${2%\}} note=$3 first
  OMP_NUM_THREADS=1 validate fit "$tag" "$params, \"random_state\": 0}" &
  first=$!
  OMP_NUM_THREADS=1 validate fit "${tag}1" "$params, \"random_state\": 1}" &
  wait_all "$first" $!
  validate fit "${tag}2" "$params, \"random_state\": 2}"
  validate record "$tag" "${tag}1" "${tag}2" --keep-recorded --jobs 2 --note "$note"
}
for protocol in "${protocols[@]}"; do
  case "$protocol" in
    textures)
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
        --param noise_std=0.05 --name self_supervised_width16 \
        --selection-note "chosen on validation data carved from the training data (benchmarks/validate_self_supervised.py; record: benchmarks/results/textures/self_supervised_validation.json): noise_std=0.05 with base_channels=16 for 60 epochs (candidate C, mean validation AUROC 0.948) over the same without noise (B, 0.876), corrupted_weight=5 (D, 0.841) and the default base_channels=32 for 20 epochs (A, 0.820), at about the same training time; batch 16 fixed by the CPU budget"
      # the same training with the image score C's validation variants rank best (run
      # after C's test result; kept apart from it, self_supervised_width16.json)
      python benchmarks/run.py --protocol textures --detector self_supervised \
        --param max_epochs=60 --param batch_size=16 --param base_channels=16 \
        --param noise_std=0.05 --param smoothing_sigma=1.0 \
        --param score_reduction=top_k_mean --param top_k_fraction=0.05 \
        --name self_supervised_chosen_score \
        --selection-note "the training settings of self_supervised.json (candidate C); the image score chosen on the same validation networks (benchmarks/results/textures/self_supervised_validation.json, candidate C's scoring variants): top-5 % mean at sigma 1, 0.9636 (tied with sigma 0 on image AUROC, sigma 1 taken for its higher validation pixel AUROC, 0.887 vs 0.839) over the default top-1 % mean at sigma 2, 0.948; run after self_supervised.json's test result was known; the record stays self_supervised.json"
      # after the test runs, on validation only: how much one training run varies with
      # its seed (B, C and E again with random_state 1 and 2), and C trained twice as
      # long (G); a setting run with several seeds is judged by its mean
      validate fit G '{"max_epochs": 120, "base_channels": 16, "noise_std": 0.05}'
      validate fit C1 '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "random_state": 1}'
      validate fit C2 '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "random_state": 2}'
      validate fit B1 '{"max_epochs": 60, "base_channels": 16, "random_state": 1}'
      validate fit E1 '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.1, "random_state": 1}'
      validate fit B2 '{"max_epochs": 60, "base_channels": 16, "random_state": 2}'
      validate fit E2 '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.1, "random_state": 2}'
      validate record G C1 C2 B1 E1 B2 E2 --keep-recorded \
        --note "The seed repeats (random_state 1 and 2 of B, C and E) and G were added after the test runs of C (self_supervised.json, self_supervised_chosen_score.json), on validation only. Over three seeds each: no noise (B) 0.866, noise_std 0.05 (C) 0.923, noise_std 0.1 (E) 0.930 - the gain of the noise holds for every seed; 0.05 against 0.1 (0.008) is inside the spread of either's own seeds (C 0.887-0.948, its grass 0.673-0.862; E 0.915-0.940), and 0.05 gives the better validation maps (mean pixel AUROC / AUPRO over its seeds 0.915 / 0.827 against 0.897 / 0.798). The seed-averaged criterion ranks E first, but the test record stays C's: E was not run on the test set, since choosing between the two now would rest on test data already seen. Twice the epochs (G, one seed): 0.885, no sign that longer training closes the grass gap." ;;
    intensity_shift)
      # after self_supervised_gpu.sh, on validation only (stop 28): C's setting with each
      # corrupted region brightened or darkened by up to 0.3, three seeds; stains on grass
      # were the defect kind C found worst (a scratch run on validation, and the test run)
      for seed in 0 1 2; do
        tag=L$([ "$seed" = 0 ] || echo "$seed")
        validate fit "$tag" "{\"max_epochs\": 60, \"base_channels\": 16, \"noise_std\": 0.05, \"intensity_shift\": 0.3, \"random_state\": $seed}"
      done
      validate record L L1 L2 --keep-recorded --jobs 3 \
        --note "L, L1, L2 (C's setting with intensity_shift 0.3, seeds 0-2) were added after every test run here, on validation only: the per-kind image AUROC of C on the grass validation crops (a scratch run, not recorded) and of the width-16 test run (self_supervised_width16.json) showed stains on grass as the weakest defect kind, and a brightness shift of the corrupted regions is aimed at them. Its maps alone carry the defect kinds (the per-kind table below); the choice is by the mean image AUROC, as before." ;;
    content_scale)
      # on validation only (stop 31): C's setting with each corrupted region's content
      # shown at 0.5 to 2 times its size, three seeds; pasted patches (texture at half
      # its size) were grass's weakest defect kind on validation (L's maps) and, with
      # stains, on test (self_supervised_width16.json)
      three_seeds M '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "content_scale": [0.5, 2.0]}' \
        "M, M1, M2 (C's setting with content_scale (0.5, 2), seeds 0-2) were added in stop 31, after every test run here, on validation only; a scale change of the corrupted regions' content is aimed at the pasted patches (texture at half its size), grass's weakest defect kind in L's validation maps. If M's setting is chosen it scores the test set once." ;;
    epochs)
      # on validation only (stop 31): C's grass validation AUROC every 5 epochs, Adam's
      # constant learning rate against one annealed to zero, seeds 0-2 (2 torch threads)
      python benchmarks/epochs_self_supervised.py --textures grass \
        --params '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05}' \
        --seeds 0 1 2 --schedules constant cosine --every 5 \
        --note "Run in stop 31, validation only: over three seeds one setting's grass validation AUROC spread from 0.51 to 0.88 (M, M1, M2 in self_supervised_validation.json; C's seeds 0.67-0.86). Is that where training happens to stop? C's setting (the width-16 record's), every 5 epochs, with Adam's constant learning rate (the library default, every recorded run) and annealed to zero. A scratch run of this script's first version (seed 2) prompted it." ;;
    ema)
      # on validation only (stop 32): C's grass validation curves again, beside moving
      # averages of the weights at three decays (the probe's first version, commit
      # a1bc9a7, whose average started from the initial weights); then the decay that
      # scored best after the last epoch, 0.97, as the library's ema_decay on all three
      # textures, three seeds (0 and 1 side by side at one torch thread each, 2 alone)
      python benchmarks/epochs_self_supervised.py --textures grass \
        --params '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05}' \
        --seeds 0 1 2 --schedules constant --every 5 --ema 0.97 0.99 0.995 \
        --output self_supervised_ema_validation.json \
        --note "Run in stop 32, validation only: stop 31 saw one setting's grass validation AUROC swing by up to 0.35 between epochs 35 and 60 at Adam's constant rate (self_supervised_epochs_validation.json), and annealing the rate smoothed it but lower. Does an exponential moving average of the weights (updated after each of the 13 batches per epoch; decay 0.97, 0.99, 0.995, i.e. about 2.5, 8 and 15 epochs) keep the smoothing without the loss? Same setting and seeds; the raw curves must reproduce stop 31's constant ones."
      OMP_NUM_THREADS=1 validate fit N '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "ema_decay": 0.97, "random_state": 0}' &
      OMP_NUM_THREADS=1 validate fit N1 '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "ema_decay": 0.97, "random_state": 1}' &
      wait
      validate fit N2 '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "ema_decay": 0.97, "random_state": 2}'
      validate record N N1 N2 --keep-recorded --jobs 2 \
        --note "N, N1, N2 (C's setting with ema_decay 0.97, seeds 0-2) were added in stop 32, after every test run here, on validation only: probed along training on the grass validation crops (self_supervised_ema_validation.json), a moving average of the weights at decay 0.97 was steadier than the network as trained and scored a little higher after the last epoch (mean 0.834 against 0.818 over three seeds). If N's setting is chosen it scores the test set once."
      # then C's grass validation curves to 120 epochs, beside the library's average at
      # 0.97 and 0.99 (2 torch threads): does averaging let longer training help?
      python benchmarks/epochs_self_supervised.py --textures grass \
        --params '{"max_epochs": 120, "base_channels": 16, "noise_std": 0.05}' \
        --seeds 0 1 2 --schedules constant --every 5 --ema 0.97 0.99 \
        --output self_supervised_ema_120_validation.json \
        --note "Run in stop 32, validation only: the library's ema_decay (chosen 0.97 on the 60-epoch grass curves, self_supervised_ema_validation.json) gave a small gain over three textures (N, N1, N2 in self_supervised_validation.json). Does averaging let longer training help, where 120 epochs without it did not (stop 25, one seed, 0.885 on all three textures)? C's setting to 120 epochs on the grass validation crops, seeds 0-2, with the library's moving average at 0.97 and 0.99 beside the network as trained; epochs 5-60 of the raw curves must reproduce stop 31's. Nothing is chosen from it: it says what a longer (GPU) run could expect." ;;
    ema120)
      # on validation only (stop 33): the grass curves above rose to 120 epochs with the
      # average at 0.97, so C's setting with ema_decay 0.97 at 120 epochs on all three
      # textures, three seeds
      three_seeds O '{"max_epochs": 120, "base_channels": 16, "noise_std": 0.05, "ema_decay": 0.97}' \
        "O, O1, O2 (C's setting with ema_decay 0.97 at 120 epochs, seeds 0-2) were added in stop 33, after every test run here, on validation only: on the grass validation crops 120 epochs with the library's average at 0.97 scored 0.885-0.904 over three seeds against 0.800-0.880 at 60 (self_supervised_ema_120_validation.json). If O's setting is chosen over K it scores the test set once."
      # the test run only if validation chose O's setting over every recorded one (it
      # did in stop 33, 0.947 over K's 0.938; K's test records were renamed
      # self_supervised_width64*.json first); the textures side by side, one thread each
      if python -c "import json, sys; sys.exit(json.load(open(sys.argv[1]))['chosen'] != 'O')" \
          benchmarks/results/textures/self_supervised_validation.json; then
        THREADS=1 textures_side_by_side self_supervised_width16_ema --detector self_supervised \
          --param max_epochs=120 --param batch_size=16 --param base_channels=16 \
          --param noise_std=0.05 --param ema_decay=0.97 \
          --selection-note "chosen on validation data carved from the training data (benchmarks/validate_self_supervised.py via benchmarks/self_supervised.sh ema120; record: benchmarks/results/textures/self_supervised_validation.json): candidate O (C's setting, width 16 with noise_std 0.05, with ema_decay 0.97 and 120 epochs), mean validation AUROC over seeds O, O1, O2 0.947, over K, K1, K2 (width 64, noise_std 0.1, 60 epochs, on a GPU; 0.938, whose test run is now self_supervised_width64.json) and every other recorded one; batch 16; trained on a 2-core CPU, the three textures side by side at one torch thread each"
      fi ;;
    intensity_shift120)
      # on validation only (stop 34): P's validation maps (self_supervised_gpu.sh ema120)
      # are weakest on stains (grass, gravel) and pasted patches (brick), and stop 28's
      # intensity_shift gave the best maps at 60 epochs; does it at O's setting? Q = O +
      # intensity_shift 0.3, run as O was and read against O on the map measures; a test
      # run only if chosen
      three_seeds Q '{"max_epochs": 120, "base_channels": 16, "noise_std": 0.05, "ema_decay": 0.97, "intensity_shift": 0.3}' \
        "Q, Q1, Q2 (O's setting with intensity_shift 0.3, seeds 0-2, on a 2-core CPU) were added in stop 34, after every test run here, on validation only: P's validation maps were weakest on stains (grass, gravel) and pasted patches (brick), and intensity_shift had given the best maps at 60 epochs (L). Read against O (run the same way) on pixel AUROC and AUPRO; the choice stays by the mean image AUROC, and if Q's setting is chosen its test run is the next step." ;;
    fashion_mnist) python benchmarks/run.py --protocol fashion_mnist \
      --detector self_supervised --param max_epochs=3 ;;
    *) echo "unknown protocol $protocol" >&2; exit 2 ;;
  esac
done
