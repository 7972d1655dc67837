"""
Comparing every detector with scikit-learn's outlier detectors
==============================================================

One-class digits: the images of one digit are normal, the other digits anomalous.
Every skanomaly detector and three scikit-learn baselines (on flattened pixels) are
fitted on the same normal training images and ranked by the AUROC on the same test
set; all of them follow the same API, so one loop fits them all.

scikit-learn's 8x8 digits keep this quick on a CPU; the recorded comparisons on
Fashion-MNIST, MNIST and textures are in ``benchmarks/RESULTS.md`` (and the
"Choosing a method" page of the user guide). On tiny, aligned images the classical
baselines are hard to beat, which is worth knowing before reaching for a GPU.
"""

import time

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import LocalOutlierFactor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import OneClassSVM

from skanomaly import (
    AttributeRestorationDetector,
    AutoencoderDetector,
    BlockMemoryDetector,
    SelfSupervisedAEDetector,
)

digits = load_digits()
half = len(digits.target) // 2
normal_class = 3
X_train = digits.images[:half][digits.target[:half] == normal_class]
X_test, y_test = digits.images[half:], np.where(digits.target[half:] == normal_class, 1, -1)
print(f"{len(X_train)} training images of digit {normal_class}; {len(X_test)} test images")


def flat(estimator):
    """A scikit-learn detector on flattened pixels."""
    return make_pipeline(FunctionTransformer(lambda X: X.reshape(len(X), -1)), estimator)


common = dict(max_epochs=30, batch_size=32, base_channels=16, random_state=0)
detectors = {
    "AutoencoderDetector": AutoencoderDetector(n_levels=2, **common),
    "AttributeRestorationDetector": AttributeRestorationDetector(
        erase=("rotate",), n_levels=2, **common
    ),
    "BlockMemoryDetector": BlockMemoryDetector(granularity=(2, 1), memory_size=50, **common),
    "SelfSupervisedAEDetector": SelfSupervisedAEDetector(n_levels=2, dilations=(1, 2), **common),
    "IsolationForest": flat(IsolationForest(random_state=0)),
    "OneClassSVM": flat(OneClassSVM(gamma="scale")),
    "LocalOutlierFactor": flat(LocalOutlierFactor(novelty=True)),
}

results = {}
for name, detector in detectors.items():
    start = time.perf_counter()
    detector.fit(X_train)
    auroc = roc_auc_score(y_test, detector.score_samples(X_test))
    results[name] = auroc
    print(f"{name:>30}: AUROC {auroc:.3f} ({time.perf_counter() - start:.1f} s)")

# %%
figure, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
names = sorted(results, key=results.get)
ax.barh(names, [results[n] for n in names], color="tab:blue")
ax.set(xlim=(0.5, 1.0), xlabel="AUROC (higher is better)")
ax.set_title(f"One-class digits, normal digit {normal_class}")
plt.show()
