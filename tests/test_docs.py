"""The API reference lists every public name, and every public callable documents itself."""

import importlib
import inspect
import re
from pathlib import Path

import pytest

import skanomaly

API_REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "api.rst"
PUBLIC_MODULES = [
    "skanomaly",
    "skanomaly.attribute_restoration",
    "skanomaly.autoencoder",
    "skanomaly.base",
    "skanomaly.block_memory",
    "skanomaly.datasets",
    "skanomaly.metrics",
    "skanomaly.plotting",
    "skanomaly.preprocessing",
    "skanomaly.self_supervised",
]


def _public_names():
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            yield module_name, name, getattr(module, name)


def _documented_names(text):
    """Dotted names the reference documents, relative to ``skanomaly`` where possible."""
    names = set(re.findall(r"^\s{3}([\w.]+)\s*$", text, flags=re.MULTILINE))
    names |= set(re.findall(r"^\.\. (?:data|autodata):: skanomaly\.([\w.]+)", text, re.M))
    return names


@pytest.mark.skipif(not API_REFERENCE.exists(), reason="docs/ is not part of this install")
def test_every_public_name_is_in_the_api_reference():
    documented = _documented_names(API_REFERENCE.read_text())
    missing = []
    for module_name, name, obj in _public_names():
        relative = module_name.removeprefix("skanomaly").lstrip(".")
        candidates = {f"{relative}.{name}".lstrip(".")}
        # a re-export is documented where its canonical (top-level) name is
        if getattr(skanomaly, name, None) is obj:
            candidates.add(name)
        if not candidates & documented:
            missing.append(f"{module_name}.{name}")
    assert not missing, f"not in docs/api.rst: {missing}"


@pytest.mark.parametrize(
    "qualified, obj",
    [
        (f"{m}.{n}", o)
        for m, n, o in _public_names()
        if inspect.isclass(o) or inspect.isfunction(o)
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_public_callables_have_parameters_and_examples(qualified, obj):
    doc = inspect.getdoc(obj) or ""
    for section in ("Parameters", "Examples"):
        assert f"{section}\n---" in doc, f"{qualified} has no {section} section"
    if inspect.isclass(obj) and hasattr(obj, "fit"):
        assert "Attributes\n---" in doc, f"{qualified} has no Attributes section"
