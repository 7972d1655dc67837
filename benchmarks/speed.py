"""Speed and memory of AutoencoderDetector against hand-written PyTorch, side by side.

    python benchmarks/speed.py [--epochs 2] [--repeats 2]

* training: ``AutoencoderDetector.fit`` against a plain PyTorch loop (same network, data,
  batch size, epochs, optimizer), timed alternately in one process; the ratio is
  images/s of skanomaly over images/s of the plain loop, for the training epochs alone
  (skorch's per-epoch timer) and for the whole ``fit`` (which also scales the data and
  scores the training set to set ``offset_``);
* scoring: ``score_samples`` against a plain ``torch.no_grad()`` loop that converts the
  same uint8 batches and computes the same per-image error;
* memory: peak resident memory added by ``score_samples`` over the memory already held
  (the loaded images), measured in fresh subprocesses for 10,000, 60,000 (all of
  Fashion-MNIST's training set) and 240,000 images (the set repeated).

Writes ``benchmarks/results/speed/autoencoder.json``.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from _common import RESULTS, command_line, commit, device_name, machine, write_json
from torch import nn

from skanomaly import AutoencoderDetector, load_detector, save_detector
from skanomaly._nn import PadToMultiple
from skanomaly.autoencoder import ConvAutoencoder
from skanomaly.datasets import load_fashion_mnist

BATCH_SIZE = 64


def plain_training(images, epochs, seed):
    """What a user would write by hand: the same network, Adam, MSE, shuffled batches."""
    torch.manual_seed(seed)
    model = PadToMultiple(ConvAutoencoder(1), 8)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = torch.from_numpy(images[:, None].astype(np.float32) / 255.0)
    model.train()
    start = time.perf_counter()
    for _ in range(epochs):
        for batch in torch.randperm(len(data)).split(BATCH_SIZE):
            x = data[batch]
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(x), x)
            loss.backward()
            optimizer.step()
    return time.perf_counter() - start, model


def plain_scoring(model, images):
    model.eval()
    scores = np.empty(len(images))
    start = time.perf_counter()
    with torch.no_grad():
        for i in range(0, len(images), BATCH_SIZE):
            x = torch.from_numpy(images[i : i + BATCH_SIZE, None].astype(np.float32) / 255.0)
            scores[i : i + BATCH_SIZE] = (model(x) - x).square().flatten(1).mean(1).numpy()
    return time.perf_counter() - start


def skanomaly_training(images, epochs, seed):
    detector = AutoencoderDetector(
        max_epochs=epochs, batch_size=BATCH_SIZE, random_state=seed, device="cpu"
    )
    start = time.perf_counter()
    detector.fit(images)
    fit_s = time.perf_counter() - start
    epochs_s = float(sum(detector.net_.history[:, "dur"]))
    return epochs_s, fit_s, detector


def _status_kib(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))


def peak_memory_child(path, n_images):
    """Run in a subprocess: MiB of peak RSS added by scoring n_images.

    Linux's peak-RSS mark (VmHWM) is reset just before scoring (``clear_refs``), so the
    peak is the scoring's own, above the memory already held (the images, the model).
    """
    images = np.resize(load_fashion_mnist("train").images, (n_images, 28, 28))
    detector = load_detector(path, device="cpu")
    detector.score_samples(images[:BATCH_SIZE])  # warm up: allocator, threads
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = _status_kib("VmRSS")
    scores = detector.score_samples(images)
    peak = _status_kib("VmHWM")
    print(
        json.dumps(
            {
                "n_images": n_images,
                "input_mib": images.nbytes / 2**20,
                "added_peak_mib": (peak - before) / 1024,
                "output_mib": scores.nbytes / 2**20,
            }
        )
    )


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--memory-child":
        return peak_memory_child(sys.argv[2], int(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    code_version = commit()
    start = time.perf_counter()

    train = load_fashion_mnist("train")
    images = train.images[train.target == 0]  # 6,000 images, one class as in the protocol
    test = load_fashion_mnist("test").images
    n_train = len(images) * args.epochs

    runs = {
        "plain_train_s": [],
        "skanomaly_epochs_s": [],
        "skanomaly_fit_s": [],
        "plain_score_s": [],
        "skanomaly_score_s": [],
    }
    for repeat in range(args.repeats):  # alternate the two, so drifts hit both alike
        plain_s, model = plain_training(images, args.epochs, seed=repeat)
        epochs_s, fit_s, detector = skanomaly_training(images, args.epochs, seed=repeat)
        runs["plain_train_s"].append(plain_s)
        runs["skanomaly_epochs_s"].append(epochs_s)
        runs["skanomaly_fit_s"].append(fit_s)
        runs["plain_score_s"].append(plain_scoring(model, test))
        t0 = time.perf_counter()
        detector.score_samples(test)
        runs["skanomaly_score_s"].append(time.perf_counter() - t0)
        print({k: round(v[-1], 2) for k, v in runs.items()}, flush=True)
    best = {k: min(v) for k, v in runs.items()}

    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/ae.skan"
        save_detector(detector, path)
        memory = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--memory-child", path, str(n)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            for n in (10_000, 60_000, 240_000)
        ]

    payload = {
        "benchmark": "speed",
        "detector": "autoencoder",
        "params": {
            "batch_size": BATCH_SIZE,
            "max_epochs": args.epochs,
            "network": "ConvAutoencoder(1, base_channels=32, n_levels=3, latent_channels=16)",
        },
        "data": "Fashion-MNIST: 6,000 training images of class 0; 10,000 test images scored",
        "seconds_best_of_repeats": {k: round(v, 3) for k, v in best.items()},
        "training_images_per_s": {
            "plain_pytorch": n_train / best["plain_train_s"],
            "skanomaly_epochs": n_train / best["skanomaly_epochs_s"],
            "skanomaly_whole_fit": n_train / best["skanomaly_fit_s"],
        },
        "scoring_images_per_s": {
            "plain_pytorch": len(test) / best["plain_score_s"],
            "skanomaly": len(test) / best["skanomaly_score_s"],
        },
        "ratios": {
            "training_epochs": best["plain_train_s"] / best["skanomaly_epochs_s"],
            "training_whole_fit": best["plain_train_s"] / best["skanomaly_fit_s"],
            "scoring": best["plain_score_s"] / best["skanomaly_score_s"],
        },
        "peak_memory_scoring": memory,
        "command": command_line(),
        "device": device_name("cpu"),
        "machine": machine(),
        "commit": code_version,
        "wall_s": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(payload["ratios"], indent=1), json.dumps(memory))
    write_json(RESULTS / "speed" / "autoencoder.json", payload)


if __name__ == "__main__":
    main()
