"""Compare SelfSupervisedAEDetector settings on the textures' validation data.

    python benchmarks/validate_self_supervised.py fit A '{"max_epochs": 20}' --maps-dir /tmp/v
    python benchmarks/validate_self_supervised.py fit B \
        '{"max_epochs": 60, "base_channels": 16}' --maps-dir /tmp/v
    python benchmarks/validate_self_supervised.py record A B --maps-dir /tmp/v
    python benchmarks/validate_self_supervised.py record C D --maps-dir /tmp/v2 --keep-recorded
    python benchmarks/validate_self_supervised.py fit C1 \
        '{"max_epochs": 60, "base_channels": 16, "noise_std": 0.05, "random_state": 1}' ...
    python benchmarks/validate_self_supervised.py fit P '{...}' --textures grass --maps-dir /tmp/v

``fit`` trains one candidate (the fixed ``batch_size=16`` plus the given parameters,
seeded as in run.py unless they give a ``random_state``) on each texture's *validation*
task of run.py (fit on the top quarter of the photo, defects made in its second quarter:
training data only) and saves its raw anomaly maps (squared error, unsmoothed) with a
record of how it ran (``--textures``: only some of them, so that a candidate's textures
can train side by side in several processes). ``record`` scores the saved maps as the
detector does and writes ``results/textures/self_supervised_validation.json``: the mean
validation image AUROC with the default scoring (what run.py's ``--select`` compares),
and, since smoothing and score reduction do not change training, the image AUROC, pixel
AUROC and AUPRO of every scoring variant of the same trained networks.
``--keep-recorded`` adds the new candidates to those already in that record (whose maps
need not be kept) and chooses among all of them. A candidate may repeat another with a
different ``random_state``: candidates that differ only in their seed form one setting,
judged by its mean (the record lists each setting's seeds and their spread), and each
setting also lists its seed-mean pixel AUROC and AUPRO. ``maps-rule T P`` exits 0 when
setting T is chosen or, not chosen, has better maps than P's at an image AUROC at most
0.01 below it (the rule that lets a map-oriented setting score the test set). The test
set is never touched here.

This exists because run.py's ``--select`` refits per candidate and records image AUROC
only; on two CPU cores one candidate costs half an hour, so the networks are trained
once and every scoring variant is read from their maps.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from _common import RESULTS, command_line, commit, device_name, machine, write_json
from joblib import Parallel, delayed
from run import TEXTURES, as_params, auroc_by_defect, joined_runs, texture_tasks
from sklearn.metrics import roc_auc_score

from skanomaly import SelfSupervisedAEDetector
from skanomaly._nn import gaussian_blur
from skanomaly.metrics import aupro, pixel_roc_auc

FIXED = {"batch_size": 16, "random_state": 0}
VALIDATION_RECORD = RESULTS / "textures" / "self_supervised_validation.json"
SCORING_PARAMS = SelfSupervisedAEDetector._scoring_params
DEFAULT_SCORING = {k: SelfSupervisedAEDetector().get_params()[k] for k in SCORING_PARAMS}
SCORING_VARIANTS = [
    {"smoothing_sigma": sigma, "score_reduction": reduction, "top_k_fraction": fraction}
    for sigma in (0.0, 1.0, 2.0, 4.0)
    for reduction, fraction in (("max", 0.01), ("top_k_mean", 0.01), ("top_k_mean", 0.05))
]


def fit(tag, params, maps_dir, textures=TEXTURES):
    code_version = commit()
    for task in texture_tasks(textures, validation=True):
        start = time.perf_counter()
        detector = SelfSupervisedAEDetector(**{**FIXED, **params})  # a seed may be given
        detector.fit(task.X_fit)
        fit_s = round(time.perf_counter() - start, 1)
        detector.set_params(smoothing_sigma=0)  # raw maps: every smoothing is read later
        np.savez(
            maps_dir / f"{tag}_{task.name}.npz",
            maps=detector.anomaly_map(task.X_test),
            y=task.y_test,
            masks=task.masks_test,
            defects=task.defects_test,
            loss=np.array(detector.loss_curve_),
        )
        # one record per texture, so that a candidate's textures may run side by side
        run = {
            "params": {**FIXED, **params},
            "command": command_line(),
            "machine": machine(),
            "device": device_name(detector.net_.device),
            "commit": code_version,
            "fit_s": fit_s,
            "wall_s": round(time.perf_counter() - start, 1),
        }
        (maps_dir / f"{tag}_{task.name}.json").write_text(json.dumps(run, indent=2) + "\n")
        print(f"{tag} {task.name}: fit {fit_s:.0f} s", flush=True)


def _joined_run(tag, maps_dir):
    """How a candidate ran, from its per-texture records (one process or several)."""
    runs = {name: json.loads((maps_dir / f"{tag}_{name}.json").read_text()) for name in TEXTURES}
    if len({json.dumps(run["params"], sort_keys=True) for run in runs.values()}) > 1:
        raise ValueError(f"candidate {tag}'s textures were fitted with different parameters")
    return {
        "params": runs[TEXTURES[0]]["params"],
        # joined as run.py joins a test result's parts; wall_s sums the textures, whether
        # they ran one after another or side by side
        **joined_runs(list(runs.values())),
        "fit_s": {name: run["fit_s"] for name, run in runs.items()},
    }


def _score(saved, scoring):
    raw = torch.from_numpy(saved["maps"]).float()[:, None]
    smoothed = gaussian_blur(raw, scoring["smoothing_sigma"])[:, 0]
    # the detector's own reduction of a map to an image score, negated as score_samples does
    reducer = SelfSupervisedAEDetector(**scoring)
    scores = -reducer._image_scores(smoothed).numpy()
    smoothed = smoothed.numpy()
    y, masks = saved["y"], saved["masks"]
    result = {
        "auroc": float(roc_auc_score(y, scores)),
        "pixel_auroc": float(pixel_roc_auc(masks, smoothed)),
        "aupro": float(aupro(masks, smoothed)),
    }
    if "defects" in saved:  # maps saved by older versions lack the kinds
        result["auroc_by_defect"] = auroc_by_defect(y, scores, saved["defects"])
    return result


def _settings(candidates):
    """Group candidates that differ only in their seed; a setting is judged by its mean.

    Choosing the luckiest seed of a setting would choose noise, so seed repeats are
    averaged, and their spread says how far apart two settings must be to differ.
    """
    groups = {}
    for c in candidates:
        setting = {k: v for k, v in c["params"].items() if k != "random_state"}
        groups.setdefault(json.dumps(setting, sort_keys=True), []).append(c)
    settings = []
    for group in groups.values():
        defaults = [_default_variant(c["scoring_variants"]) for c in group]
        settings.append(
            {
                "tags": [c["tag"] for c in group],
                "seeds": [c["params"]["random_state"] for c in group],
                "mean_validation_auroc": float(np.mean([v["mean_auroc"] for v in defaults])),
                # the maps, for a rule that weighs them (maps-rule); not the criterion
                "mean_validation_pixel_auroc": float(
                    np.mean([v["mean_pixel_auroc"] for v in defaults])
                ),
                "mean_validation_aupro": float(np.mean([v["mean_aupro"] for v in defaults])),
                "per_seed_validation_auroc": [v["mean_auroc"] for v in defaults],
                "per_texture_per_seed": {
                    name: [v["per_texture"][name]["auroc"] for v in defaults] for name in TEXTURES
                },
            }
        )
    return settings


def _default_variant(variants):
    return next(v for v in variants if v["scoring"] == DEFAULT_SCORING)


def _scored_candidate(tag, maps_dir, one_thread=False):
    """One fitted candidate's record, with every scoring variant of its saved maps."""
    if one_thread:  # one candidate per process (record --jobs): do not oversubscribe
        torch.set_num_threads(1)
    run = _joined_run(tag, maps_dir)
    # read each file once: an NpzFile reloads an array on every access
    saved = {name: dict(np.load(maps_dir / f"{tag}_{name}.npz")) for name in TEXTURES}
    variants = []
    for scoring in SCORING_VARIANTS:
        per_texture = {name: _score(z, scoring) for name, z in saved.items()}
        means = {
            f"mean_{m}": float(np.mean([r[m] for r in per_texture.values()]))
            for m in ("auroc", "pixel_auroc", "aupro")
        }
        variants.append({"scoring": scoring, **means, "per_texture": per_texture})
    return {
        "tag": tag,
        **run,
        "final_training_loss": {n: float(z["loss"][-1]) for n, z in saved.items()},
        "mean_validation_auroc": _default_variant(variants)["mean_auroc"],
        "scoring_variants": variants,
    }


