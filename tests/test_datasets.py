import gzip
from pathlib import Path

import numpy as np
import pytest

from skanomaly.datasets import FASHION_MNIST_CLASSES, load_fashion_mnist


def _write_idx(path, array, magic):
    header = np.array([magic, *array.shape], dtype=">i4").tobytes()
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


def test_reads_idx_files_from_a_folder(tmp_path, rng):
    images = rng.integers(0, 256, size=(5, 28, 28))
    labels = np.array([0, 3, 9, 1, 1])
    _write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images, 2051)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels, 2049)
    data = load_fashion_mnist("test", data_home=tmp_path)
    np.testing.assert_array_equal(data.images, images)
    np.testing.assert_array_equal(data.target, labels)
    assert data.images.dtype == np.uint8 and data.target_names == FASHION_MNIST_CLASSES


def test_missing_files_say_how_to_install(tmp_path):
    with pytest.raises(FileNotFoundError, match="apt-get install dataset-fashion-mnist"):
        load_fashion_mnist("train", data_home=tmp_path)
    with pytest.raises(ValueError, match="subset must be"):
        load_fashion_mnist("validation", data_home=tmp_path)


def test_corrupt_files_are_named(tmp_path, rng):
    _write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", rng.integers(0, 9, (2, 3, 3)), 2049)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.zeros(2), 2049)
    with pytest.raises(ValueError, match=r"t10k-images-idx3-ubyte\.gz is not an IDX file"):
        load_fashion_mnist("test", data_home=tmp_path)


@pytest.mark.skipif(
    not Path("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz").exists(),
    reason="Debian package dataset-fashion-mnist not installed",
)
def test_debian_package_loads():
    data = load_fashion_mnist("test")
    assert data.images.shape == (10000, 28, 28)
    assert np.bincount(data.target).tolist() == [1000] * 10
