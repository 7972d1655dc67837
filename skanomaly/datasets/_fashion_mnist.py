"""Fashion-MNIST from the Debian package ``dataset-fashion-mnist`` (no download, ever)."""

import gzip
import os
from pathlib import Path

import numpy as np
from sklearn.utils import Bunch

__all__ = ["FASHION_MNIST_CLASSES", "load_fashion_mnist"]

#: The ten Fashion-MNIST class names, indexed by label.
FASHION_MNIST_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)

_DEBIAN_DIR = "/usr/share/datasets/fashion-mnist"
_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}
# IDX magic numbers: 0x0000 08 03 = uint8, 3 dimensions; 0x0000 08 01 = uint8, 1 dimension
_IMAGES_MAGIC, _LABELS_MAGIC = 2051, 2049


def _read_idx(path, magic, ndim):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    header = np.frombuffer(data, dtype=">i4", count=1 + ndim)
    if header[0] != magic:
        raise ValueError(f"{path} is not an IDX file of the expected kind (magic {header[0]}).")
    shape = tuple(int(v) for v in header[1:])
    payload = np.frombuffer(data, dtype=np.uint8, offset=4 * (1 + ndim))
    if payload.size != int(np.prod(shape)):
        raise ValueError(
            f"{path} is truncated: the header announces {shape}, "
            f"the file holds {payload.size} values."
        )
    return payload.reshape(shape)


def load_fashion_mnist(subset="train", data_home=None):
    """Load Fashion-MNIST (28x28 grayscale ``uint8`` images, 10 classes).

    The files are read from the Debian package ``dataset-fashion-mnist``
    (``apt-get install dataset-fashion-mnist``), or from ``data_home`` holding the same
    four IDX files (``.gz`` or not). Nothing is downloaded.

    Parameters
    ----------
    subset : {"train", "test"}, default="train"
        The 60,000 training or the 10,000 test images.
    data_home : str or path-like, default=None
        Folder with the IDX files; defaults to the environment variable
        ``SKANOMALY_FASHION_MNIST`` or else ``/usr/share/datasets/fashion-mnist``.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``images`` (n, 28, 28) uint8, ``target`` (n,) int64 class index and
        ``target_names`` (the ten class names).

    Examples
    --------
    >>> from skanomaly.datasets import load_fashion_mnist
    >>> train = load_fashion_mnist("train")  # doctest: +SKIP
    >>> train.images.shape, train.images.dtype  # doctest: +SKIP
    ((60000, 28, 28), dtype('uint8'))
    """
    if subset not in _FILES:
        raise ValueError(f"subset must be 'train' or 'test', got {subset!r}.")
    folder = Path(data_home or os.environ.get("SKANOMALY_FASHION_MNIST", _DEBIAN_DIR))
    paths = []
    for name in _FILES[subset]:
        candidates = [folder / name, folder / name.removesuffix(".gz")]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None:
            raise FileNotFoundError(
                f"Fashion-MNIST file {candidates[0]} not found. Install the Debian package "
                "(apt-get install dataset-fashion-mnist) or pass data_home= a folder that "
                "holds the IDX files."
            )
        paths.append(found)
    images = _read_idx(paths[0], _IMAGES_MAGIC, 3)
    target = _read_idx(paths[1], _LABELS_MAGIC, 1).astype(np.int64)
    if len(images) != len(target):
        raise ValueError(f"{paths[0]} and {paths[1]} hold different numbers of samples.")
    return Bunch(images=images, target=target, target_names=FASHION_MNIST_CLASSES)
