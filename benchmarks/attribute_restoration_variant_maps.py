"""Diagnostic on validation data only: how ARNet's per-rotation maps rank on their own.

Trains the Fashion-MNIST record's setting on one class's validation split (run.py's, the
training data only) and scores the validation images with each erasing combination's
normalised map alone and with several ways of combining them, at the record's image score.
It suggested ``variant_reduction="max"``, then compared properly by
``attribute_restoration.sh fashion_mnist_variant_reduction``.

    OMP_NUM_THREADS=1 python benchmarks/attribute_restoration_variant_maps.py CLASS

Ran in stop 49 for classes 5 and 6 side by side (commit bfede4d, AMD EPYC, 2 cores, one
torch thread each, torch 2.13.0+cpu, about 20 minutes each, 17:59-18:19 UTC; the record
then combined the maps by their mean), from a copy of this script in /tmp that differed
only in its paths and in also writing its AUROCs to JSON; it printed these validation
AUROCs:

=====  ======  ======  ===========  ========  ========  ========  ========  ========
class  mean    max     no upright   upright   turn 1    turn 2    turn 3    geo mean
=====  ======  ======  ===========  ========  ========  ========  ========  ========
5      0.8734  0.8881  0.8350       0.8887    0.8369    0.8384    0.8358    0.8695
6      0.8433  0.8452  0.8348       0.8218    0.8340    0.8340    0.8343    0.8424
=====  ======  ======  ===========  ========  ========  ========  ========  ========
"""

import json
import sys
import time

from run import DETECTORS, as_params, fashion_mnist_tasks
from sklearn.metrics import roc_auc_score

# the record when this ran (the maps combined by their mean), renamed since
RECORD = "benchmarks/results/fashion_mnist/attribute_restoration_mean_over_variants.json"
COMBINATIONS = {
    "mean": lambda e: e.mean(0),
    "no_identity": lambda e: e[1:].mean(0),
    "max": lambda e: e.max(0).values,
    "v0": lambda e: e[0],
    "v1": lambda e: e[1],
    "v2": lambda e: e[2],
    "v3": lambda e: e[3],
    "geo_mean": lambda e: e.clamp_min(1e-6).log().mean(0).exp(),
}


def main(k):
    with open(RECORD) as f:
        params = as_params(json.load(f)["params"])
    task = next(fashion_mnist_tasks([k], validation=True))
    start = time.time()
    detector = DETECTORS["attribute_restoration"](**params).fit(task.X_fit)
    print("fit", time.time() - start, flush=True)
    for name, combine in COMBINATIONS.items():

        def anomaly_map_batch(x, combine=combine):
            return combine(detector._normalised_variant_errors(x))

        # replaces how the maps combine, nothing else of the fitted detector
        detector._anomaly_map_batch = anomaly_map_batch
        auroc = roc_auc_score(task.y_test, detector.score_samples(task.X_test))
        print(k, name, round(auroc, 4), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
