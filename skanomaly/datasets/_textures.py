"""MVTec-style normal and defective crops from any texture photo, with pixel masks."""

from numbers import Integral, Real

import numpy as np
from PIL import Image
from scipy import ndimage
from sklearn.utils import Bunch, check_random_state

__all__ = ["DEFECT_KINDS", "make_texture_defects"]

#: The synthetic defect kinds :func:`make_texture_defects` draws.
DEFECT_KINDS = ("scratch", "stain", "patch")


def _contrasting_value(region, low, high, rng):
    """A value far from the region's mean: dark on bright texture, bright on dark."""
    bright = region.mean() < (low + high) / 2
    fraction = rng.uniform(0.85, 1.0) if bright else rng.uniform(0.0, 0.15)
    return low + fraction * (high - low)


def _scratch(crop, low, high, rng):
    """A thin curved line (quadratic Bezier) of contrasting intensity."""
    size = crop.shape[0]
    start = rng.uniform(0.15 * size, 0.85 * size, 2)
    angle = rng.uniform(0, 2 * np.pi)
    length = rng.uniform(0.35, 0.7) * size
    end = np.clip(start + length * np.array([np.sin(angle), np.cos(angle)]), 0, size - 1)
    control = (start + end) / 2 + rng.normal(0, 0.15 * size, 2)
    t = np.linspace(0, 1, 4 * size)[:, None]
    points = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end
    mask = np.zeros((size, size), dtype=bool)
    rows, cols = np.round(points).astype(int).clip(0, size - 1).T
    mask[rows, cols] = True
    mask = ndimage.binary_dilation(mask, iterations=int(rng.randint(1, 3)))
    crop[mask] = _contrasting_value(crop[mask], low, high, rng)
    return mask


def _stain(crop, low, high, rng):
    """A blob with an irregular, smooth outline, blended towards a contrasting value."""
    size = crop.shape[0]
    rows, cols = np.mgrid[:size, :size].astype(float)
    center = rng.uniform(0.25 * size, 0.75 * size, 2)
    radii = rng.uniform(0.08, 0.2, 2) * size
    theta = rng.uniform(0, np.pi)
    dr, dc = rows - center[0], cols - center[1]
    u = (dr * np.cos(theta) + dc * np.sin(theta)) / radii[0]
    v = (-dr * np.sin(theta) + dc * np.cos(theta)) / radii[1]
    wobble = ndimage.gaussian_filter(rng.normal(size=(size, size)), size / 10)
    wobble /= np.abs(wobble).max() + 1e-12
    mask = u**2 + v**2 + 0.4 * wobble < 1
    if not mask.any():  # a blob always has at least its centre
        mask[int(center[0]), int(center[1])] = True
    opacity = rng.uniform(0.6, 0.9)
    value = _contrasting_value(crop[mask], low, high, rng)
    crop[mask] = (1 - opacity) * crop[mask] + opacity * value
    return mask


def _patch(crop, low, high, rng, source):
    """A square of foreign content: a region of ``source`` shrunk by half (a scale change)."""
    size = crop.shape[0]
    side = int(rng.randint(max(2, round(0.15 * size)), max(3, round(0.3 * size)) + 1))
    top = int(rng.randint(0, source.shape[0] - 2 * side + 1))
    left = int(rng.randint(0, source.shape[1] - 2 * side + 1))
    region = source[top : top + 2 * side, left : left + 2 * side]
    shrunk = np.stack(
        [
            np.asarray(
                Image.fromarray(region[..., c].astype(np.float32), mode="F").resize(
                    (side, side), Image.Resampling.BOX
                )
            )
            for c in range(region.shape[2])
        ],
        axis=-1,
    )
    r, c = (int(v) for v in rng.randint(0, size - side + 1, 2))
    crop[r : r + side, c : c + side] = shrunk
    mask = np.zeros((size, size), dtype=bool)
    mask[r : r + side, c : c + side] = True
    return mask


def _crops(image, n, size, row_range, rng):
    rows = rng.randint(row_range[0], row_range[1] - size + 1, n)
    cols = rng.randint(0, image.shape[1] - size + 1, n)
    return np.stack([image[r : r + size, c : c + size] for r, c in zip(rows, cols, strict=True)])