def record(tags, maps_dir, keep_recorded=False, note=None, jobs=1):
    candidates = []
    if keep_recorded:
        earlier = json.loads(VALIDATION_RECORD.read_text())
        if earlier["default_scoring"] != DEFAULT_SCORING:
            raise ValueError("the recorded candidates were compared with another scoring")
        # each kept candidate remembers the command that scored it
        candidates = [
            {"record_command": earlier["record_command"], **c}
            for c in earlier["candidates"]
            if c["tag"] not in tags
        ]
        # the earlier note still describes the kept candidates: add to it, never replace it
        note = " ".join(n for n in (earlier.get("note"), note) if n) or None
    # scoring every variant of the maps takes a while: --jobs scores candidates in parallel
    scored = Parallel(n_jobs=jobs)(
        delayed(_scored_candidate)(tag, maps_dir, one_thread=jobs != 1) for tag in tags
    )
    for candidate in scored:
        print(
            f"{candidate['tag']} {candidate['params']}: mean validation AUROC "
            f"{candidate['mean_validation_auroc']:.4f}"
        )
    candidates += scored
    settings = _settings(candidates)
    best = max(settings, key=lambda s: s["mean_validation_auroc"])
    write_json(
        VALIDATION_RECORD,
        {
            "protocol": "textures (validation tasks of run.py: training data only)",
            "detector": "self_supervised",
            "criterion": "mean validation image AUROC (of a setting run with several seeds: "
            "the mean over them) with the detector's default scoring",
            "default_scoring": DEFAULT_SCORING,
            "candidates": candidates,
            "settings": settings,
            "chosen": best["tags"][0],
            **({"note": note} if note else {}),
            "record_command": command_line(),
        },
    )


