"""Sphinx configuration: autodoc + numpydoc API reference, user guide, example gallery."""

import os
import warnings

import skanomaly

project = "skanomaly"
author = "skanomaly developers"
copyright = "2026, skanomaly developers"
version = release = skanomaly.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "auto_examples/*.ipynb", "auto_examples/*.py"]
autosummary_generate = True
autodoc_default_options = {"members": True}
# the API pages list members through the autosummary templates
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
# no intersphinx: the docs build offline, so cross-project names stay plain text
nitpicky = False

html_theme = "alabaster"
html_static_path = []
html_theme_options = {"description": "Deep visual anomaly detection, scikit-learn style"}

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/.*\.py$",  # execute every example
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
    "capture_repr": (),
    "matplotlib_animations": False,
    # "Examples using X" on every API page
    "backreferences_dir": "generated/backreferences",
    "doc_module": ("skanomaly",),
}

# the examples train on CPU; keep them from picking a GPU nobody asked for in CI
os.environ.setdefault("MPLBACKEND", "Agg")
warnings.filterwarnings("ignore", message="Matplotlib is currently using agg")
