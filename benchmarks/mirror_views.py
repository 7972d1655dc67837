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
would follow only if a row earned it. Ran in stop 61 (``attribute_restoration.sh
fashion_mnist_mirror``): every mirrored row ranked below the record's, so none did.
"""

import numpy as np
import torch
from _common import device_name
from _probe import probe_parser, run_probe
from run import DETECTORS, _device_of, _names, _recorded_params
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
    args = probe_parser(__doc__.split("\n\n")[0]).parse_args()
    params = _recorded_params(args.params_from)
    run_probe(
        args,
        _one_class,
        [(args.protocol, args.detector, params, c) for c in args.classes],
        script="mirror_views.py",
        row_key="mirror images",
        params=params,
        method="trained as recorded and on mirrored images, each scored on the image "
        "alone and with its mirror",
    )


if __name__ == "__main__":
    main()
