"""Validation and layout of image input, shared by detectors and transformers.

Every public entry point accepts the same three layouts:

* ``(n, H, W)``: grayscale images;
* ``(n, H, W, C)``: channels-last images (the numpy / Pillow convention);
* ``(n, F)``: flat rows. With ``image_shape=(H, W)`` or ``(H, W, C)`` each row is
  reshaped (C-order) to that image. Without ``image_shape`` a flat row is read as a
  one-pixel-high grayscale image of width ``F`` (a 1-D signal), so tabular data such as
  scikit-learn's common checks feed still works.

Internally images are always ``(n, H, W, C)``.
"""

from numbers import Integral

import numpy as np
from sklearn.utils.validation import check_array

__all__ = ["check_image_shape", "check_images", "restore_layout"]


def check_image_shape(image_shape, name="image_shape"):
    """Validate an ``image_shape`` parameter; return it as an ``(H, W, C)`` tuple or None."""
    if image_shape is None:
        return None
    if not isinstance(image_shape, tuple) or len(image_shape) not in (2, 3):
        raise TypeError(
            f"{name} must be None or a tuple (H, W) or (H, W, C), got {image_shape!r}."
        )
    if not all(isinstance(v, Integral) and not isinstance(v, bool) for v in image_shape):
        raise TypeError(f"{name} must contain integers, got {image_shape!r}.")
    if any(v < 1 for v in image_shape):
        raise ValueError(f"{name} must contain positive integers, got {image_shape!r}.")
    if len(image_shape) == 2:
        image_shape = (*image_shape, 1)
    return tuple(int(v) for v in image_shape)


def check_images(X, image_shape=None, *, input_name="X", return_ndim=False):
    """Validate image input and return it as a numeric ``(n, H, W, C)`` array.

    The returned array keeps the input's numeric dtype (``uint8`` stays ``uint8``) and
    is a view of the input where possible: nothing is copied or scaled here.

    Parameters
    ----------
    X : array-like of shape (n, F), (n, H, W) or (n, H, W, C)
        Images or flat rows.
    image_shape : tuple of int or None
        How to read flat rows, see the module docstring. With image input it must agree
        with the images.
    input_name : str
        Name used in error messages.
    return_ndim : bool
        Also return the number of dimensions the input had.

    Returns
    -------
    images : ndarray of shape (n, H, W, C)
    ndim : int
        Only with ``return_ndim=True``.
    """
    image_shape = check_image_shape(image_shape)
    # check_array rejects sparse, complex, NaN/inf, empty input and 1-D input with
    # scikit-learn's own messages; allow_nd lets image stacks through.
    X = check_array(
        X,
        dtype="numeric",
        allow_nd=True,
        ensure_all_finite=True,
        ensure_min_samples=1,
        ensure_min_features=1,
        input_name=input_name,
    )
    if X.dtype.kind == "b":
        X = X.astype(np.uint8)
    images = _as_nhwc(X, image_shape, input_name)
    return (images, X.ndim) if return_ndim else images


def _as_nhwc(X, image_shape, input_name):
    if X.ndim == 2:
        n, n_features = X.shape
        if image_shape is None:
            return X.reshape(n, 1, n_features, 1)
        if int(np.prod(image_shape)) != n_features:
            raise ValueError(
                f"{input_name} has {n_features} features per row, which cannot be "
                f"reshaped to image_shape={image_shape} "
                f"({int(np.prod(image_shape))} values)."
            )
        return X.reshape(n, *image_shape)
    if X.ndim == 3:
        X = X[..., np.newaxis]
    elif X.ndim != 4:
        raise ValueError(
            f"{input_name} must be 2-D (n, F), 3-D (n, H, W) or 4-D (n, H, W, C); "
            f"got an array with {X.ndim} dimensions and shape {X.shape}."
        )
    if min(X.shape[1:]) < 1:
        raise ValueError(f"{input_name} has an empty image dimension: shape {X.shape}.")
    if image_shape is not None and X.shape[1:] != image_shape:
        raise ValueError(
            f"{input_name} holds images of shape {X.shape[1:]} (H, W, C) but "
            f"image_shape={image_shape} was given; pass image_shape=None for image input "
            "or make them agree."
        )
    return X


def restore_layout(images, ndim_in):
    """Return ``(n, H, W, C)`` images in the caller's layout.

    Grayscale images given as ``(n, H, W)`` or as flat rows come back as ``(n, H, W)``;
    everything else as ``(n, H, W, C)``.
    """
    if ndim_in != 4 and images.shape[-1] == 1:
        return images[..., 0]
    return images
