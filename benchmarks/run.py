"""Run one detector on one benchmark protocol of DATA.md and record the result.

    python benchmarks/run.py --protocol fashion_mnist --detector autoencoder \
        --param max_epochs=10 --select '{"latent_channels": [4, 16]}' --select-classes 0 6

writes ``benchmarks/results/<protocol>/<detector>.json``. Settings are chosen (``--select``)
on validation data carved from the training data only; the test set is scored once,
with the chosen settings. The file is rewritten after every class, so a run stopped part
way leaves a partial result (``"partial": true``; its part lists the classes it finished)
that the same command with ``--extend --classes`` and the classes left completes. Where
classes run side by side (a GPU), each process writes its own file: one chooses the
settings and runs its classes, the others take them with ``--part-of`` its file, and
``combine.py`` joins the files.

Protocols:

* ``fashion_mnist``: for each class k, fit on its 6,000 training images, score the
  10,000 test images (k normal, the rest anomalous).
* ``mnist_5k``: the first 300 images of each digit are the training pool (fit on class
  k's 300), the last 200 of every digit the test set. Not the paper's protocol: the full
  MNIST is not available offline.
* ``textures``: brick, grass, gravel (scikit-image); ``make_texture_defects`` cuts
  training crops from the top half and test crops (half defective) from the bottom
  half; image AUROC, pixel AUROC and AUPRO (FPR <= 0.3).
"""

import argparse
import ast
import json
import time
from functools import partial
from pathlib import Path

import numpy as np
from _common import RESULTS, command_line, commit, device_name, machine, write_json
from baselines import BASELINES
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import ParameterGrid

from skanomaly import (
    AttributeRestorationDetector,
    AutoencoderDetector,
    BlockMemoryDetector,
    SelfSupervisedAEDetector,
)
from skanomaly.datasets import (
    load_fashion_mnist,
    load_mnist_5k,
    make_texture_defects,
    one_class_split,
    one_class_validation_split,
)
from skanomaly.metrics import aupro, pixel_roc_auc

TEXTURES = ("brick", "grass", "gravel")

# every detector is seeded, so a recorded run can be repeated
DETECTORS = {
    **BASELINES,
    "autoencoder": partial(AutoencoderDetector, random_state=0),
    "attribute_restoration": partial(AttributeRestorationDetector, random_state=0),
    "block_memory": partial(BlockMemoryDetector, random_state=0),
    "self_supervised": partial(SelfSupervisedAEDetector, random_state=0),
}
TEXTURE_LAYOUT = {"n_train": 400, "n_test": 200, "crop_size": 64}


def scoring_params(detector_name):
    """The parameters the detector reads when scoring, not when training (none for baselines)."""
    return getattr(DETECTORS[detector_name](), "_scoring_params", ())


class Task:
    """One class (or texture) of a protocol: what to fit on and what to score."""

    def __init__(self, name, X_fit, X_test, y_test, masks_test=None, defects_test=None):
        self.name, self.X_fit, self.X_test, self.y_test = name, X_fit, X_test, y_test
        self.masks_test = masks_test
        self.defects_test = defects_test  # the defect kind of each test image ("good" if normal)


def fashion_mnist_tasks(classes, validation):
    train, test = load_fashion_mnist("train"), load_fashion_mnist("test")
    for k in classes:
        if validation:
            # 10 % of class k's training images and 2,000 training images of other classes
            X_fit, X_val, y_val = one_class_validation_split(
                train.images, train.target, k, n_anomalies=2000, random_state=0
            )
            yield Task(str(k), X_fit, X_val, y_val)
        else:
            yield Task(
                str(k), *one_class_split(train.images, train.target, test.images, test.target, k)
            )


def mnist_5k_tasks(classes, validation):
    data = load_mnist_5k()
    rank = np.zeros(len(data.target), dtype=int)
    for k in range(10):
        members = np.flatnonzero(data.target == k)
        rank[members] = np.arange(len(members))
    pool, test = rank < 300, rank >= 300
    for k in classes:
        if validation:
            X_fit, X_val, y_val = one_class_validation_split(
                data.images[pool],
                data.target[pool],
                k,
                validation_fraction=0.2,
                random_state=0,
            )
            yield Task(str(k), X_fit, X_val, y_val)
        else:
            yield Task(
                str(k),
                *one_class_split(
                    data.images[pool], data.target[pool], data.images[test], data.target[test], k
                ),
            )


