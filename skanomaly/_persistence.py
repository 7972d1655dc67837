"""A safe file format for fitted detectors: no unpickling of arbitrary code.

``pickle`` / ``joblib`` work on every detector and keep everything (the skorch net, its
optimizer and history). They also execute code from the file when loading, so they are
only for files you trust. :func:`save_detector` writes a single file that
:func:`load_detector` reads with ``torch.load(..., weights_only=True)``: the network
weights as tensors, and the constructor parameters and fitted attributes as JSON text.
Only detector classes of this package (or registered subclasses of
:class:`~skanomaly.base.BaseDetector`) are ever instantiated from such a file.
"""

import json

import numpy as np
import torch
from sklearn.utils.validation import check_is_fitted

from ._base import _DETECTOR_CLASSES, BaseDetector

__all__ = ["load_detector", "save_detector"]

_FORMAT = "skanomaly-detector"
_VERSION = 1


def _encode(value):
    """Turn parameters and fitted attributes into JSON-able values, losslessly."""
    if isinstance(value, np.ndarray):
        return {"__ndarray__": value.tolist(), "dtype": value.dtype.str}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, torch.device):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot store a value of type {type(value).__name__} in the safe format")


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "__ndarray__" in value:
            return np.asarray(value["__ndarray__"], dtype=np.dtype(value["dtype"]))
        if "__tuple__" in value:
            return tuple(_decode(v) for v in value["__tuple__"])
        if "__dict__" in value:
            return {_decode(k): _decode(v) for k, v in value["__dict__"]}
    return value


def save_detector(detector, path):
    """Save a fitted detector in the safe format.

    Training-only parameters that are Python objects (``callbacks``) are not stored;
    the loaded detector has them at None. The optimizer state and skorch history are
    not stored either: a loaded detector scores exactly like the saved one, and can be
    fitted again from scratch.

    Parameters
    ----------
    detector : BaseDetector
        A fitted skanomaly detector.
    path : str or path-like
        Where to write the file (conventionally ``*.skan``).

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import AutoencoderDetector, load_detector, save_detector
    >>> images = load_digits().images[:50]
    >>> detector = AutoencoderDetector(max_epochs=1, random_state=0).fit(images)
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "detector.skan")
    >>> save_detector(detector, path)
    >>> restored = load_detector(path)
    >>> bool((restored.score_samples(images) == detector.score_samples(images)).all())
    True
    """
    if not isinstance(detector, BaseDetector):
        raise TypeError(
            f"save_detector takes a skanomaly detector, got {type(detector).__name__}."
        )
    check_is_fitted(detector)
    params = detector.get_params(deep=False)
    params["callbacks"] = None
    fitted = {
        name: value
        for name, value in vars(detector).items()
        if name.endswith("_") and not name.startswith("_") and name != "net_"
    }
    payload = {
        "format": _FORMAT,
        "version": _VERSION,
        "class": type(detector).__name__,
        "params": json.dumps(_encode(params)),
        "fitted": json.dumps(_encode(fitted)),
        "state_dict": {
            name: tensor.detach().cpu()
            for name, tensor in detector.net_.module_.state_dict().items()
        },
    }
    torch.save(payload, path)


def load_detector(path, device="auto"):
    """Load a detector written by :func:`save_detector`, without unpickling code.

    Parameters
    ----------
    path : str or path-like
        The file to read.
    device : {"auto", "cpu", "cuda"}, default="auto"
        Where the loaded network runs; this also becomes the detector's ``device``
        parameter. A model saved on CUDA loads on a CPU-only machine.

    Returns
    -------
    detector : BaseDetector
        The fitted detector, scoring exactly as the saved one did.

    Examples
    --------
    >>> import os, tempfile
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import AutoencoderDetector, load_detector, save_detector
    >>> images = load_digits().images[:50]
    >>> path = os.path.join(tempfile.mkdtemp(), "detector.skan")
    >>> save_detector(AutoencoderDetector(max_epochs=1, random_state=0).fit(images), path)
    >>> detector = load_detector(path, device="cpu")
    >>> detector.score_samples(images[:2]).shape
    (2,)
    """
    payload = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
        raise ValueError(f"{path} is not a skanomaly detector file.")
    if payload["version"] > _VERSION:
        raise ValueError(
            f"{path} was written by a newer skanomaly (format version "
            f"{payload['version']}); this one reads up to version {_VERSION}."
        )
    cls = _DETECTOR_CLASSES.get(payload["class"])
    if cls is None:
        raise ValueError(
            f"{path} holds a {payload['class']!r}, which is not a known skanomaly "
            "detector class (import the module that defines it first)."
        )
    params = _decode(json.loads(payload["params"]))
    params["device"] = device
    detector = cls(**params)
    for name, value in _decode(json.loads(payload["fitted"])).items():
        setattr(detector, name, value)
    detector.net_ = detector._initialize_net(detector.image_shape_[-1])
    detector.net_.module_.load_state_dict(payload["state_dict"])
    return detector