def make_texture_defects(
    image,
    *,
    n_train=200,
    n_test=100,
    crop_size=64,
    anomaly_fraction=0.5,
    defect_kinds=DEFECT_KINDS,
    random_state=None,
):
    """Cut normal and defective crops with pixel masks from one texture photo.

    The layout follows the MVTec AD benchmark on a single photo: training crops are
    taken from the **top half** of the photo only and test crops from the **bottom half**
    only, so training and test share no pixels. A fraction ``anomaly_fraction`` of the
    test crops (rounded) receives exactly one synthetic defect, the kinds taken in turn
    from ``defect_kinds``:

    * ``"scratch"``: a 3-5 px wide curved line (a quadratic Bezier curve) of a value that
      contrasts with the texture (dark on bright, bright on dark);
    * ``"stain"``: an irregular smooth blob (8-20 % of the crop across) blended with
      60-90 % opacity towards a contrasting value;
    * ``"patch"``: a square (15-30 % of the crop across) of foreign texture: a region of
      the bottom half shrunk to half its size, i.e. the texture at the wrong scale.

    Crop positions, defect kinds, shapes and values are all drawn from ``random_state``.

    Parameters
    ----------
    image : array-like of shape (H, W) or (H, W, C)
        The texture photo, e.g. ``skimage.data.brick()``.
    n_train : int, default=200
        Normal training crops.
    n_test : int, default=100
        Test crops.
    crop_size : int, default=64
        Side of the square crops; at most half the photo's height.
    anomaly_fraction : float in [0, 1], default=0.5
        Fraction of test crops that get a defect.
    defect_kinds : tuple of str, default=("scratch", "stain", "patch")
        Kinds to draw, a subset of :data:`DEFECT_KINDS`.
    random_state : int, RandomState instance or None, default=None
        Seeds everything.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X_train`` ``(n_train, s, s[, C])`` and ``X_test`` ``(n_test, s, s[, C])`` in
        the photo's dtype (values clipped to its range), ``y_test`` ``(n_test,)`` with
        +1 normal / -1 defective, ``masks_test`` bool ``(n_test, s, s)`` and
        ``defect_test`` ``(n_test,)`` str (``"good"`` for normal crops).

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly.datasets import make_texture_defects
    >>> photo = np.random.default_rng(0).integers(0, 256, (128, 128), dtype=np.uint8)
    >>> data = make_texture_defects(photo, n_train=10, n_test=4, crop_size=32,
    ...                             random_state=0)
    >>> data.X_train.shape, data.X_test.shape, data.y_test.tolist()
    ((10, 32, 32), (4, 32, 32), [1, -1, 1, -1])
    """
    image = np.asarray(image)
    if image.ndim not in (2, 3) or not np.issubdtype(image.dtype, np.number):
        raise ValueError(
            f"image must be a numeric (H, W) or (H, W, C) array, got shape {image.shape} "
            f"and dtype {image.dtype}."
        )
    for name, value in (("n_train", n_train), ("n_test", n_test), ("crop_size", crop_size)):
        if not isinstance(value, Integral) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}.")
    if crop_size < 8 or 2 * crop_size > image.shape[0] or crop_size > image.shape[1]:
        raise ValueError(
            f"crop_size={crop_size} must be at least 8 and fit in half the photo "
            f"(photo of shape {image.shape[:2]})."
        )
    if not isinstance(anomaly_fraction, Real) or not 0 <= anomaly_fraction <= 1:
        raise ValueError(f"anomaly_fraction must be in [0, 1], got {anomaly_fraction!r}.")
    unknown = set(defect_kinds) - set(DEFECT_KINDS)
    if not defect_kinds or unknown:
        raise ValueError(
            f"defect_kinds must be a non-empty subset of {DEFECT_KINDS}, got {defect_kinds!r}."
        )
    rng = check_random_state(random_state)
    photo = image.astype(np.float64)
    if photo.ndim == 2:
        photo = photo[..., np.newaxis]
    low, high = photo.min(), photo.max()
    half = photo.shape[0] // 2

    X_train = _crops(photo, n_train, crop_size, (0, half), rng)
    X_test = _crops(photo, n_test, crop_size, (half, photo.shape[0]), rng)
    masks = np.zeros((n_test, crop_size, crop_size), dtype=bool)
    defects = np.full(n_test, "good", dtype=object)
    n_defective = round(anomaly_fraction * n_test)
    defective = np.sort(rng.choice(n_test, n_defective, replace=False))
    bottom = photo[half:]
    for i, index in enumerate(defective):
        kind = defect_kinds[i % len(defect_kinds)]
        crop = X_test[index]
        if kind == "scratch":
            masks[index] = _scratch(crop, low, high, rng)
        elif kind == "stain":
            masks[index] = _stain(crop, low, high, rng)
        else:
            masks[index] = _patch(crop, low, high, rng, bottom)
        defects[index] = kind

    def restore(crops):
        crops = np.clip(crops, low, high)
        if np.issubdtype(image.dtype, np.integer):
            crops = np.round(crops)
        crops = crops.astype(image.dtype)
        return crops[..., 0] if image.ndim == 2 else crops

    y_test = np.ones(n_test, dtype=int)
    y_test[defective] = -1
    return Bunch(
        X_train=restore(X_train),
        X_test=restore(X_test),
        y_test=y_test,
        masks_test=masks,
        defect_test=defects.astype(str),
    )
