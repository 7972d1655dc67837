#!/usr/bin/env bash
# AutoencoderDetector, the baseline of every method, on every protocol. The budget is
# fixed per protocol (epochs, sized for 2 CPU cores); latent_channels is chosen on
# validation data carved from the training data (see run.py).
# Usage: bash benchmarks/autoencoder.sh
set -euo pipefail
cd "$(dirname "$0")/.."
grid='{"latent_channels": [4, 16]}'
python benchmarks/run.py --protocol textures --detector autoencoder \
  --param max_epochs=20 --param batch_size=32 --select "$grid"
python benchmarks/run.py --protocol mnist_5k --detector autoencoder \
  --param max_epochs=20 --param batch_size=32 --select "$grid"
# Fashion-MNIST: about 35 s per epoch per class on 2 CPU cores, so 3 epochs, and the
# selection on class 6 (the hardest for every baseline)
python benchmarks/run.py --protocol fashion_mnist --detector autoencoder \
  --param max_epochs=3 --select "$grid" --select-classes 6
