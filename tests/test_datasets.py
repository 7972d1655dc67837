import gzip
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from skanomaly.datasets import (
    DEFECT_KINDS,
    FASHION_MNIST_CLASSES,
    load_fashion_mnist,
    load_mnist_5k,
    load_mvtec_folder,
    make_texture_defects,
    one_class_split,
    one_class_validation_split,
)


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
    not Path(
        os.environ.get("SKANOMALY_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"),
        "t10k-images-idx3-ubyte.gz",
    ).exists(),
    reason="Debian package dataset-fashion-mnist not installed (or SKANOMALY_FASHION_MNIST "
    "points elsewhere)",
)
def test_debian_package_loads():
    data = load_fashion_mnist("test")
    assert data.images.shape == (10000, 28, 28)
    assert np.bincount(data.target).tolist() == [1000] * 10


# ---------------------------------------------------------------- MNIST-5k


def test_mnist_5k_reads_pixels_and_labels(tmp_path, rng):
    rows = np.c_[rng.integers(0, 256, size=(6, 784)), [0, 0, 1, 1, 2, 2]]
    path = tmp_path / "mnist.csv.gz"
    with gzip.open(path, "wt") as f:
        np.savetxt(f, rows, fmt="%d", delimiter=",")
    data = load_mnist_5k(path)
    assert data.images.shape == (6, 28, 28) and data.images.dtype == np.uint8
    np.testing.assert_array_equal(data.images[3].ravel(), rows[3, :784])
    np.testing.assert_array_equal(data.target, [0, 0, 1, 1, 2, 2])


def test_mnist_5k_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        load_mnist_5k(tmp_path / "absent.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,3\n4,5,6\n")
    with pytest.raises(ValueError, match="784 pixel values"):
        load_mnist_5k(bad)


# ---------------------------------------------------------------- MVTec-style folders


def _write_mvtec(root, size=(12, 10)):
    """A tiny MVTec-style category: 3 good train, 2 good + 2 'crack' test images."""
    rng = np.random.default_rng(0)
    cat = root / "widget"

    def save(path, array):
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(array).save(path)

    for i in range(3):
        save(cat / "train" / "good" / f"{i:03d}.png", rng.integers(0, 255, (*size, 3), np.uint8))
    for i in range(2):
        save(cat / "test" / "good" / f"{i:03d}.png", rng.integers(0, 255, (*size, 3), np.uint8))
        save(cat / "test" / "crack" / f"{i:03d}.png", rng.integers(0, 255, (*size, 3), np.uint8))
        mask = np.zeros(size, np.uint8)
        mask[2 : 4 + i, 3:6] = 255
        save(cat / "ground_truth" / "crack" / f"{i:03d}_mask.png", mask)
    return root


def test_mvtec_folder_reads_images_labels_and_masks(tmp_path):
    root = _write_mvtec(tmp_path)
    train = load_mvtec_folder(root, "widget", "train")
    assert train.images.shape == (3, 12, 10, 3) and (train.labels == 1).all()
    assert not train.masks.any()
    test = load_mvtec_folder(root, "widget", "test")
    assert test.images.shape == (4, 12, 10, 3)
    assert test.defect_types.tolist() == ["crack", "crack", "good", "good"]
    np.testing.assert_array_equal(test.labels, [-1, -1, 1, 1])
    assert test.masks[0].sum() == 2 * 3 and test.masks[1].sum() == 3 * 3
    assert not test.masks[2:].any()
    np.testing.assert_array_equal(
        test.images[0], np.asarray(Image.open(root / "widget/test/crack/000.png"))
    )


def test_mvtec_folder_resize_and_grayscale(tmp_path):
    root = _write_mvtec(tmp_path)
    test = load_mvtec_folder(root, "widget", "test", size=(24, 20), grayscale=True)
    assert test.images.shape == (4, 24, 20) and test.masks.shape == (4, 24, 20)
    assert test.masks[0].sum() == 4 * 2 * 3  # nearest-neighbour upscaling by 2


def test_mvtec_folder_errors_name_the_file(tmp_path):
    root = _write_mvtec(tmp_path)
    with pytest.raises(FileNotFoundError, match="missing_category"):
        load_mvtec_folder(root, "missing_category")
    (root / "widget/ground_truth/crack/001_mask.png").unlink()
    with pytest.raises(FileNotFoundError, match=r"001_mask\.png"):
        load_mvtec_folder(root, "widget", "test")
    (root / "widget/train/good/001.png").write_bytes(b"not a png")
    with pytest.raises(ValueError, match=r"cannot read image file .*001\.png"):
        load_mvtec_folder(root, "widget", "train")


@pytest.mark.parametrize(
    "size, error, message",
    [
        (16, TypeError, r"size must be None or a tuple \(height, width\), got 16"),
        ((16, 16, 3), TypeError, "size must be None or a tuple"),
        ((16, 0), ValueError, r"two positive ints, got \(16, 0\)"),
        ((16.0, 16), ValueError, "two positive ints"),
    ],
)
def test_mvtec_folder_bad_size_is_named(tmp_path, size, error, message):
    root = _write_mvtec(tmp_path)
    with pytest.raises(error, match=message):
        load_mvtec_folder(root, "widget", "train", size=size)