def texture_tasks(names, validation):
    import skimage.data

    for name in names:
        photo = getattr(skimage.data, name)()
        if validation:
            # the same layout inside the training (top) half only: fit on its top
            # quarter, validate on defects made in its second quarter
            data = make_texture_defects(
                photo[: photo.shape[0] // 2], n_train=200, n_test=100, crop_size=64, random_state=1
            )
        else:
            data = make_texture_defects(photo, random_state=0, **TEXTURE_LAYOUT)
        yield Task(name, data.X_train, data.X_test, data.y_test, data.masks_test, data.defect_test)


PROTOCOLS = {
    "fashion_mnist": (fashion_mnist_tasks, [str(k) for k in range(10)]),
    "mnist_5k": (mnist_5k_tasks, [str(k) for k in range(10)]),
    "textures": (texture_tasks, list(TEXTURES)),
}


def auroc_by_defect(y, scores, defects):
    """Which defects limit the image AUROC: the normal images against each kind alone."""
    normal = y == 1
    return {
        str(kind): float(roc_auc_score(y[keep], scores[keep]))
        for kind in sorted(set(defects[~normal]))
        for keep in [normal | (defects == kind)]
    }


def evaluate(detector_name, params, task):
    detector = DETECTORS[detector_name](**params)
    start = time.perf_counter()
    detector.fit(task.X_fit)
    fit_s = time.perf_counter() - start
    scores = detector.score_samples(task.X_test)
    result = {"auroc": float(roc_auc_score(task.y_test, scores))}
    if task.defects_test is not None:
        result["auroc_by_defect"] = auroc_by_defect(task.y_test, scores, task.defects_test)
    if task.masks_test is not None and hasattr(detector, "anomaly_map"):
        maps = detector.anomaly_map(task.X_test)
        result["pixel_auroc"] = pixel_roc_auc(task.masks_test, maps)
        result["aupro"] = aupro(task.masks_test, maps)
    result["fit_s"] = round(fit_s, 2)
    result["wall_s"] = round(time.perf_counter() - start, 2)
    if hasattr(detector, "memory_nonzero_fraction_"):
        # evidence that the memory is used: how sparse its addressing is (per level)
        result["memory_nonzero_fraction"] = [
            None if np.isnan(v) else float(v) for v in detector.memory_nonzero_fraction_
        ]
    return result, _device_of(detector)


def _device_of(detector):
    """The device a fitted detector ran on (the classical baselines: the CPU)."""
    return getattr(getattr(detector, "net_", None), "device", "cpu")


def _names(protocol, requested):
    make_tasks, all_names = PROTOCOLS[protocol]
    names = requested or all_names
    unknown = set(names) - set(all_names)
    if unknown:
        raise SystemExit(f"unknown classes for {protocol}: {sorted(unknown)}")
    convert = (lambda n: n) if protocol == "textures" else int
    return make_tasks, [convert(n) for n in names]


def select(protocol, detector_name, params, grid, classes, test_run=True):
    """Pick the grid point with the best mean validation AUROC (training data only)."""
    make_tasks, names = _names(protocol, classes)
    tasks = list(make_tasks(names, validation=True))
    # a list of grids compares paired settings (e.g. a narrower network trained longer)
    # without the full product, as in scikit-learn's ParameterGrid
    candidates = list(ParameterGrid(grid))
    # candidates that differ only in how maps are scored share one trained network
    scoring_only = set(scoring_params(detector_name))
    trainings = {}
    for i, candidate in enumerate(candidates):
        training = {k: v for k, v in candidate.items() if k not in scoring_only}
        trainings.setdefault(repr(sorted(training.items())), (training, []))[1].append(i)
    aurocs = [[] for _ in candidates]
    devices = set()
    for training, members in trainings.values():
        for task in tasks:
            # a grid entry overrides a fixed parameter of the same name (--params-from)
            detector = DETECTORS[detector_name](**{**params, **training})
            # a candidate that leaves a scoring parameter out gets the value it would
            # have had alone, not the one the previous candidate set
            unset = {k: v for k, v in detector.get_params().items() if k in scoring_only}
            detector.fit(task.X_fit)
            devices.add(device_name(_device_of(detector)))
            for i in members:
                # only the scoring parameters: the rest built this detector (a baseline's
                # pipeline would not even take its own parameters' plain names)
                scoring = {k: v for k, v in candidates[i].items() if k in scoring_only}
                detector.set_params(**{**unset, **scoring})
                scores = detector.score_samples(task.X_test)
                aurocs[i].append(float(roc_auc_score(task.y_test, scores)))
        for i in members:
            print(f"  validation {candidates[i]}: {np.mean(aurocs[i]):.4f}", flush=True)
    table = [
        {
            "params": candidate,
            "mean_validation_auroc": float(np.mean(values)),
            "validation_auroc": dict(zip([str(n) for n in names], values, strict=True)),
        }
        for candidate, values in zip(candidates, aurocs, strict=True)
    ]
    best = max(table, key=lambda row: row["mean_validation_auroc"])
    return best["params"], {
        "method": "grid search on validation data carved from the training data "
        "(see benchmarks/run.py); "
        + ("the test set was scored once, afterwards" if test_run else "no test run"),
        "validation_classes": [str(n) for n in names],
        "grid": grid,
        "table": table,
        "chosen": best["params"],
        "device": ", ".join(sorted(devices)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--protocol", required=True, choices=sorted(PROTOCOLS))
    parser.add_argument("--detector", required=True, choices=sorted(DETECTORS))
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fixed detector parameter (Python literal), repeatable",
    )
    parser.add_argument(
        "--params-from",
        metavar="RESULT_JSON",
        help="start from the parameters a result file records (lists read as tuples); "
        "--param values override them",
    )
    parser.add_argument(
        "--select",
        metavar="GRID",
        help="grid to choose on validation data: a Python literal dict, or a list of "
        "dicts to try each one's product in turn (tuples allowed)",
    )
    parser.add_argument("--select-classes", nargs="*", help="classes used for --select")
    parser.add_argument(
        "--selection-note",
        default="library defaults and the fixed --param values; nothing was tuned",
    )
    parser.add_argument("--classes", nargs="*", help="run only these classes (a partial run)")
    parser.add_argument("--name", help="result file name (default: the detector name)")
    parser.add_argument(
        "--extend",
        action="store_true",
        help="add the --classes to the partial result file of the same name, detector and "
        "params (each part keeps its command, commit and wall time)",
    )
    parser.add_argument(
        "--validate-only",
        action="store_true",
        help="record the --select comparison (results/<protocol>/<name>.json) and stop: the "
        "test set is not touched, e.g. to learn on a CPU whether a setting is worth a test run",
    )
    parser.add_argument(
        "--part-of",
        metavar="RESULT_JSON",
        help="run the --classes of the experiment a partial result file records (its "
        "parameters and how they were chosen) into the file --name, so that parts running "
        "side by side can be joined by combine.py",
    )
    args = parser.parse_args()
    # checked before the (long) selection runs, not after it
    if args.validate_only and (not args.select or args.classes or args.extend or args.part_of):
        parser.error("--validate-only takes --select, not --classes, --extend or --part-of")

    params = _recorded_params(args.params_from) if args.params_from else {}
    for item in args.param:
        key, _, value = item.partition("=")
        try:
            params[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[key] = value
    start = time.perf_counter()
    code_version = commit()  # at the start: the code that ran, whatever changes later
    selection = {"method": args.selection_note}
    name = args.name or args.detector
    earlier = _earlier_part(args, name, params) if args.extend else None
    if earlier and args.selection_note == parser.get_default("selection_note"):
        selection = earlier["selection"]  # the settings are the earlier part's
    if args.part_of:
        params, selection = _sibling_part(args, parser.get_default("selection_note"))
    if args.select:
        chosen, selection = select(
            args.protocol,
            args.detector,
            params,
            ast.literal_eval(args.select),
            args.select_classes,
            test_run=not args.validate_only,
        )
        if args.selection_note != parser.get_default("selection_note"):
            selection["method"] += f"; {args.selection_note}"
        params.update(chosen)
    if args.validate_only:
        _record_validation(args, name, params, selection, code_version, start)
        return

    make_tasks, names = _names(args.protocol, args.classes)
    per_class, devices = {}, set()
    path = RESULTS / args.protocol / f"{name}.json"
    for task in make_tasks(names, validation=False):
        result, device = evaluate(args.detector, params, task)
        per_class[task.name] = result
        devices.add(device_name(device))
        print(
            f"{args.protocol} {args.detector} {task.name}: "
            + ", ".join(f"{k}={v:.4f}" for k, v in result.items() if isinstance(v, float)),
            flush=True,
        )
        # written after every class, so that a run stopped part way (a long run on a CPU)
        # keeps what it measured as a partial result that --extend can complete
        part = {
            "classes": list(per_class),
            **_run_facts(", ".join(sorted(devices)), code_version, start),
        }
        payload = _record(args, name, params, selection, per_class, part, earlier)
        write_json(path, payload)
    print(f"mean AUROC {payload['mean_auroc']:.4f}")


def _record(args, name, params, selection, per_class, part, earlier):
    """The result file's content: this run's part, added to the ``--extend``-ed one."""
    parts = [*parts_of(earlier), part] if earlier else [part]
    if earlier:
        per_class = {**earlier["per_class"], **per_class}
    return assemble(args.protocol, args.detector, name, params, selection, per_class, parts)


def class_order(protocol):
    """The protocol's class (or texture) names as a record keys them, in protocol order."""
    return [str(n) for n in _names(protocol, None)[1]]


def assemble(protocol, detector, name, params, selection, per_class, parts):
    """A result file's content from the classes it holds and the runs (parts) that made them."""
    # in the protocol's class order, whatever order the parts ran them in
    order = class_order(protocol)
    per_class = {c: per_class[c] for c in order if c in per_class}
    payload = {
        "protocol": protocol,
        "detector": detector,
        "name": name,
        "params": params,
        "per_class": per_class,
        "partial": list(per_class) != order,
    }
    for metric in ("auroc", "pixel_auroc", "aupro"):
        values = [r[metric] for r in per_class.values() if metric in r]
        if values:
            payload[f"mean_{metric}"] = float(np.mean(values))
    # one run is one part; a result of several lists every part and sums their wall times
    payload.update(joined_runs(parts), selection=selection)
    if len(parts) > 1:
        payload["parts"] = parts
    return payload


def joined_runs(parts):
    """The command, device, machine, commit and wall time of the runs that made a result."""
    return {
        # one process may have made several parts (validate_self_supervised.py fit)
        "command": " ; ".join(dict.fromkeys(p["command"] for p in parts)),
        "device": ", ".join(sorted({p["device"] for p in parts})),
        "machine": ", ".join(sorted({p["machine"] for p in parts})),
        "commit": ", ".join(dict.fromkeys(p["commit"] for p in parts)),
        "wall_s": round(sum(p["wall_s"] for p in parts), 1),
    }


def parts_of(result):
    """The runs that made a result: its parts, or the single run it records."""
    keys = ("command", "device", "machine", "commit", "wall_s")
    classes = (
        result["selection"]["validation_classes"]
        if result.get("validation_only")
        else list(result["per_class"])
    )
    return result.get("parts", [{"classes": classes, **{k: result[k] for k in keys}}])


def _record_validation(args, name, params, selection, code_version, start):
    """Write a ``--validate-only`` comparison: the grid, each candidate's validation AUROC."""
    write_json(
        RESULTS / args.protocol / f"{name}.json",
        {
            "protocol": args.protocol,
            "detector": args.detector,
            "name": name,
            "validation_only": True,
            "params": params,
            "selection": selection,
            **_run_facts(selection["device"], code_version, start),
        },
    )


def _run_facts(device, code_version, start):
    """What every record keeps about the run that made it."""
    return {
        "command": command_line(),
        "device": device,
        "machine": machine(),
        "commit": code_version,
        "wall_s": round(time.perf_counter() - start, 1),
    }


def _recorded_params(path):
    """The parameters a result file records (JSON lists read back as tuples)."""
    return as_params(json.loads(Path(path).read_text())["params"])


def as_params(recorded):
    """Parameters read from JSON, with its lists turned back into tuples."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in recorded.items()}


def _sibling_part(args, default_note):
    """The parameters and selection of the experiment that ``--part-of`` adds classes to."""
    source = json.loads(Path(args.part_of).read_text())
    if args.select or args.param or args.params_from or args.extend:
        raise SystemExit(
            "--part-of takes the settings of its result file; drop --select, "
            "--param, --params-from and --extend"
        )
    if args.selection_note != default_note:
        raise SystemExit("--part-of keeps the selection note of its result file")
    if (source["protocol"], source["detector"]) != (args.protocol, args.detector):
        raise SystemExit(
            f"--part-of: {args.part_of} ran {source['detector']} on {source['protocol']}"
        )
    if not args.classes or set(args.classes) & set(source["per_class"]):
        raise SystemExit(f"--part-of: give --classes that {args.part_of} does not hold")
    return as_params(source["params"]), source["selection"]


def _earlier_part(args, name, params):
    """The partial result that ``--extend`` adds to, checked to be the same experiment."""
    path = RESULTS / args.protocol / f"{name}.json"
    if not path.exists():
        raise SystemExit(f"--extend: no earlier result {path}")
    earlier = json.loads(path.read_text())
    if args.select:
        raise SystemExit("--extend: settings were chosen by the earlier part; drop --select")
    if earlier["detector"] != args.detector or earlier["params"] != json.loads(json.dumps(params)):
        raise SystemExit(
            f"--extend: {path} ran {earlier['detector']} with {earlier['params']}, "
            f"not {args.detector} with {params}"
        )
    if not args.classes or set(args.classes) & set(earlier["per_class"]):
        raise SystemExit(f"--extend: give --classes that {path} does not already hold")
    return earlier


if __name__ == "__main__":
    main()
