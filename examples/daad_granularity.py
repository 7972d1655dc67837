"""
Block size decides what a memory can rebuild (DAAD granularity sweep)
=====================================================================

The central claim of divide-and-assemble (Hou et al., ICCV 2021): when a reconstruction
must be assembled from memorised blocks of normal feature maps, the block size steers
what can be rebuilt. Single-pixel blocks reassemble almost anything, anomalies
included; very large blocks fail even on normal images; in between, normal images are
rebuilt well and anomalous ones badly, and the gap between the two peaks.

This example fits :class:`skanomaly.BlockMemoryDetector` (without the discriminator, so
the score is the plain reconstruction error) on one class of Fashion-MNIST (the Debian
package ``dataset-fashion-mnist``; scikit-learn's digits when it is not installed) for a
range of granularities, and plots the mean squared reconstruction error of normal and of
anomalous test images against the block size, with the AUROC of each setting. The
granularity tuples make every block cover the same image region at every level.

The defaults fit in a few minutes on a CPU; ``--n-train 6000 --epochs 10`` is closer to
a real training budget.
"""

import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import roc_auc_score

from skanomaly import BlockMemoryDetector
from skanomaly.datasets import load_fashion_mnist

# block size per level (feature maps at 1/2, 1/4 and 1/8 of the image size): blocks of
# 2, 4, 8, 16 and 32 image pixels at the first level; the last one is a whole
# (padded) 28x28 image at every level
GRANULARITIES = [(1, 1, 1), (2, 1, 1), (4, 2, 1), (8, 4, 2), (16, 8, 4)]


def load_task(normal_class, n_train, n_test, rng):
    """Training images of one class; a test set with +1 (normal) / -1 labels."""
    try:
        train, test = load_fashion_mnist("train"), load_fashion_mnist("test")
        X_train, name = train.images[train.target == normal_class], "Fashion-MNIST"
        X_test, target = test.images, test.target
    except FileNotFoundError:
        digits = load_digits()
        half = len(digits.target) // 2
        X_train = digits.images[:half][digits.target[:half] == normal_class]
        X_test, target, name = digits.images[half:], digits.target[half:], "digits"
    X_train = X_train[rng.permutation(len(X_train))[:n_train]]
    test = rng.permutation(len(X_test))[:n_test]
    return name, X_train, X_test[test], np.where(target[test] == normal_class, 1, -1)


def reconstruction_errors(detector, X):
    """Mean squared reconstruction error per image (pixel values scaled to [0, 1]).

    Without the discriminator the anomaly score is the pixel error divided by its mean
    on the training images, ``pixel_error_scale_``; multiplying back gives the raw error.
    """
    return -detector.score_samples(X) * detector.pixel_error_scale_


def main():
    parser = argparse.ArgumentParser(
        description="Reconstruction error of BlockMemoryDetector against the block size."
    )
    parser.add_argument("--normal-class", type=int, default=7)
    parser.add_argument("--n-train", type=int, default=1000)
    parser.add_argument("--n-test", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--output", default="daad_granularity.png")
    args, _ = parser.parse_known_args()  # sphinx-gallery passes its own arguments

    rng = np.random.default_rng(0)
    name, X_train, X_test, y_test = load_task(args.normal_class, args.n_train, args.n_test, rng)
    print(f"{name}, normal class {args.normal_class}: {len(X_train)} training images")

    block_pixels, normal_error, anomalous_error, auroc = [], [], [], []
    for granularity in GRANULARITIES:
        detector = BlockMemoryDetector(
            granularity=granularity,
            adversarial=False,
            max_epochs=args.epochs,
            batch_size=32,
            random_state=0,
        ).fit(X_train)
        errors = reconstruction_errors(detector, X_test)
        block_pixels.append(2 * granularity[0])  # image pixels per block side
        normal_error.append(errors[y_test == 1].mean())
        anomalous_error.append(errors[y_test == -1].mean())
        auroc.append(roc_auc_score(y_test, -errors))
        print(
            f"granularity {granularity}: error normal {normal_error[-1]:.4f}, "
            f"anomalous {anomalous_error[-1]:.4f}, AUROC {auroc[-1]:.3f}, memory "
            f"non-zero weights {np.round(detector.memory_nonzero_fraction_, 3)}"
        )

    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5), layout="constrained")
    left.plot(block_pixels, normal_error, "o-", label="normal test images")
    left.plot(block_pixels, anomalous_error, "s-", label="anomalous test images")
    left.set(xscale="log", xlabel="block side (image pixels)", ylabel="mean squared error")
    left.legend()
    right.plot(block_pixels, auroc, "o-", color="tab:green")
    right.set(xscale="log", xlabel="block side (image pixels)", ylabel="AUROC")
    for axes in (left, right):
        axes.set_xticks(block_pixels, [str(b) for b in block_pixels])
        axes.minorticks_off()
    figure.suptitle(f"{name}, class {args.normal_class}: reconstruction by block size")
    figure.savefig(args.output, dpi=120)
    print(f"wrote {args.output}")
    plt.show()


if __name__ == "__main__":
    main()
