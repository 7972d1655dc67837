"""Combine the results of one experiment run in parts side by side into one result file.

    python benchmarks/combine.py --name self_supervised \
        benchmarks/results/textures/self_supervised_brick.json \
        benchmarks/results/textures/self_supervised_grass.json ...

``run.py --extend`` completes a partial result one run after another; where the classes
(or textures) of one experiment run at the same time in separate processes, each writes
its own partial result under its own ``--name``, and this joins them: same protocol,
detector, parameters and selection, no class twice. Every part keeps its command, device,
machine, commit and wall time; the inputs are removed once the combined file is written.
"""

import argparse
import json
from pathlib import Path

from _common import RESULTS, write_json
from run import assemble, parts_of

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", required=True, help="the combined result's file name")
    parser.add_argument("results", nargs="+", type=Path, help="partial result files")
    args = parser.parse_args()
    results = [json.loads(path.read_text()) for path in args.results]
    combined = combine(results, args.name)
    output = RESULTS / combined["protocol"] / f"{args.name}.json"
    write_json(output, combined)
    for path in args.results:
        if path.resolve() != output.resolve():
            path.unlink()


if __name__ == "__main__":
    main()
