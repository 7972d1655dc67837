"""
Anomaly maps on textures with synthetic defects
===============================================

Localising defects on a surface: crops of a brick-wall photo (scikit-image's
``skimage.data.brick``, shipped with the package, no download) are the normal images;
:func:`skanomaly.datasets.make_texture_defects` paints scratches, stains and patches of
wrong-scale texture on half of the test crops and returns their pixel masks.

:class:`skanomaly.SelfSupervisedAEDetector`, trained to undo structured corruptions, is
compared with the plain :class:`skanomaly.AutoencoderDetector` on the image AUROC, the
pixel AUROC and the AUPRO, and its anomaly maps are drawn over the test crops with
:class:`skanomaly.plotting.AnomalyMapDisplay` (ground-truth defects outlined in white).
The budgets are small enough for a CPU; ``benchmarks/`` has the full protocol.
"""

import matplotlib.pyplot as plt
import numpy as np
import skimage.data
from sklearn.metrics import roc_auc_score

from skanomaly import AutoencoderDetector, SelfSupervisedAEDetector
from skanomaly.datasets import make_texture_defects
from skanomaly.metrics import aupro, pixel_roc_auc
from skanomaly.plotting import AnomalyMapDisplay

data = make_texture_defects(
    skimage.data.brick(), n_train=200, n_test=60, crop_size=48, random_state=0
)
print(f"{len(data.X_train)} training crops, {len(data.X_test)} test crops")

detectors = {
    "autoencoder": AutoencoderDetector(base_channels=16, max_epochs=10, random_state=0),
    "self-supervised AE": SelfSupervisedAEDetector(
        base_channels=16, max_epochs=10, random_state=0
    ),
}
for name, detector in detectors.items():
    detector.fit(data.X_train)
    maps = detector.anomaly_map(data.X_test)
    print(
        f"{name:>20}: image AUROC "
        f"{roc_auc_score(data.y_test, detector.score_samples(data.X_test)):.3f}, "
        f"pixel AUROC {pixel_roc_auc(data.masks_test, maps):.3f}, "
        f"AUPRO {aupro(data.masks_test, maps):.3f}"
    )

# %%
# The anomaly maps of a few defective crops and, last, two normal ones.
defective = np.flatnonzero(data.y_test == -1)[:6]
normal = np.flatnonzero(data.y_test == 1)[:2]
shown = np.r_[defective, normal]
AnomalyMapDisplay.from_estimator(
    detectors["self-supervised AE"],
    data.X_test[shown],
    masks=data.masks_test[shown],
    n_cols=4,
)
plt.show()
