"""How SelfSupervisedAEDetector's validation AUROC moves from epoch to epoch.

    python benchmarks/epochs_self_supervised.py --textures grass \
        --params '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05}' \
        --seeds 0 1 2 --schedules constant cosine --every 5

For each seed and learning-rate schedule, one detector (``batch_size=16`` plus
``--params``) is trained on each texture's *validation* task of run.py, and every
``--every`` epochs the images of that task are scored with the detector's own default
scoring: the image AUROC along training, not only after it. ``constant`` keeps Adam's
learning rate (the library default); ``cosine`` anneals it to zero over ``max_epochs``
(skorch's ``LRScheduler`` with ``CosineAnnealingLR``, passed through ``callbacks``).
``--ema DECAY ...`` also keeps, for each decay, the moving average of the network's
states that the detector's ``ema_decay`` would fit, and scores it at the same epochs: a
smoothed network beside the one being trained. (``self_supervised_ema_validation.json``
was made by this script's first version, whose average started from the initial weights
instead of being normalised; see its note.)
Scoring and averaging draw no random numbers, so the training itself is that of a plain
fit. Writes ``results/textures/<--output>`` (default
``self_supervised_epochs_validation.json``); the test set is never touched.
"""

import argparse
import json
import time
from contextlib import contextmanager

from _common import RESULTS, command_line, commit, device_name, machine, write_json
from run import TEXTURES, as_params, texture_tasks
from sklearn.metrics import roc_auc_score
from skorch.callbacks import Callback, LRScheduler

from skanomaly import SelfSupervisedAEDetector
from skanomaly._training import WeightAverage

FIXED = {"batch_size": 16}  # as in validate_self_supervised.py: the CPU budget's batch


class ProbedWeightAverage(WeightAverage):
    """The library's weight average (``ema_decay``), kept beside the trained network.

    The detector keeps the network as trained; the average is swapped in only while
    probing.
    """

    def on_train_end(self, net, **kwargs):
        pass

    @contextmanager
    def swapped_in(self, net):
        """The averaged state in the network for the duration; the trained one after."""
        trained = {k: v.detach().clone() for k, v in net.module_.state_dict().items()}
        net.module_.load_state_dict(self.average_)
        try:
            yield
        finally:
            net.module_.load_state_dict(trained)


class ValidationProbe(Callback):
    """Every ``every`` epochs, the image AUROC of ``detector`` on held-out images.

    Also that of each :class:`ProbedWeightAverage` of ``decays`` swapped in (the net's
    callbacks named ``ema_<decay>``).
    """

    def __init__(self, detector, X, y, every, decays=()):
        self.detector = detector
        self.X = X
        self.y = y
        self.every = every
        self.decays = decays

    def initialize(self):
        self.auroc_ = {}
        self.averaged_auroc_ = {str(decay): {} for decay in self.decays}
        return self

    def auroc(self):
        # the detector's own scoring, on the network as it is now
        scores = self.detector._score(
            self.detector._validate_scoring_input(self.X), with_maps=False
        )[0]
        return float(roc_auc_score(self.y == -1, scores))

    def on_epoch_end(self, net, **kwargs):
        epoch = len(net.history)
        if epoch % self.every:
            return
        self.auroc_[epoch] = self.auroc()
        line = f"  epoch {epoch}: AUROC {self.auroc_[epoch]:.3f}"
        callbacks = dict(net.callbacks_)
        for decay in self.decays:
            with callbacks[f"ema_{decay}"].swapped_in(net):
                self.averaged_auroc_[str(decay)][epoch] = self.auroc()
            line += f", EMA {decay} {self.averaged_auroc_[str(decay)][epoch]:.3f}"
        net.module_.train()  # scoring left it in eval mode
        print(line, flush=True)

    # fit deep-copies its callbacks; the copy must stay this object, which the script
    # reads afterwards, and must not copy the detector it holds
    def __deepcopy__(self, memo):
        return self


def probe(task, params, seed, schedule, every, decays):
    detector = SelfSupervisedAEDetector(**{**FIXED, **params, "random_state": seed})
    probe_cb = ValidationProbe(detector, task.X_test, task.y_test, every, decays)
    callbacks = [(f"ema_{decay}", ProbedWeightAverage(decay)) for decay in decays]
    callbacks.append(("validation_probe", probe_cb))
    if schedule == "cosine":
        callbacks.append(
            ("lr_scheduler", LRScheduler("CosineAnnealingLR", T_max=detector.max_epochs))
        )
    detector.set_params(callbacks=callbacks)
    tick = time.perf_counter()
    detector.fit(task.X_fit)
    return {
        "texture": task.name,
        "seed": seed,
        "schedule": schedule,
        "auroc_by_epoch": probe_cb.auroc_,
        **({"ema_auroc_by_epoch": probe_cb.averaged_auroc_} if decays else {}),
        "final_auroc": float(
            roc_auc_score(task.y_test == -1, -detector.score_samples(task.X_test))
        ),
        "final_training_loss": detector.loss_curve_[-1],
        "fit_s": round(time.perf_counter() - tick, 1),
        "device": device_name(detector.net_.device),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textures", nargs="+", default=list(TEXTURES), choices=TEXTURES)
    parser.add_argument("--params", default="{}", help="JSON; lists are read as tuples")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0])
    parser.add_argument(
        "--schedules", nargs="+", default=["constant", "cosine"], choices=["constant", "cosine"]
    )
    parser.add_argument("--every", type=int, default=5, help="epochs between two probes")
    parser.add_argument(
        "--ema", nargs="*", type=float, default=[], help="decays of weight averages to probe too"
    )
    parser.add_argument("--output", default="self_supervised_epochs_validation.json")
    parser.add_argument("--note", help="what a reader of the record should know")
    args = parser.parse_args()
    params = as_params(json.loads(args.params))
    start = time.perf_counter()
    code_version = commit()
    runs = []
    for task in texture_tasks(args.textures, validation=True):
        for seed in args.seeds:
            for schedule in args.schedules:
                print(f"{task.name} seed {seed} {schedule}", flush=True)
                runs.append(probe(task, params, seed, schedule, args.every, args.ema))
                print(f"  final AUROC {runs[-1]['final_auroc']:.3f}", flush=True)
    write_json(
        RESULTS / "textures" / args.output,
        {
            "epoch_probe": True,
            "protocol": "textures (validation tasks of run.py: training data only)",
            "detector": "self_supervised",
            "params": {**FIXED, **params},
            "scoring": "the detector's default scoring, on the network after each probed epoch",
            "runs": runs,
            **({"note": args.note} if args.note else {}),
            "command": command_line(),
            "machine": machine(),
            "device": runs[-1]["device"],
            "commit": code_version,
            "wall_s": round(time.perf_counter() - start, 1),
        },
    )


if __name__ == "__main__":
    main()
