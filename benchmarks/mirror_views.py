"""On validation data only: do mirror images, in training or in scoring, rank better?

Trains a recorded setting twice on each class's validation split (run.py's, carved from
the training data): as recorded, and with every training image mirrored left-right with
probability 1/2 before the detector builds its training pair (so the mirror of a normal
image counts as normal). Each network scores the validation images as it is, and by the
mean of the anomaly maps of the image and of its mirror (that map mirrored back),
reduced to an image score the way the network reduces its own. One process per class.

    python benchmarks/mirror_views.py --protocol fashion_mnist \
        --detector attribute_restoration \
        --params-from benchmarks/results/fashion_mnist/attribute_restoration.json \
        --classes 2 5 6 8 --name attribute_restoration_mirror_validation

writes ``benchmarks/results/<protocol>/<name>.json``, a validation-only record (rendered by
summarize.py) with one row per training and scoring. The mirroring is done here, outside
the package, by wrapping the detector's training-pair hook; an option in the package
follows only if a row earns it. Ran in stop 61: ``attribute_restoration.sh
fashion_mnist_mirror``.
"""

import argparse
import json
import time
from multiprocessing import get_context

import numpy as np
import torch
from _common import RESULTS, commit, device_name, write_json
from run import DETECTORS, PROTOCOLS, _device_of, _names, _run_facts, as_params
from sklearn.metrics import roc_auc_score


def _train_on_mirrors(detector):
    """Make ``detector`` mirror each training image with probability 1/2 before pairing."""
    make_training_pair = detector._make_training_pair

    def with_mirrors(images):
        pair = make_training_pair(images)

        def mirrored_pair(image):
            # torch's RNG, which fit seeds: the draws repeat with random_state
            if torch.rand(()) < 0.5:
                image = image.flip(-1)
            return (image, image) if pair is None else pair(image)

        return mirrored_pair

    detector._make_training_pair = with_mirrors
    return detector


def _one_class(args):
    """Validation AUROCs of both trainings, each scored both ways, on one class."""
    protocol, detector_name, params, name = args
    torch.set_num_threads(1)  # one process per class shares the cores
    make_tasks, names = _names(protocol, [name])
    task = next(make_tasks(names, validation=True))
    mirrored_test = np.ascontiguousarray(task.X_test[:, :, ::-1])
    aurocs, devices = {}, set()
    for training, prepare in [("as recorded", lambda d: d), ("mirrored", _train_on_mirrors)]:
        detector = prepare(DETECTORS[detector_name](**params)).fit(task.X_fit)
        devices.add(device_name(_device_of(detector)))
        maps = detector.anomaly_map(task.X_test)
        mirror_maps = detector.anomaly_map(mirrored_test)[:, :, ::-1]
        both = torch.from_numpy(np.ascontiguousarray((maps + mirror_maps) / 2))
        aurocs[f"training {training}, scoring the image"] = roc_auc_score(
            task.y_test, detector.score_samples(task.X_test)
        )
        aurocs[f"training {training}, scoring the image and its mirror"] = roc_auc_score(
            task.y_test, -detector._image_scores(both).numpy()
        )
    return name, {k: float(v) for k, v in aurocs.items()}, devices


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--protocol", required=True, choices=sorted(PROTOCOLS))
    parser.add_argument("--detector", required=True, choices=sorted(DETECTORS))
    parser.add_argument("--params-from", required=True, help="a result file whose params to use")
    parser.add_argument("--classes", nargs="+", required=True)
    parser.add_argument("--name", required=True, help="result file name")
    parser.add_argument("--note", default="", help="why this ran, and the rule it answers to")
    args = parser.parse_args()
    start = time.perf_counter()
    code_version = commit()
    torch.set_num_threads(1)  # as each worker: the record says how the networks ran
    with open(args.params_from) as f:
        params = as_params(json.load(f)["params"])
    jobs = [(args.protocol, args.detector, params, c) for c in args.classes]
    # spawn: forked workers would inherit the parent's torch thread pool
    with get_context("spawn").Pool(len(jobs)) as pool:
        per_class = pool.map(_one_class, jobs)
    rows = {}
    for name, aurocs, _ in per_class:
        for label, auroc in aurocs.items():
            rows.setdefault(label, {})[name] = auroc
    table = [
        {
            "params": {"mirror images": label},
            "mean_validation_auroc": float(np.mean(list(by_class.values()))),
            "validation_auroc": by_class,
        }
        for label, by_class in rows.items()
    ]
    for row in table:
        print(f"  {row['params']['mirror images']}: {row['mean_validation_auroc']:.4f}")
    devices = ", ".join(sorted(set().union(*(d for _, _, d in per_class))))
    write_json(
        RESULTS / args.protocol / f"{args.name}.json",
        {
            "protocol": args.protocol,
            "detector": args.detector,
            "name": args.name,
            "validation_only": True,
            "params": params,
            "selection": {
                "method": "trained as recorded and on mirrored images, each scored on the "
                "image alone and with its mirror (benchmarks/mirror_views.py, from "
                f"{args.params_from}); no test run" + (f"; {args.note}" if args.note else ""),
                "validation_classes": list(args.classes),
                "table": table,
                "device": devices,
            },
            **_run_facts(devices, code_version, start),
        },
    )


if __name__ == "__main__":
    main()
