"""
Reading an MVTec-style folder
=============================

:func:`skanomaly.datasets.load_mvtec_folder` reads data laid out like MVTec AD::

    <root>/<category>/train/good/*.png
    <root>/<category>/test/good/*.png
    <root>/<category>/test/<defect>/*.png
    <root>/<category>/ground_truth/<defect>/<name>_mask.png

This example *writes* such a folder from texture crops with synthetic defects (grass
from ``skimage.data``; no download), reads it back as any user folder would be read,
fits a detector on the ``train/good`` images and evaluates it on the test split, image
and pixel level. Point ``load_mvtec_folder`` at a real MVTec AD copy to do the same.
"""

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import skimage.data
from PIL import Image
from sklearn.metrics import roc_auc_score

from skanomaly import AutoencoderDetector
from skanomaly.datasets import load_mvtec_folder, make_texture_defects
from skanomaly.metrics import aupro, pixel_roc_auc
from skanomaly.plotting import AnomalyMapDisplay


def write_mvtec_folder(root, category, data):
    """Save crops and masks as PNG files in the MVTec AD layout."""
    base = Path(root, category)
    for i, image in enumerate(data.X_train):
        path = base / "train" / "good" / f"{i:03d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(path)
    for i, (image, mask, label) in enumerate(
        zip(data.X_test, data.masks_test, data.y_test, strict=True)
    ):
        defect = "good" if label == 1 else "synthetic"
        path = base / "test" / defect / f"{i:03d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(path)
        if label == -1:
            mask_path = base / "ground_truth" / defect / f"{i:03d}_mask.png"
            mask_path.parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray((mask * 255).astype(np.uint8)).save(mask_path)


root = tempfile.mkdtemp()
crops = make_texture_defects(
    skimage.data.grass(), n_train=150, n_test=40, crop_size=48, random_state=0
)
write_mvtec_folder(root, "grass", crops)

train = load_mvtec_folder(root, "grass", "train", grayscale=True)
test = load_mvtec_folder(root, "grass", "test", grayscale=True)
print(
    f"train: {train.images.shape}; test: {test.images.shape}, defect types "
    f"{sorted(set(test.defect_types))}"
)

detector = AutoencoderDetector(base_channels=16, max_epochs=10, random_state=0)
detector.fit(train.images)
maps = detector.anomaly_map(test.images)
print(
    f"image AUROC {roc_auc_score(test.labels, detector.score_samples(test.images)):.3f}, "
    f"pixel AUROC {pixel_roc_auc(test.masks, maps):.3f}, AUPRO {aupro(test.masks, maps):.3f}"
)

# %%
# Defective test images with their maps (defects outlined).
defective = np.flatnonzero(test.labels == -1)[:4]
AnomalyMapDisplay.from_predictions(
    test.images[defective], maps[defective], masks=test.masks[defective]
)
plt.show()
