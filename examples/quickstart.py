"""
Quickstart: fit a detector on normal images of one class, rank the test set.
============================================================================

Fits :class:`skanomaly.AutoencoderDetector` on the training images of one class
(one-class protocol), scores the whole test set, prints the AUROC of normal versus
anomalous images and writes a picture of anomaly maps (PNG, drawn with Pillow).

The data is Fashion-MNIST when the Debian package ``dataset-fashion-mnist`` is installed,
scikit-learn's digits otherwise; nothing is downloaded.

Run ``python examples/quickstart.py --help`` for the options.
"""

import argparse
import time

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits
from sklearn.metrics import roc_auc_score

from skanomaly import AutoencoderDetector
from skanomaly.datasets import load_fashion_mnist


def load_one_class_task(normal_class):
    """Training images of ``normal_class``; test images with +1 (normal) / -1 labels."""
    try:
        train, test = load_fashion_mnist("train"), load_fashion_mnist("test")
        name = "Fashion-MNIST"
        X_train = train.images[train.target == normal_class]
        X_test, target = test.images, test.target
    except FileNotFoundError:
        digits = load_digits()
        name = "digits (install dataset-fashion-mnist for Fashion-MNIST)"
        # first 2/3 of each class for training, the rest for testing
        order = np.arange(len(digits.target))
        is_train = np.zeros(len(order), dtype=bool)
        for k in range(10):
            members = order[digits.target == k]
            is_train[members[: 2 * len(members) // 3]] = True
        X_train = digits.images[is_train & (digits.target == normal_class)]
        X_test, target = digits.images[~is_train], digits.target[~is_train]
    y_test = np.where(target == normal_class, 1, -1)
    return name, X_train, X_test, y_test


def heat(values):
    """Map values in [0, 1] to RGB with a black-red-yellow-white ramp."""
    anchors = np.array([[0, 0, 0], [180, 0, 0], [255, 200, 0], [255, 255, 255]], float)
    position = np.clip(values, 0, 1) * (len(anchors) - 1)
    low = np.minimum(position.astype(int), len(anchors) - 2)
    frac = (position - low)[..., None]
    return ((1 - frac) * anchors[low] + frac * anchors[low + 1]).astype(np.uint8)


def save_anomaly_maps(path, images, maps, labels, zoom=4):
    """One column per image: the image on top, its anomaly map below (shared scale)."""
    images = (images - images.min()) / max(np.ptp(images), 1e-12)
    maps = maps / max(np.percentile(maps, 99.5), 1e-12)
    columns = []
    for image, amap, label in zip(images, maps, labels, strict=True):
        gray = np.repeat((image * 255).astype(np.uint8)[..., None], 3, axis=2)
        # a green (normal) or red (anomalous) bar under each column shows the truth
        bar = np.zeros((2, image.shape[1], 3), np.uint8)
        bar[...] = (0, 160, 0) if label == 1 else (200, 0, 0)
        columns.append(np.concatenate([gray, heat(amap), bar], axis=0))
    sheet = np.concatenate(columns, axis=1)
    Image.fromarray(sheet).resize(
        (sheet.shape[1] * zoom, sheet.shape[0] * zoom), Image.NEAREST
    ).save(path)


def main():
    parser = argparse.ArgumentParser(
        description="Fit a detector on one class, rank the test set, draw anomaly maps."
    )
    parser.add_argument("--normal-class", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--output", default="anomaly_maps.png")
    parser.add_argument("--seed", type=int, default=0)
    args, _ = parser.parse_known_args()  # tolerate sphinx-gallery's arguments

    name, X_train, X_test, y_test = load_one_class_task(args.normal_class)
    print(
        f"data: {name}; normal class {args.normal_class}: {len(X_train)} training images, "
        f"{len(X_test)} test images ({np.mean(y_test == -1):.0%} anomalous)"
    )

    detector = AutoencoderDetector(max_epochs=args.epochs, random_state=args.seed)
    start = time.perf_counter()
    detector.fit(X_train)
    print(
        f"fit: {args.epochs} epochs in {time.perf_counter() - start:.1f} s on "
        f"{detector.net_.device}; training loss {detector.loss_curve_[0]:.4f} -> "
        f"{detector.loss_curve_[-1]:.4f}"
    )

    start = time.perf_counter()
    scores = detector.score_samples(X_test)
    print(f"scored {len(X_test)} images in {time.perf_counter() - start:.1f} s")
    print(f"AUROC (normal vs anomalous): {roc_auc_score(y_test, scores):.4f}")

    # the four most normal and the four most anomalous test images
    order = np.argsort(scores)
    shown = np.r_[order[-4:][::-1], order[:4]]
    maps = detector.anomaly_map(X_test[shown])
    save_anomaly_maps(args.output, X_test[shown].astype(float), maps, y_test[shown])
    print(
        f"wrote {args.output}: top row images, bottom row anomaly maps "
        "(left: most normal, right: most anomalous; bar: green normal, red anomalous)"
    )
    try:  # the same panels with matplotlib, when it is installed (the docs gallery)
        import matplotlib.pyplot as plt

        from skanomaly.plotting import AnomalyMapDisplay
    except ImportError:
        return
    AnomalyMapDisplay.from_estimator(detector, X_test[shown])
    plt.show()


if __name__ == "__main__":
    main()
