"""Reading image folders laid out like MVTec AD."""

from numbers import Integral
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError
from sklearn.utils import Bunch

__all__ = ["load_mvtec_folder"]

_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"}
_GOOD = "good"


def _image_files(folder):
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in _IMAGE_SUFFIXES)


def _read(path, mode, size, resample):
    try:
        with Image.open(path) as image:
            image = image.convert(mode)
            if size is not None:
                image = image.resize((size[1], size[0]), resample)
            return np.asarray(image)
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"cannot read image file {path}: {exc}") from exc


def load_mvtec_folder(root, category, subset="test", *, size=None, grayscale=False):
    """Load one category of an MVTec-AD-style folder.

    The layout is ``<root>/<category>/train/good/*.png`` for normal training images,
    ``<root>/<category>/test/<defect>/*.png`` for test images (``good`` is the normal
    one) and ``<root>/<category>/ground_truth/<defect>/<name>_mask.png`` for the pixel
    masks of defective test images. Nothing is downloaded: point it at data on disk.

    Parameters
    ----------
    root : str or path-like
        The folder holding the categories.
    category : str
        Category folder name, e.g. ``"bottle"``.
    subset : {"train", "test"}, default="test"
        Which split to read.
    size : tuple of int or None, default=None
        ``(height, width)`` to resize images (bilinear) and masks (nearest) to. Without
        it every image of the split must have the same size.
    grayscale : bool, default=False
        Read images as grayscale ``(n, H, W)`` instead of RGB ``(n, H, W, 3)``.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``images`` uint8 ``(n, H, W, 3)`` (or ``(n, H, W)``), ``labels`` int ``(n,)``
        with +1 for good and -1 for defective images (scikit-learn's outlier
        convention), ``masks`` bool ``(n, H, W)`` (all False for good images),
        ``defect_types`` ``(n,)`` str and ``paths`` ``(n,)`` str.

    Examples
    --------
    >>> from skanomaly.datasets import load_mvtec_folder
    >>> train = load_mvtec_folder("mvtec_ad", "carpet", "train", size=(128, 128))  # doctest: +SKIP
    >>> test = load_mvtec_folder("mvtec_ad", "carpet", "test", size=(128, 128))  # doctest: +SKIP
    >>> test.images.shape[1:], test.masks.dtype  # doctest: +SKIP
    ((128, 128, 3), dtype('bool'))
    """
    if subset not in ("train", "test"):
        raise ValueError(f"subset must be 'train' or 'test', got {subset!r}.")
    if size is not None:
        if not isinstance(size, tuple) or len(size) != 2:
            raise TypeError(f"size must be None or a tuple (height, width), got {size!r}.")
        if not all(isinstance(v, Integral) and not isinstance(v, bool) and v > 0 for v in size):
            raise ValueError(f"size must hold two positive ints, got {size!r}.")
    base = Path(root) / category
    split_dir = base / subset
    if not split_dir.is_dir():
        raise FileNotFoundError(f"MVTec-style folder {split_dir} does not exist.")
    defect_dirs = (
        [split_dir / _GOOD]
        if subset == "train"
        else sorted(p for p in split_dir.iterdir() if p.is_dir())
    )
    mode = "L" if grayscale else "RGB"
    images, masks, labels, defect_types, paths = [], [], [], [], []
    for defect_dir in defect_dirs:
        if not defect_dir.is_dir():
            raise FileNotFoundError(f"MVTec-style folder {defect_dir} does not exist.")
        defect = defect_dir.name
        for path in _image_files(defect_dir):
            image = _read(path, mode, size, Image.Resampling.BILINEAR)
            if defect == _GOOD:
                mask = np.zeros(image.shape[:2], dtype=bool)
            else:
                mask_path = base / "ground_truth" / defect / f"{path.stem}_mask.png"
                if not mask_path.is_file():
                    raise FileNotFoundError(
                        f"mask {mask_path} for defective image {path} is missing."
                    )
                mask = _read(mask_path, "L", size, Image.Resampling.NEAREST) > 0
                if mask.shape != image.shape[:2]:
                    raise ValueError(
                        f"mask {mask_path} is {mask.shape} but image {path} is {image.shape[:2]}."
                    )
            images.append(image)
            masks.append(mask)
            labels.append(1 if defect == _GOOD else -1)
            defect_types.append(defect)
            paths.append(str(path))
    if not images:
        raise FileNotFoundError(f"no image files found under {split_dir}.")
    shapes = {image.shape for image in images}
    if len(shapes) > 1:
        raise ValueError(
            f"images under {split_dir} have different sizes {sorted(shapes)}; "
            "pass size=(height, width) to resize them."
        )
    return Bunch(
        images=np.stack(images),
        labels=np.asarray(labels),
        masks=np.stack(masks),
        defect_types=np.asarray(defect_types),
        paths=np.asarray(paths),
    )
