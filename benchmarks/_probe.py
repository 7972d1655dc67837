"""What the validation-only probes share: their arguments, one process per class, the record.

A probe trains a recorded setting on each class's validation split (run.py's, carved from
the training data) and scores the validation images in several ways that run.py's grid
cannot express; ``seed_ensemble.py`` and ``mirror_views.py`` are the two. Each class
runs in its own spawned process of one torch thread and returns ``(class name, {row
label: validation AUROC}, devices)``; the rows become a validation-only record that
summarize.py renders like run.py's selection tables.
"""

import argparse
import time
from multiprocessing import get_context

import numpy as np
import torch
from _common import RESULTS, commit, write_json
from run import DETECTORS, PROTOCOLS, _run_facts


def probe_parser(description):
    """The arguments every probe takes; a probe adds its own before parsing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--protocol", required=True, choices=sorted(PROTOCOLS))
    parser.add_argument("--detector", required=True, choices=sorted(DETECTORS))
    parser.add_argument("--params-from", required=True, help="a result file whose params to use")
    parser.add_argument("--classes", nargs="+", required=True)
    parser.add_argument("--name", required=True, help="result file name")
    parser.add_argument("--note", default="", help="why this ran, and the rule it answers to")
    return parser


def run_probe(args, one_class, jobs, *, script, row_key, params, method):
    """Run ``one_class`` on each job in its own process, then write the record.

    ``script`` is the probe's file name, ``row_key`` names what tells the rows apart
    (the key of each row's params), ``params`` are the record's parameters and
    ``method`` says how the rows were made.
    """
    start = time.perf_counter()
    code_version = commit()
    torch.set_num_threads(1)  # as each worker: the record says how the networks ran
    # spawn: forked workers would inherit the parent's torch thread pool
    with get_context("spawn").Pool(len(jobs)) as pool:
        per_class = pool.map(one_class, jobs)
    rows = {}
    for name, aurocs, _ in per_class:
        for label, auroc in aurocs.items():
            rows.setdefault(label, {})[name] = float(auroc)
    table = [
        {
            "params": {row_key: label},
            "mean_validation_auroc": float(np.mean(list(by_class.values()))),
            "validation_auroc": by_class,
        }
        for label, by_class in rows.items()
    ]
    for row in table:
        print(f"  {row['params'][row_key]}: {row['mean_validation_auroc']:.4f}", flush=True)
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
                "method": f"{method} (benchmarks/{script}, from "
                f"{args.params_from}); no test run" + (f"; {args.note}" if args.note else ""),
                "validation_classes": list(args.classes),
                "table": table,
                "device": devices,
            },
            **_run_facts(devices, code_version, start),
        },
    )