def test_mvtec_folder_different_sizes_need_resize(tmp_path):
    root = _write_mvtec(tmp_path)
    Image.fromarray(np.zeros((5, 5, 3), np.uint8)).save(root / "widget/train/good/009.png")
    with pytest.raises(ValueError, match="different sizes"):
        load_mvtec_folder(root, "widget", "train")
    assert load_mvtec_folder(root, "widget", "train", size=(8, 8)).images.shape == (4, 8, 8, 3)


# ---------------------------------------------------------------- texture defects


@pytest.fixture
def row_photo():
    """A photo whose value is its row index: a crop's values tell where it came from."""
    return np.repeat(np.arange(128.0)[:, None], 96, axis=1)


def test_texture_train_and_test_crops_come_from_disjoint_halves(row_photo):
    data = make_texture_defects(row_photo, n_train=50, n_test=40, crop_size=32, random_state=0)
    assert data.X_train.max() < 64  # top half only
    normal = data.X_test[data.y_test == 1]
    assert normal.min() >= 64  # bottom half only
    # outside its defect mask a defective crop is untouched bottom-half texture
    defective = data.y_test == -1
    assert data.X_test[defective][~data.masks_test[defective]].min() >= 64


def test_texture_defects_masks_labels_and_kinds(row_photo):
    data = make_texture_defects(
        row_photo, n_train=5, n_test=60, crop_size=32, anomaly_fraction=0.5, random_state=1
    )
    defective = data.y_test == -1
    assert defective.sum() == 30
    assert data.masks_test[defective].any(axis=(1, 2)).all()
    assert not data.masks_test[~defective].any()
    kinds, counts = np.unique(data.defect_test[defective], return_counts=True)
    assert kinds.tolist() == sorted(DEFECT_KINDS) and counts.tolist() == [10, 10, 10]
    assert (data.defect_test[~defective] == "good").all()


def test_texture_defects_are_seeded_and_keep_dtype(rng):
    photo = rng.integers(0, 256, size=(128, 128, 3), dtype=np.uint8)
    first = make_texture_defects(photo, n_train=4, n_test=6, crop_size=16, random_state=3)
    again = make_texture_defects(photo, n_train=4, n_test=6, crop_size=16, random_state=3)
    other = make_texture_defects(photo, n_train=4, n_test=6, crop_size=16, random_state=4)
    np.testing.assert_array_equal(first.X_test, again.X_test)
    np.testing.assert_array_equal(first.masks_test, again.masks_test)
    assert not np.array_equal(first.X_test, other.X_test)
    assert first.X_train.dtype == np.uint8 and first.X_train.shape == (4, 16, 16, 3)


def test_texture_defects_change_only_the_masked_pixels(row_photo):
    data = make_texture_defects(
        row_photo, n_train=2, n_test=12, crop_size=32, anomaly_fraction=1.0, random_state=0
    )
    rows = np.arange(32)[:, None]
    for crop, mask in zip(data.X_test, data.masks_test, strict=True):
        # the untouched crop would be top + row index; recover top from a clean pixel
        r, c = np.argwhere(~mask)[0]
        original = crop[r, c] - r + rows + np.zeros((1, 32))
        np.testing.assert_array_equal(crop[~mask], original[~mask])
        assert (crop[mask] != original[mask]).mean() > 0.9


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"crop_size": 100}, "crop_size"),
        ({"defect_kinds": ("dent",)}, "defect_kinds"),
        ({"anomaly_fraction": 1.5}, "anomaly_fraction"),
        ({"n_test": 0}, "n_test"),
    ],
)
def test_texture_defects_reject_bad_parameters(row_photo, kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_texture_defects(row_photo, **kwargs)


# ---------------------------------------------------------------- one-class splits


def test_one_class_split_and_validation_split(rng):
    X_train, t_train = rng.random((100, 4, 4)), np.repeat(np.arange(5), 20)
    X_test, t_test = rng.random((30, 4, 4)), np.repeat(np.arange(5), 6)
    X_fit, X_eval, y_eval = one_class_split(X_train, t_train, X_test, t_test, normal_class=2)
    np.testing.assert_array_equal(X_fit, X_train[40:60])
    assert X_eval is not None and (y_eval == 1).sum() == 6 and (y_eval[12:18] == 1).all()

    X_fit, X_val, y_val = one_class_validation_split(
        X_train, t_train, 2, validation_fraction=0.25, random_state=0
    )
    assert len(X_fit) == 15 and (y_val == 1).sum() == 5 and (y_val == -1).sum() == 45
    # the held-out normals are class-2 training images that are not fitted on
    fitted = {x.tobytes() for x in X_fit}
    assert not any(x.tobytes() in fitted for x in X_val)
    class_2 = {x.tobytes() for x in X_train[40:60]}
    assert all(x.tobytes() in class_2 for x in X_val[y_val == 1])
    assert not any(x.tobytes() in class_2 for x in X_val[y_val == -1])
    with pytest.raises(ValueError, match="does not occur"):
        one_class_split(X_train, t_train, X_test, t_test, normal_class=7)
    # a label list that does not match the images is named, not an IndexError
    with pytest.raises(ValueError, match=r"target_test must hold one label per image of X_test"):
        one_class_split(X_train, t_train, X_test, t_test[:-1], normal_class=2)
    with pytest.raises(ValueError, match=r"target_train .* shape \(99,\) for 100 images"):
        one_class_validation_split(X_train, t_train[1:], 2)
