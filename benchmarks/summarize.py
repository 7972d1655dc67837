"""Render every recorded result under benchmarks/results into benchmarks/RESULTS.md.

python benchmarks/summarize.py
"""

import json
import operator
import re
from pathlib import Path

from run import scoring_params

HERE = Path(__file__).resolve().parent
PROTOCOL_TITLES = {
    "fashion_mnist": "One-class Fashion-MNIST (10 classes, standard protocol)",
    "mnist_5k": "One-class MNIST-5k (300 training / 200 test images per digit; not the "
    "paper's full-MNIST protocol)",
    "textures": "Textures with synthetic defects (brick, grass, gravel; 64x64 crops)",
}


def _fmt(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"


def _mean(records, name, key="mean_auroc"):
    return records[name][key] if name in records else None


def _gap(records, name, other):
    a, b = _mean(records, name), _mean(records, other)
    return None if a is None or b is None else a - b


def _without(record, params):
    return {k: v for k, v in record["params"].items() if k not in params}


def _differing_only_in(records, record, param, accept, unread=()):
    """A record of `record`'s detector with its other settings, `param` accepted (or None).

    Settings in `unread` may differ too: `record` does not read them. The detector's own
    record (e.g. block_memory.json) is tried first: it is the one such comparisons are
    normally run against.
    """
    ignored = {param, *unread}
    settings = _without(record, ignored)
    return next(
        (
            r
            for r in sorted(records.values(), key=lambda r: r["name"] != record["detector"])
            if r["detector"] == record["detector"]
            and accept(r["params"].get(param))
            and _without(r, ignored) == settings
        ),
        None,
    )


def _trained_alike(records, name, other):
    """The name of `other`'s record trained for as many epochs as `name`'s record.

    `other` itself, unless its epochs differ and `other`'s record at `name`'s epochs,
    named ``{other}_{epochs}_epochs``, exists with the same training settings: a
    difference of two detectors then compares equal training lengths rather than a
    longer-trained method with a shorter-trained baseline. Only the training settings
    must agree: the image score of a record at other epochs may have been chosen on its
    own networks.
    """
    if name not in records or other not in records:
        return other
    epochs = records[name]["params"].get("max_epochs")
    if records[other]["params"].get("max_epochs") == epochs:
        return other
    at_epochs = records.get(f"{other}_{epochs}_epochs")
    if at_epochs is None or _training_settings(at_epochs) != _training_settings(records[other]):
        return other
    return at_epochs["name"]


def _training_settings(record):
    """`record`'s parameters less its epochs and those its detector reads when scoring."""
    scoring = scoring_params(record["detector"])
    return {k: v for k, v in record["params"].items() if k != "max_epochs" and k not in scoring}


def _baseline_gap(records):
    """DAAD's mean AUROC minus the autoencoder's, trained alike where recorded."""
    return _gap(records, DAAD, _trained_alike(records, DAAD, AE))


def _ablated(records, ablation_name):
    """An ablation of DAAD and the DAAD record with its other settings (None if none)."""
    ablation = records.get(ablation_name)
    if ablation is None:
        return None, None
    param, off, unread = ABLATIONS[ablation_name]
    return ablation, _differing_only_in(
        records, ablation, param, lambda value: value != off, unread
    )


def _memory_gap(records):
    """DAAD's mean AUROC minus its memory ablation's, with the same other settings."""
    ablation, ablated = _ablated(records, NO_MEMORY)
    return None if ablated is None else ablated["mean_auroc"] - ablation["mean_auroc"]


def _worst_class(records, name):
    return (
        min(c["auroc"] for c in records[name]["per_class"].values()) if name in records else None
    )


ARNET, DAAD, SSAE, AE = "attribute_restoration", "block_memory", "self_supervised", "autoencoder"
NO_MEMORY = "block_memory_no_memory"  # the memory ablation
NO_ADVERSARIAL = "block_memory_no_adversarial"  # the discriminator ablation
# each DAAD ablation: the parameter it switches off, its value when off, and the settings
# the ablated network does not read (without a memory, no shrinkage: see
# tests/test_block_memory.py), so that one ablation serves every value of them
ABLATIONS = {
    NO_MEMORY: ("memory_size", 0, ("shrink_threshold",)),
    NO_ADVERSARIAL: ("adversarial", False, ()),
}
# the accuracy targets of the method issues, read from the full (not partial) records:
# (issue, protocol, measure, comparison, threshold, the measure from the records by name)
TARGETS = [
    ("#4 ARNet", "fashion_mnist", "mean AUROC", ">=", 0.94, lambda r: _mean(r, ARNET)),
    ("#4 ARNet", "mnist_5k", "mean AUROC", ">=", 0.98, lambda r: _mean(r, ARNET)),
    ("#5 DAAD", "textures", "AUROC - autoencoder", ">=", 0.05, _baseline_gap),
    ("#5 DAAD", "fashion_mnist", "mean AUROC", ">=", 0.93, lambda r: _mean(r, DAAD)),
    ("#5 DAAD", "fashion_mnist", "AUROC - autoencoder", ">=", 0.03, _baseline_gap),
    ("#5 DAAD", "textures", "AUROC - memory off", ">", 0.0, _memory_gap),
    ("#5 DAAD", "fashion_mnist", "AUROC - memory off", ">", 0.0, _memory_gap),
    ("#6 SSAE", "textures", "mean image AUROC", ">=", 0.97, lambda r: _mean(r, SSAE)),
    ("#6 SSAE", "textures", "lowest texture's AUROC", ">=", 0.95, lambda r: _worst_class(r, SSAE)),
    (
        "#6 SSAE",
        "textures",
        "mean pixel AUROC",
        ">=",
        0.97,
        lambda r: _mean(r, SSAE, "mean_pixel_auroc"),
    ),
    ("#6 SSAE", "textures", "mean AUPRO", ">=", 0.90, lambda r: _mean(r, SSAE, "mean_aupro")),
]


def _seed_repeats(records):
    """The runs of a record's setting with other seeds (named NAME_seedK), by NAME."""
    return {
        name: [
            r
            for other, r in sorted(records.items())
            if re.fullmatch(re.escape(name) + r"_seed\d+", other)
        ]
        for name in records
    }


def _other_seeds(records, read):
    """The measure again with each seed repeat in place of the record it repeats.

    Only repeats of the records the measure reads change it, so the others are left out.
    """
    value, values = read(records), []
    for name, repeats in _seed_repeats(records).items():
        for repeat in repeats:
            other = read({**records, name: repeat})
            if other != value:
                values.append(other)
    return values


def _targets_section(by_protocol):
    """Each accuracy target of the method issues against what is recorded."""
    lines = [
        "## Targets of the method issues",
        "",
        "Four decimals, so that a value just short of a target does not round up to it; "
        "'AUROC - autoencoder' is the difference of the two detectors' mean image AUROC "
        "(against the autoencoder trained for DAAD's number of epochs where that is "
        "recorded), "
        "'AUROC - memory off' that of DAAD and its ablation (memory_size=0) with the same "
        "other settings (but for shrink_threshold, which a network without memory does not "
        "read). A margin of a few thousandths either way is inside what one "
        "training run's seed or one scoring choice moves these means (see the seed repeats "
        "below and each record's selection), so 'yes' by such a margin means 'about "
        "there'. 'Other seeds': the same measure with the record's setting trained again "
        "with another `random_state` (records NAME_seedK; not a choice, the record stays "
        "seed 0's), and how many of all its seeds meet the target.",
        "",
        "| issue | protocol | measure | target | measured | met | other seeds |",
        "|---|---|---|---|---|---|---|",
    ]
    for issue, protocol, measure, comparison, threshold, read in TARGETS:
        full = {r["name"]: r for r in by_protocol.get(protocol, []) if not r.get("partial")}
        value, others = read(full), _other_seeds(full, read)
        meets = {">=": operator.ge, ">": operator.gt}[comparison]
        met = "n/m" if value is None else ["no", "yes"][meets(value, threshold)]
        seeds = "—"
        if others:
            met_by = sum(meets(v, threshold) for v in [value, *others])
            seeds = f"{_slashed(others, 4)} ({met_by} of {len(others) + 1} seeds meet it)"
        lines.append(
            f"| {issue} | {protocol} | {measure} | {comparison} {threshold:.2f} | "
            f"{_fmt(value, 4)} | {met} | {seeds} |"
        )
    return [*lines, ""]


def _protocol_section(protocol, results):
    lines = [f"## {PROTOCOL_TITLES.get(protocol, protocol)}", ""]
    classes = list(next(iter(results))["per_class"])
    textures = protocol == "textures"
    header = ["detector", "mean AUROC"]
    if textures:
        header += ["mean pixel AUROC", "mean AUPRO"]
    header += [f"{c}" for c in classes] + ["wall (s)", "device", "commit"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in sorted(results, key=lambda r: -r["mean_auroc"]):
        name = r["name"] + (" (partial)" if r.get("partial") else "")
        row = [f"`{name}`", _fmt(r["mean_auroc"], 4)]
        if textures:
            row += [_fmt(r.get("mean_pixel_auroc")), _fmt(r.get("mean_aupro"))]
        for c in classes:
            cell = r["per_class"].get(c, {})
            text = _fmt(cell.get("auroc"))
            if textures and "pixel_auroc" in cell:
                text += f" / {cell['pixel_auroc']:.3f} / {cell['aupro']:.3f}"
            row.append(text)
        row += [f"{r['wall_s']:.0f}", r["device"], f"`{r['commit']}`"]
        lines.append("| " + " | ".join(row) + " |")
    if any(r.get("partial") for r in results):
        lines += [
            "",
            "(partial): only the classes with a value were run; its mean is over those "
            "classes alone and is not comparable with a full-protocol mean.",
        ]
    if any(len(r.get("parts", ())) > 1 for r in results):
        lines += [
            "",
            "wall (s): for a result made of several runs (classes side by side, or in "
            "parts), the sum of their walls; each run's own is listed below.",
        ]
    if textures:
        lines += [
            "",
            "Per texture: image AUROC / pixel AUROC / AUPRO (FPR <= 0.3); "
            "'—' where a detector gives no anomaly map.",
            *_defect_table(results),
        ]
    lines += ["", "Settings and how they were chosen:", ""]
    for r in sorted(results, key=lambda r: r["name"]):
        selection = r["selection"]
        how = selection["method"]
        if "table" in selection:
            tried = "; ".join(
                f"{row['params']} -> {row['mean_validation_auroc']:.3f}"
                for row in selection["table"]
            )
            how += f" (validation classes {', '.join(selection['validation_classes'])}: {tried})"
        lines.append(f"- `{r['name']}`: params `{json.dumps(r['params'])}`; {how}.")
        parts = r.get("parts")
        if not parts:
            lines.append(f"  Command: `{r['command']}`; machine: {r['machine']}.")
        for i, part in enumerate(parts or [], 1):
            lines.append(
                f"  Part {i} (classes {', '.join(part['classes'])}): `{part['command']}`; "
                f"machine: {part['machine']}; commit `{part['commit']}`; "
                f"wall {part['wall_s']:.0f} s."
            )
    return lines


def _speed_section(result):
    s, t, q, ratio = (
        result["seconds_best_of_repeats"],
        result["training_images_per_s"],
        result["scoring_images_per_s"],
        result["ratios"],
    )
    lines = [
        "## Speed and memory: AutoencoderDetector against plain PyTorch",
        "",
        f"{result['data']}; {result['params']['network']}, batch size "
        f"{result['params']['batch_size']}, {result['params']['max_epochs']} epochs; best of "
        "the alternated repeats, in one process.",
        "",
        "| measure | plain PyTorch | skanomaly | ratio (skanomaly / plain, images/s) |",
        "|---|---|---|---|",
        f"| training, epochs only | {t['plain_pytorch']:.0f} img/s | "
        f"{t['skanomaly_epochs']:.0f} img/s | {ratio['training_epochs']:.3f} |",
        f"| training, whole `fit` (+ scaling, + scoring the training set for `offset_`) | "
        f"{t['plain_pytorch']:.0f} img/s | {t['skanomaly_whole_fit']:.0f} img/s | "
        f"{ratio['training_whole_fit']:.3f} |",
        f"| scoring 10,000 images | {q['plain_pytorch']:.0f} img/s | {q['skanomaly']:.0f} "
        f"img/s | {ratio['scoring']:.3f} |",
        "",
        "Peak memory added by `score_samples` (above the images and model already held):",
        "",
        "| images scored | input (MiB) | added peak (MiB) | the scores themselves (MiB) |",
        "|---|---|---|---|",
    ]
    for m in result["peak_memory_scoring"]:
        lines.append(
            f"| {m['n_images']:,} | {m['input_mib']:.1f} | {m['added_peak_mib']:.2f} "
            f"| {m['output_mib']:.2f} |"
        )
    lines += [
        "",
        f"Seconds: `{json.dumps(s)}`.",
        f"Command: `{result['command']}`; device: {result['device']}; machine: "
        f"{result['machine']}; commit `{result['commit']}`; wall {result['wall_s']:.0f} s.",
    ]
    return lines


def _docs_table(by_protocol):
    """The mean image AUROC of every full run, as the reStructuredText table of the docs."""
    protocols = [p for p in ("fashion_mnist", "mnist_5k", "textures") if p in by_protocol]
    means = {}
    for protocol in protocols:
        for r in by_protocol[protocol]:
            if not r.get("partial"):
                means.setdefault(r["name"], {})[protocol] = r["mean_auroc"]
    lines = [
        ".. list-table:: Mean image AUROC (generated by benchmarks/summarize.py)",
        "   :header-rows: 1",
        "",
        "   * - detector",
        *[f"     - {p}" for p in protocols],
    ]
    for name in sorted(means, key=lambda n: -max(means[n].values())):
        lines.append(f"   * - ``{name}``")
        lines += [
            f"     - {_fmt(means[name][p], 4) if p in means[name] else 'n/m'}" for p in protocols
        ]
    return lines


def _ablation_cell(named, ablation_name):
    """The ablation's AUROC, beside the DAAD record it ablates when that is not DAAD's."""
    ablation, ablated = _ablated(named, ablation_name)
    if ablation is None:
        return "n/m"
    if ablated is named[DAAD]:
        return _fmt(ablation["mean_auroc"])
    if ablated is None:
        return f"{_fmt(ablation['mean_auroc'])} (against other settings)"
    against = f"`{ablated['name']}`: {_fmt(ablated['mean_auroc'])}"
    return f"{_fmt(ablation['mean_auroc'])} (against {against})"


def _defect_table(results, crops="test"):
    """Image AUROC per defect kind, for the records that measured it (older ones did not)."""
    rows = []
    kinds = sorted(
        {k for r in results for c in r["per_class"].values() for k in c.get("auroc_by_defect", {})}
    )
    for r in sorted(results, key=lambda r: r["name"]):
        for texture, cell in r["per_class"].items():
            if "auroc_by_defect" in cell:
                values = [_fmt(cell["auroc_by_defect"].get(k)) for k in kinds]
                rows.append(f"| `{r['name']}` | {texture} | " + " | ".join(values) + " |")
    if not rows:
        return []
    return [
        "",
        f"Image AUROC per defect kind (the normal {crops} crops against the crops with "
        "that defect alone), where the record measured it:",
        "",
        "| detector | texture | " + " | ".join(kinds) + " |",
        "|" + "---|" * (len(kinds) + 2),
        *rows,
    ]


def _baseline_cell(ae):
    """The autoencoder's AUROC, named when it is not the autoencoder's record."""
    if ae is None:
        return "n/m"
    named = "" if ae["name"] == AE else f" (`{ae['name']}`)"
    return f"{_fmt(ae['mean_auroc'])}{named}"


def _memory_section(by_protocol):
    """DAAD against the autoencoder, its ablations and how sparse the memory is."""
    lines = ["## BlockMemoryDetector (DAAD): against the autoencoder, ablations, memory use", ""]
    rows = []
    for protocol, results in by_protocol.items():
        named = {r["name"]: r for r in results if "per_class" in r and not r.get("partial")}
        daad = named.get(DAAD)
        if daad is None:
            continue
        ae = named.get(_trained_alike(named, DAAD, AE))
        sparsity = [
            c["memory_nonzero_fraction"]
            for c in daad["per_class"].values()
            if "memory_nonzero_fraction" in c
        ]
        mean_sparsity = (
            [round(sum(level) / len(level), 3) for level in zip(*sparsity, strict=True)]
            if sparsity
            else None
        )
        delta = f"{daad['mean_auroc'] - ae['mean_auroc']:+.3f}" if ae else "n/m"
        rows.append(
            f"| {protocol} | {_fmt(daad['mean_auroc'])} | "
            f"{_baseline_cell(ae)} | {delta} | "
            f"{_ablation_cell(named, NO_MEMORY)} | {_ablation_cell(named, NO_ADVERSARIAL)} | "
            f"{mean_sparsity} |"
        )
    if not rows:
        return []
    return [
        *lines,
        "| protocol | DAAD mean AUROC | autoencoder | DAAD - autoencoder | DAAD without "
        "memory (ablation) | DAAD without discriminator (ablation) | non-zero addressing "
        "weights per level (mean over classes) |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def _slashed(values, digits=3):
    return " / ".join(_fmt(v, digits) for v in values)


def _default_variant(candidate, record):
    """A validation candidate's scores with the record's default scoring."""
    return next(
        v for v in candidate["scoring_variants"] if v["scoring"] == record["default_scoring"]
    )


def _validation_section(record):
    """A comparison of settings on validation data (benchmarks/validate_*.py)."""
    lines = [
        f"## Settings compared on validation data: `{record['detector']}`, {record['protocol']}",
        "",
        f"Criterion: {record['criterion']} `{json.dumps(record['default_scoring'])}`; "
        f"chosen: **{record['chosen']}**. The test set is not used.",
        "",
        *([record["note"], ""] if "note" in record else []),
        "| candidate | params | mean validation AUROC | per texture | fit (s) | wall (s) |",
        "|---|---|---|---|---|---|",
    ]
    for c in record["candidates"]:
        default = _default_variant(c, record)
        per = _slashed(r["auroc"] for r in default["per_texture"].values())
        lines.append(
            f"| {c['tag']} | `{json.dumps(c['params'])}` | {c['mean_validation_auroc']:.3f} | "
            f"{per} | {sum(c['fit_s'].values()):.0f} | {c['wall_s']:.0f} |"
        )
    repeated = [s for s in record.get("settings", []) if len(s["tags"]) > 1]
    if repeated:
        lines += [
            "",
            "Settings run with several seeds (`random_state`), judged by their mean: "
            "image AUROC with the default scoring, per seed.",
            "",
            "| candidates | seeds | mean validation AUROC | per seed | "
            + " | ".join(repeated[0]["per_texture_per_seed"])
            + " |",
            "|---|---|---|---|" + "---|" * len(repeated[0]["per_texture_per_seed"]),
        ]
        for s in repeated:
            cells = [
                ", ".join(s["tags"]),
                ", ".join(map(str, s["seeds"])),
                f"{s['mean_validation_auroc']:.3f}",
                _slashed(s["per_seed_validation_auroc"]),
                *map(_slashed, s["per_texture_per_seed"].values()),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    # shown for the candidates whose saved maps came with their images' defect kinds
    lines += _defect_table(
        [
            {"name": c["tag"], "per_class": _default_variant(c, record)["per_texture"]}
            for c in record["candidates"]
        ],
        crops="validation",
    )
    lines += [
        "",
        "Scoring variants of the same trained networks (smoothing and reduction do not "
        "change training): mean image AUROC / pixel AUROC / AUPRO on validation.",
        "",
        "| smoothing sigma | reduction | "
        + " | ".join(c["tag"] for c in record["candidates"])
        + " |",
        "|---|---|" + "---|" * len(record["candidates"]),
    ]
    for i, variant in enumerate(record["candidates"][0]["scoring_variants"]):
        scoring = variant["scoring"]
        reduction = scoring["score_reduction"]
        if reduction == "top_k_mean":
            reduction += f" ({scoring['top_k_fraction']:g})"
        cells = [
            f"{v['mean_auroc']:.3f} / {v['mean_pixel_auroc']:.3f} / {v['mean_aupro']:.3f}"
            for v in (c["scoring_variants"][i] for c in record["candidates"])
        ]
        lines.append(
            f"| {scoring['smoothing_sigma']:g} | {reduction} | " + " | ".join(cells) + " |"
        )
    lines += ["", "How each candidate ran:", ""]
    for c in record["candidates"]:
        lines.append(
            f"- {c['tag']}: `{c['command']}`; machine: {c['machine']}"
            + (f"; device: {c['device']}" if "device" in c else "")
            + f"; commit `{c['commit']}`."
            + (f" {c['note']}" if "note" in c else "")
            # candidates kept from an earlier record (--keep-recorded) were scored by it
            + (f" Scored by `{c['record_command']}`." if "record_command" in c else "")
        )
    lines.append(f"- Table: `{record['record_command']}`.")
    return lines


def _validation_only_section(record):
    """A comparison of run.py --select --validate-only: no test run followed it."""
    selection = record["selection"]
    lines = [
        f"## Compared on validation data only: `{record['name']}` ({record['detector']}, "
        f"{record['protocol']})",
        "",
        f"Validation classes {', '.join(selection['validation_classes'])}; the test set was "
        f"not used. Fixed params `{json.dumps(record['params'])}` (chosen values included); "
        f"{selection['method']}.",
        "",
        "| params | mean validation AUROC | per validation class |",
        "|---|---|---|",
    ]
    for row in sorted(selection["table"], key=lambda r: -r["mean_validation_auroc"]):
        per = _slashed(row.get("validation_auroc", {}).values()) or "—"
        lines.append(
            f"| `{json.dumps(row['params'])}` | {row['mean_validation_auroc']:.4f} | {per} |"
        )
    return [*lines, "", _run_facts(record)]


def _run_facts(record):
    wall = f"wall {record['wall_s']:.0f} s"
    parts = record.get("parts", ())
    if len(parts) > 1:  # joined by combine.py: the runs may have overlapped in time
        each = " / ".join(f"{part['wall_s']:.0f}" for part in parts)
        wall += f", summed over its {len(parts)} runs ({each} s)"
    return (
        f"Command: `{record['command']}`; machine: {record['machine']}; device: "
        f"{record['device']}; commit `{record['commit']}`; {wall}."
    )


def _epoch_probe_section(record):
    """epochs_self_supervised.py: validation AUROC along training, per seed and schedule.

    A run that also kept moving averages of its weights (``--ema``) gets a row for each.
    """
    epochs = sorted({int(e) for run in record["runs"] for e in run["auroc_by_epoch"]})
    lines = [
        f"## Along training, on validation data only ({record['detector']}, textures)",
        "",
        f"Params `{json.dumps(record['params'])}`; image AUROC on each texture's validation "
        f"task ({record['scoring']}); the test set was not used."
        + (f" {record['note']}" if "note" in record else ""),
        "",
        "| texture | seed | learning rate | weights | "
        + " | ".join(f"epoch {e}" for e in epochs)
        + " | after fit | fit (s) |",
        "|---|---|---|---|" + "---|" * len(epochs) + "---|---|",
    ]
    for run in record["runs"]:
        curves = [("as trained", run["auroc_by_epoch"], run["final_auroc"], run["fit_s"])]
        curves += [
            (f"moving average, decay {decay}", by_epoch, None, None)
            for decay, by_epoch in run.get("ema_auroc_by_epoch", {}).items()
        ]
        for weights, by_epoch, final, fit_s in curves:
            values = [by_epoch.get(str(e)) for e in epochs] + [final]
            lines.append(
                f"| {run['texture']} | {run['seed']} | {run['schedule']} | {weights} | "
                + " | ".join("—" if a is None else f"{a:.3f}" for a in values)
                + (" | — |" if fit_s is None else f" | {fit_s:.0f} |")
            )
    return [*lines, "", _run_facts(record)]


def main():
    by_protocol, validation = {}, []
    for path in sorted((HERE / "results").glob("*/*.json")):
        result = json.loads(path.read_text())
        if "candidates" in result or result.get("validation_only") or result.get("epoch_probe"):
            validation.append(result)
        else:
            by_protocol.setdefault(path.parent.name, []).append(result)
    table = _docs_table(by_protocol)
    (HERE.parent / "docs" / "user_guide" / "benchmark_table.rst").write_text(
        "\n".join(table) + "\n"
    )
    lines = [
        "# Benchmark results",
        "",
        "Generated by `python benchmarks/summarize.py` from `benchmarks/results/*/*.json`; "
        "every number was produced by the command shown beside it. Settings were chosen "
        "on validation data carved from the training data; each test set was scored once.",
        "",
    ]
    lines += _targets_section(by_protocol)
    lines += _memory_section(by_protocol)
    for protocol in ("fashion_mnist", "mnist_5k", "textures"):
        if protocol in by_protocol:
            lines += [*_protocol_section(protocol, by_protocol.pop(protocol)), ""]
    for result in by_protocol.pop("speed", []):
        lines += [*_speed_section(result), ""]
    for protocol, results in sorted(by_protocol.items()):
        lines += [*_protocol_section(protocol, results), ""]
    for record in validation:
        if record.get("validation_only"):
            lines += [*_validation_only_section(record), ""]
        elif record.get("epoch_probe"):
            lines += [*_epoch_probe_section(record), ""]
        else:
            lines += [*_validation_section(record), ""]
    (HERE / "RESULTS.md").write_text("\n".join(lines))
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
