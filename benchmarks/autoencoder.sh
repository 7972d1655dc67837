#!/usr/bin/env bash
# AutoencoderDetector, the baseline of every method, on every protocol. The budget is
# fixed per protocol (epochs, sized for 2 CPU cores); latent_channels is chosen on
# validation data carved from the training data (see run.py).
# Usage: bash benchmarks/autoencoder.sh
set -euo pipefail
cd "$(dirname "$0")/.."
grid='{"latent_channels": [4, 16]}'
# textures: latent_channels=16 was chosen on validation in an earlier run (commit
# 33745e5: --param max_epochs=20 --select "$grid"), and base_channels 32 / 20 epochs
# over 16 / 60 in the next (commit d6ea39b, the same grid as DAAD's: validation 0.780
# vs 0.775); here how the map becomes the image score is chosen (one trained network
# per texture), the same grid as DAAD's (block_memory.sh)
python benchmarks/run.py --protocol textures --detector autoencoder \
  --param batch_size=32 --param latent_channels=16 --param base_channels=32 \
  --param max_epochs=20 \
  --select '[{"smoothing_sigma": [0.0, 2.0], "score_reduction": ["mean", "max"]}, {"smoothing_sigma": [0.0, 2.0], "score_reduction": ["top_k_mean"], "top_k_fraction": [0.01, 0.05]}]'
python benchmarks/run.py --protocol mnist_5k --detector autoencoder \
  --param max_epochs=20 --param batch_size=32 --select "$grid"
# Fashion-MNIST: about 35 s per epoch per class on 2 CPU cores, so 3 epochs, and the
# selection on class 6 (the hardest for every baseline). latent_channels=16 was chosen on
# validation in an earlier run (commit 5aeb787: --select "$grid", scored by the mean of
# the map; kept as autoencoder_mean_scoring); here how the map becomes the image score is
# chosen, the same grid as on textures
python benchmarks/run.py --protocol fashion_mnist --detector autoencoder \
  --param max_epochs=3 --param latent_channels=16 \
  --select '[{"smoothing_sigma": [0.0, 2.0], "score_reduction": ["mean", "max"]}, {"smoothing_sigma": [0.0, 2.0], "score_reduction": ["top_k_mean"], "top_k_fraction": [0.01, 0.05]}]' \
  --select-classes 6 --name autoencoder_top5
# The score chosen on class 6 alone was then compared on validation classes 2, 5, 6, 8
# with a wider grid, as for ARNet and DAAD (autoencoder_scoring_validation, kept; its
# command is in the record): the mean of the map at sigma 4 won (0.7558 against 0.7399
# for the top-5 % mean at sigma 2). This is the test run of that choice, with the other
# parameters read from the run above (recorded as autoencoder.json until then, kept as
# autoencoder_top5.json); its record, renamed autoencoder.json after the run, is the
# baseline DAAD is compared with
python benchmarks/run.py --protocol fashion_mnist --detector autoencoder \
  --params-from benchmarks/results/fashion_mnist/autoencoder_top5.json \
  --param score_reduction=mean --param smoothing_sigma=4.0 --name autoencoder_smoothed_mean
# The baseline at DAAD's training length: DAAD's Fashion-MNIST record is trained for 10
# epochs (chosen on validation classes 2, 5, 6, 8; block_memory.sh), so the recorded
# setting above runs again at 10 epochs — not a choice but a control, so that "DAAD -
# autoencoder" compares equal training lengths (summarize.py takes it for that difference).
# The parameters as in the run above, so that the script runs in its order
python benchmarks/run.py --protocol fashion_mnist --detector autoencoder \
  --params-from benchmarks/results/fashion_mnist/autoencoder_top5.json \
  --param score_reduction=mean --param smoothing_sigma=4.0 \
  --param max_epochs=10 --name autoencoder_10_epochs \
  --selection-note "the baseline at DAAD's training length: the recorded setting (fashion_mnist/autoencoder.json: latent_channels 16, the mean of the map at sigma 4, chosen on validation) at 10 epochs instead of 3, since DAAD's record is trained for 10 epochs (block_memory_10_epochs, chosen on validation classes 2, 5, 6, 8). Not a choice: a control, so that 'DAAD - autoencoder' compares equal training lengths; summarize.py takes it for that difference, a rule written before this run"
# Whether the score chosen at 3 epochs holds for these 10-epoch networks was asked on
# validation in block_memory.sh, for this control and DAAD's record alike
# (autoencoder_10_epochs_scoring_validation): the maximum of the map at sigma 4 ranked
# first (0.7999 against 0.7978 for the mean), so by the rule fixed before, the test set is
# scored once with it, and the run becomes the 10-epoch control whichever way it goes
# (DAAD's recorded score held: block_memory_10_epochs_scoring_validation). How it is to be
# read, written in stop 42 after its classes 0-3 had scored below the mean-scored control
# (0.804 / 0.977 / 0.823 / 0.820 against 0.814 / 0.982 / 0.837 / 0.847) and before the
# rest ran: a lower baseline widens DAAD's lead, so if "DAAD - autoencoder" crosses 0.03
# with this control, that rests on the baseline's scoring choice, not on DAAD; it is to be
# reported beside the +0.0243 against the mean-scored control, as "about there", not as a
# clear pass. Complete (stop 43): 0.8528 against 0.8565, DAAD's lead 0.0280 (0.0243 against
# the mean-scored run), short of 0.03 either way. As its rule said, it was renamed
# autoencoder_10_epochs.json and the run above autoencoder_10_epochs_mean.json; run in
# this order, the script writes them under their first names again
python benchmarks/run.py --protocol fashion_mnist --detector autoencoder \
  --params-from benchmarks/results/fashion_mnist/autoencoder_10_epochs.json \
  --param score_reduction=max --name autoencoder_10_epochs_max \
  --selection-note "the 10-epoch control (autoencoder_10_epochs.json: latent_channels 16, 10 epochs) with the image score chosen on its own 10-epoch networks on validation classes 2, 5, 6, 8 (autoencoder_10_epochs_scoring_validation.json): the maximum of the map at sigma 4, 0.7999 against 0.7978 for the mean at sigma 4 that 3-epoch networks had chosen. The rule fixed before that comparison: another best point is scored on the test set once and becomes the 10-epoch control whichever way it goes (DAAD's score, asked the same way, held). About 7 minutes per class on this CPU, so it may be run in parts (--classes, then --extend)"
