"""Stateless image transformers for pipelines in front of a detector."""

from numbers import Integral

import numpy as np
from PIL import Image
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted

from .._images import check_image_shape, check_images, restore_layout

__all__ = ["Grayscale", "ImageResizer"]

_RESAMPLING = {
    "nearest": Image.Resampling.NEAREST,
    "bilinear": Image.Resampling.BILINEAR,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
    "box": Image.Resampling.BOX,
}


class _BaseImageTransformer(TransformerMixin, BaseEstimator):
    """Shared fit / validation of the stateless image transformers."""

    def fit(self, X, y=None):
        """Check the input and remember its image shape.

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images; flat rows need ``image_shape``.
        y : Ignored
            Not used, present for API consistency by convention.

        Returns
        -------
        self : object
            The fitted transformer.
        """
        self._validate_params()
        self._check_parameters()
        images = check_images(X, check_image_shape(self.image_shape))
        self.image_shape_ = tuple(int(v) for v in images.shape[1:])
        self.n_features_in_ = int(np.prod(self.image_shape_))
        return self

    def _check_parameters(self):
        """Checks beyond ``_parameter_constraints``; raise ValueError on bad values."""

    def _check_transform_input(self, X):
        check_is_fitted(self)
        images, ndim = check_images(X, None, return_ndim=True)
        if ndim == 2:
            if images.shape[2] != self.n_features_in_:
                raise ValueError(
                    f"X has {images.shape[2]} features, but {type(self).__name__} is "
                    f"expecting {self.n_features_in_} features as input."
                )
            images = images.reshape(len(images), *self.image_shape_)
        elif images.shape[3] != self.image_shape_[2]:
            raise ValueError(
                f"X has images with {images.shape[3]} channel(s), but "
                f"{type(self).__name__} was fitted on {self.image_shape_[2]} channel(s)."
            )
        return images, ndim

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.requires_fit = True
        return tags


class ImageResizer(_BaseImageTransformer):
    """Resize images with Pillow.

    Each channel is resized in Pillow's 32-bit float mode, so values are neither
    clipped nor quantised. The output is ``(n, height, width)`` for grayscale input given
    as ``(n, H, W)`` or flat rows, and ``(n, height, width, C)`` otherwise.

    Parameters
    ----------
    size : tuple of int, default=(32, 32)
        Output ``(height, width)``.
    resample : {"nearest", "bilinear", "bicubic", "lanczos", "box"}, default="bilinear"
        Pillow's resampling filter.
    image_shape : tuple of int or None, default=None
        ``(H, W)`` or ``(H, W, C)`` to read flat input rows as images.

    Attributes
    ----------
    image_shape_ : tuple of int
        ``(H, W, C)`` of the images seen at ``fit``.
    n_features_in_ : int
        Values per input image.

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly.preprocessing import ImageResizer
    >>> images = np.random.default_rng(0).random((2, 8, 8))
    >>> ImageResizer(size=(16, 12)).fit_transform(images).shape
    (2, 16, 12)
    """

    _parameter_constraints = {
        "size": [tuple],
        "resample": [StrOptions(set(_RESAMPLING))],
        "image_shape": [tuple, None],
    }

    def __init__(self, size=(32, 32), resample="bilinear", image_shape=None):
        self.size = size
        self.resample = resample
        self.image_shape = image_shape

    def _check_parameters(self):
        if len(self.size) != 2 or not all(isinstance(v, Integral) and v > 0 for v in self.size):
            raise ValueError(f"size must be a tuple of two positive ints, got {self.size!r}.")

    def transform(self, X):
        """Resize the images.

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images with the channel count seen at ``fit``.

        Returns
        -------
        resized : ndarray of shape (n_samples, height, width) or \
(n_samples, height, width, C)
            Float32 images.
        """
        images, ndim = self._check_transform_input(X)
        height, width = self.size
        out = np.empty((len(images), height, width, images.shape[3]), dtype=np.float32)
        resample = _RESAMPLING[self.resample]
        for i, image in enumerate(images):
            for c in range(image.shape[2]):
                channel = Image.fromarray(np.ascontiguousarray(image[..., c], np.float32))
                out[i, ..., c] = np.asarray(channel.resize((width, height), resample))
        return restore_layout(out, ndim)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Pillow resizes in 32-bit float: float32 is what comes out, whatever goes in
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags


class Grayscale(_BaseImageTransformer):
    """Convert colour images to grayscale with Pillow's luma weights (ITU-R 601-2).

    Three-channel images become ``0.299 R + 0.587 G + 0.114 B`` (what Pillow's
    ``convert("L")`` computes, without its rounding to integers); single-channel images
    pass through; other channel counts are averaged. The output is ``(n, H, W)``.

    Parameters
    ----------
    image_shape : tuple of int or None, default=None
        ``(H, W)`` or ``(H, W, C)`` to read flat input rows as images.

    Attributes
    ----------
    image_shape_ : tuple of int
        ``(H, W, C)`` of the images seen at ``fit``.
    n_features_in_ : int
        Values per input image.

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly.preprocessing import Grayscale
    >>> Grayscale().fit_transform(np.ones((2, 4, 4, 3))).shape
    (2, 4, 4)
    """

    _parameter_constraints = {"image_shape": [tuple, None]}

    def __init__(self, image_shape=None):
        self.image_shape = image_shape

    def transform(self, X):
        """Convert the images to grayscale.

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images with the channel count seen at ``fit``.

        Returns
        -------
        gray : ndarray of shape (n_samples, H, W)
            Float64 grayscale images.
        """
        images, _ = self._check_transform_input(X)
        images = images.astype(np.float64, copy=False)
        if images.shape[3] == 3:
            return images @ np.array([0.299, 0.587, 0.114])
        return images.mean(axis=3)
