"""The plain convolutional autoencoder detector, the baseline of every method."""

from numbers import Integral

from sklearn.utils._param_validation import Interval

from .._base import BaseDetector
from ._network import ConvAutoencoder

__all__ = ["AutoencoderDetector"]


class AutoencoderDetector(BaseDetector):
    """Anomaly detection by the reconstruction error of a convolutional autoencoder.

    The autoencoder (:class:`ConvAutoencoder`) is trained to reproduce normal images
    through a spatial bottleneck, with the mean squared error. Its anomaly map is the
    squared error per pixel, averaged over channels; an image's anomaly score is the
    map's mean (by default: see ``score_reduction``), its mean squared reconstruction
    error. It is the baseline the other detectors are measured against.

    Read more on input layouts, scaling and sign conventions in
    :class:`~skanomaly.base.BaseDetector`.

    Parameters
    ----------
    base_channels : int, default=32
        Width of the first encoder level; it doubles at each level.
    n_levels : int, default=3
        Number of down-sampling levels (each halves height and width).
    latent_channels : int, default=16
        Channels of the spatial bottleneck. Smaller values force a tighter model of the
        normal images.
    smoothing_sigma : float, default=0.0
        Gaussian smoothing of the anomaly map, in pixels (0 disables it).
    score_reduction : {"mean", "top_k_mean", "max"}, default="mean"
        How the smoothed map becomes the image's anomaly score: the mean of its pixels,
        the mean of its largest ``top_k_fraction`` of pixels, or its maximum. The last
        two suit small local defects, which the mean dilutes.
    top_k_fraction : float in (0, 1], default=0.01
        Fraction of pixels averaged by ``"top_k_mean"`` (at least one pixel).
    image_shape : tuple of int or None, default=None
        ``(H, W)`` or ``(H, W, C)`` to read flat rows ``(n, H * W * C)`` as images.
        Without it, flat rows are one-pixel-high grayscale images.
    contamination : float in (0, 0.5], default=0.1
        Expected proportion of outliers; sets ``offset_`` as that percentile of the
        training images' ``score_samples``.
    max_epochs : int, default=10
        Training epochs.
    batch_size : int, default=64
        Batch size for training and scoring.
    lr : float, default=1e-3
        Learning rate of the Adam optimizer.
    ema_decay : float in (0, 1) or None, default=None
        If set, fit a moving average of the network's states after each training batch
        (over about ``1 / (1 - ema_decay)`` batches), steadier than the last state (see
        :class:`~skanomaly.base.BaseDetector`). ``None`` keeps the network as trained.
    lr_schedule : {"constant", "cosine"}, default="constant"
        ``"cosine"`` anneals the learning rate from ``lr`` to zero over all training
        batches (see :class:`~skanomaly.base.BaseDetector`); ``"constant"`` keeps it.
    weight_decay : float >= 0, default=0.0
        L2 penalty on the network's weights, applied by the Adam optimizer.
    device : {"auto", "cpu", "cuda"} or torch.device, default="auto"
        Where the network runs; ``"auto"`` picks CUDA when available. A device
        this machine lacks raises a ``ValueError`` in ``fit``.
    random_state : int, RandomState instance or None, default=None
        Seeds weight initialisation and shuffling; an int makes runs on one CPU
        machine repeatable bit for bit. The caller's global torch RNG state is left
        untouched.
    verbose : int, default=0
        Print the training log and a progress bar when > 0.
    callbacks : list of skorch callbacks or (name, callback) tuples, default=None
        Extra skorch callbacks, copied before use.
    inliers_only : bool, default=False
        If True, ``fit(X, y)`` trains only on the images with ``y == 1`` (normal) and
        leaves those with ``y == -1`` out: the model-selection recipe
        ``GridSearchCV(AutoencoderDetector(inliers_only=True), grid,
        scoring="roc_auc").fit(X, y)``.

    Attributes
    ----------
    net_ : skorch.NeuralNet
        The trained skorch net; ``net_.module_`` is the torch network and
        ``net_.history`` the training history.
    loss_curve_ : list of float
        Training loss per epoch.
    offset_ : float
        ``decision_function = score_samples - offset_``.
    image_shape_ : tuple of int
        ``(H, W, C)`` of the training images.
    n_features_in_ : int
        Values per image, ``H * W * C``.
    data_min_ : ndarray of shape (C,)
        Per-channel minimum of the training data (scaling).
    data_scale_ : ndarray of shape (C,)
        Per-channel range of the training data (scaling).

    See Also
    --------
    sklearn.ensemble.IsolationForest : The outlier detector whose API this follows.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import AutoencoderDetector
    >>> digits = load_digits()
    >>> images = digits.images[digits.target == 0]
    >>> detector = AutoencoderDetector(max_epochs=2, random_state=0).fit(images)
    >>> detector.score_samples(images[:3]).shape
    (3,)
    >>> detector.anomaly_map(images[:3]).shape
    (3, 8, 8)
    """

    _parameter_constraints = {
        **BaseDetector._parameter_constraints,
        "base_channels": [Interval(Integral, 1, None, closed="left")],
        "n_levels": [Interval(Integral, 0, None, closed="left")],
        "latent_channels": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        *,
        base_channels=32,
        n_levels=3,
        latent_channels=16,
        smoothing_sigma=0.0,
        score_reduction="mean",
        top_k_fraction=0.01,
        image_shape=None,
        contamination=0.1,
        max_epochs=10,
        batch_size=64,
        lr=1e-3,
        ema_decay=None,
        lr_schedule="constant",
        weight_decay=0.0,
        device="auto",
        random_state=None,
        verbose=0,
        callbacks=None,
        inliers_only=False,
    ):
        super().__init__(
            image_shape=image_shape,
            contamination=contamination,
            max_epochs=max_epochs,
            batch_size=batch_size,
            lr=lr,
            ema_decay=ema_decay,
            lr_schedule=lr_schedule,
            weight_decay=weight_decay,
            device=device,
            random_state=random_state,
            verbose=verbose,
            callbacks=callbacks,
            inliers_only=inliers_only,
            smoothing_sigma=smoothing_sigma,
            score_reduction=score_reduction,
            top_k_fraction=top_k_fraction,
        )
        self.base_channels = base_channels
        self.n_levels = n_levels
        self.latent_channels = latent_channels

    def _build_network(self, n_channels):
        return ConvAutoencoder(
            n_channels,
            base_channels=self.base_channels,
            n_levels=self.n_levels,
            latent_channels=self.latent_channels,
        )