def maps_rule(candidate, baseline, tolerance):
    """Whether ``candidate``'s setting scores the test set by the rule that weighs the maps.

    The record chooses by image AUROC alone; a setting it does not choose still scores
    the test set when its validation maps are better than ``baseline``'s on both pixel
    AUROC and AUPRO (seed means, default scoring) at an image AUROC at most
    ``tolerance`` below it. Fixed before the runs it judges (self_supervised_gpu.sh).
    """
    record = json.loads(VALIDATION_RECORD.read_text())
    # from the candidates, so that records written before settings listed the maps work
    by_tag = {s["tags"][0]: s for s in _settings(record["candidates"])}
    for tag in (candidate, baseline):
        if tag not in by_tag:
            raise ValueError(f"no recorded setting starts with candidate {tag!r}")
    new, old = by_tag[candidate], by_tag[baseline]
    measures = ("auroc", "pixel_auroc", "aupro")
    for setting in (new, old):
        values = ", ".join(f"{m} {setting[f'mean_validation_{m}']:.4f}" for m in measures)
        print(f"{'/'.join(setting['tags'])}: {values}")
    chosen = record["chosen"] == candidate
    better_maps = all(
        new[f"mean_validation_{m}"] > old[f"mean_validation_{m}"] for m in measures[1:]
    )
    close = new["mean_validation_auroc"] >= old["mean_validation_auroc"] - tolerance
    passes = chosen or (better_maps and close)
    print(
        f"{candidate}: chosen {chosen}, maps better than {baseline}'s {better_maps}, image "
        f"AUROC within {tolerance} {close}: {'scores the test set' if passes else 'no test run'}"
    )
    return passes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    fit_parser = sub.add_parser("fit")
    fit_parser.add_argument("tag")
    fit_parser.add_argument("params", help="detector parameters, a JSON object")
    fit_parser.add_argument(
        "--textures",
        nargs="+",
        choices=TEXTURES,
        default=list(TEXTURES),
        help="fit these textures only (the others may run in other processes)",
    )
    record_parser = sub.add_parser("record")
    record_parser.add_argument("tags", nargs="+")
    record_parser.add_argument(
        "--keep-recorded",
        action="store_true",
        help="choose among these and the candidates already recorded",
    )
    record_parser.add_argument("--note", help="what a reader of the record should know")
    record_parser.add_argument(
        "--jobs", type=int, default=1, help="candidates scored in parallel (processes)"
    )
    for p in (fit_parser, record_parser):
        p.add_argument("--maps-dir", type=Path, required=True)
    rule_parser = sub.add_parser(
        "maps-rule", help="exit 0 if CANDIDATE scores the test set by the rule (maps_rule)"
    )
    rule_parser.add_argument("candidate")
    rule_parser.add_argument("baseline")
    rule_parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args()
    if args.step == "maps-rule":
        sys.exit(0 if maps_rule(args.candidate, args.baseline, args.tolerance) else 1)
    args.maps_dir.mkdir(parents=True, exist_ok=True)
    if args.step == "fit":
        # JSON lists are read as tuples, as the detectors' tuple parameters need
        fit(args.tag, as_params(json.loads(args.params)), args.maps_dir, args.textures)
    else:
        record(args.tags, args.maps_dir, args.keep_recorded, args.note, args.jobs)


if __name__ == "__main__":
    main()
