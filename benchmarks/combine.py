"""Combine the results of one experiment run in parts side by side into one result file.

    python benchmarks/combine.py --name self_supervised \
        benchmarks/results/textures/self_supervised_brick.json \
        benchmarks/results/textures/self_supervised_grass.json ...

``run.py --extend`` completes a partial result one run after another; where the classes
(or textures) of one experiment run at the same time in separate processes, each writes
its own partial result under its own ``--name``, and this joins them: same protocol,
detector, parameters and selection, no class twice. Every part keeps its command, device,
machine, commit and wall time; the inputs are removed once the combined file is written.

``run.py --validate-only`` comparisons of one grid on different validation classes (one
process per class) are joined the same way: each candidate's validation AUROC over all
their classes, and the candidate with the best mean over them chosen again.
"""

import argparse
import json
from pathlib import Path

import numpy as np
from _common import RESULTS, write_json
from run import assemble, class_order, joined_runs, parts_of

SAME = ("protocol", "detector", "params", "selection")


def combine(results, name):
    first = results[0]
    per_class = {}
    for result in results:
        differing = [key for key in SAME if result[key] != first[key]]
        if differing:
            raise SystemExit(f"{result['name']} differs from {first['name']} in {differing}")
        twice = set(per_class) & set(result["per_class"])
        if twice:
            raise SystemExit(f"{result['name']} repeats {sorted(twice)}")
        per_class.update(result["per_class"])
    parts = [part for result in results for part in parts_of(result)]
    return assemble(
        first["protocol"],
        first["detector"],
        name,
        first["params"],
        first["selection"],
        per_class,
        parts,
    )


def _grid_keys(grid):
    return {key for entry in (grid if isinstance(grid, list) else [grid]) for key in entry}


def combine_validation(results, name):
    """Join ``--validate-only`` records of one grid run on different validation classes."""
    first = results[0]
    grid = first["selection"]["grid"]
    grid_keys = _grid_keys(grid)

    def fixed(result):  # the parameters the grid did not set
        return {k: v for k, v in result["params"].items() if k not in grid_keys}

    rows = [dict(row, validation_auroc={}) for row in first["selection"]["table"]]
    parts = []
    for result in results:
        same = (
            result.get("validation_only")
            and (result["protocol"], result["detector"]) == (first["protocol"], first["detector"])
            and fixed(result) == fixed(first)
            and result["selection"]["grid"] == grid
            and result["selection"]["method"] == first["selection"]["method"]
        )
        if not same:
            raise SystemExit(f"{result['name']} is not the same comparison as {first['name']}")
        for row, own in zip(rows, result["selection"]["table"], strict=True):
            if own["params"] != row["params"]:
                raise SystemExit(f"{result['name']} lists other candidates than {first['name']}")
            twice = set(row["validation_auroc"]) & set(own["validation_auroc"])
            if twice:
                raise SystemExit(f"{result['name']} repeats validation classes {sorted(twice)}")
            row["validation_auroc"].update(own["validation_auroc"])
        parts += parts_of(result)
    order = class_order(first["protocol"])
    for row in rows:
        row["validation_auroc"] = {
            c: row["validation_auroc"][c] for c in order if c in row["validation_auroc"]
        }
        row["mean_validation_auroc"] = float(np.mean(list(row["validation_auroc"].values())))
    best = max(rows, key=lambda row: row["mean_validation_auroc"])
    selection = {
        **first["selection"],
        "validation_classes": list(rows[0]["validation_auroc"]),
        "table": rows,
        "chosen": best["params"],
        "device": ", ".join(sorted({r["selection"]["device"] for r in results})),
    }
    return {
        "protocol": first["protocol"],
        "detector": first["detector"],
        "name": name,
        "validation_only": True,
        "params": {**first["params"], **best["params"]},
        "selection": selection,
        **joined_runs(parts),
        "parts": parts,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", required=True, help="the combined result's file name")
    parser.add_argument("results", nargs="+", type=Path, help="partial result files")
    args = parser.parse_args()
    results = [json.loads(path.read_text()) for path in args.results]
    joiner = combine_validation if results[0].get("validation_only") else combine
    combined = joiner(results, args.name)
    output = RESULTS / combined["protocol"] / f"{args.name}.json"
    write_json(output, combined)
    for path in args.results:
        if path.resolve() != output.resolve():
            path.unlink()


if __name__ == "__main__":
    main()
