"""On validation data only: does averaging networks trained with different seeds rank better?

Trains a recorded setting once per seed on each class's validation split (run.py's, carved
from the training data), and scores the validation images with each network alone and with
the networks combined: the mean of their image scores, or the mean of their anomaly maps
reduced to an image score the way each network reduces its own. One process per class.

    python benchmarks/seed_ensemble.py --protocol fashion_mnist \
        --detector attribute_restoration \
        --params-from benchmarks/results/fashion_mnist/attribute_restoration.json \
        --seeds 0 1 2 --classes 2 5 6 8 --name attribute_restoration_seed_ensemble_validation

writes ``benchmarks/results/<protocol>/<name>.json``, a validation-only record (rendered by
summarize.py): a row per seed, a row per combination of all seeds, and one per
combination of the first two seeds (what half the extra cost buys) when there are more.
Ran in stop 59: ``attribute_restoration.sh fashion_mnist_seed_ensemble``.
"""

import numpy as np
import torch
from _common import device_name
from _probe import probe_parser, run_probe
from run import DETECTORS, _device_of, _names, _recorded_params
from sklearn.metrics import roc_auc_score


def _one_class(args):
    """Each seed's validation scores and maps on one class."""
    protocol, detector_name, params, seeds, name = args
    torch.set_num_threads(1)  # one process per class shares the cores
    make_tasks, names = _names(protocol, [name])
    task = next(make_tasks(names, validation=True))
    members, first = [], None
    for seed in seeds:
        detector = DETECTORS[detector_name](**{**params, "random_state": seed}).fit(task.X_fit)
        first = detector if first is None else first
        members.append(
            {
                "scores": detector.score_samples(task.X_test),
                "maps": detector.anomaly_map(task.X_test),
                "device": device_name(_device_of(detector)),
            }
        )
    aurocs = {
        f"seed {seed}": roc_auc_score(task.y_test, m["scores"])
        for seed, m in zip(seeds, members, strict=True)
    }
    groups = [("all", members)] + ([("first two", members[:2])] if len(members) > 2 else [])
    for label, group in groups:
        mean_scores = np.mean([m["scores"] for m in group], axis=0)
        # the mean map reduced to an image score as every member (one setting) reduces its own
        mean_maps = torch.from_numpy(np.mean([m["maps"] for m in group], axis=0))
        aurocs[f"{label}: mean of image scores"] = roc_auc_score(task.y_test, mean_scores)
        aurocs[f"{label}: mean of maps"] = roc_auc_score(
            task.y_test, -first._image_scores(mean_maps).numpy()
        )
    return name, {k: float(v) for k, v in aurocs.items()}, {m["device"] for m in members}


def main():
    parser = probe_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", nargs="+", type=int, required=True)
    args = parser.parse_args()
    if len(args.seeds) < 2:
        parser.error("--seeds: give at least two seeds to combine")
    params = _recorded_params(args.params_from)
    params.pop("random_state", None)
    run_probe(
        args,
        _one_class,
        [(args.protocol, args.detector, params, args.seeds, c) for c in args.classes],
        script="seed_ensemble.py",
        row_key="members",
        params={**params, "seeds": args.seeds},
        method="networks trained with each seed, alone and combined",
    )


if __name__ == "__main__":
    main()
