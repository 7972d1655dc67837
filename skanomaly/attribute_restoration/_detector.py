"""Attribute restoration (ARNet): erase attributes of normal images, learn to restore them."""

import warnings
from numbers import Integral

import torch
from sklearn.utils._param_validation import Interval, StrOptions
from torch import nn

from .._base import BaseDetector
from ._erasing import Eraser
from ._network import UNet

__all__ = ["AttributeRestorationDetector"]

_COLOUR_ONLY = {"gray", "drop_channel"}
_RESTORATION_LOSSES = {"mse": nn.MSELoss, "l1": nn.L1Loss}


class AttributeRestorationDetector(BaseDetector):
    """Anomaly detection by restoring erased attributes (ARNet, Huang et al.).

    Plain reconstruction gives the network the information it must output, so it can
    copy. Here attributes of each normal training image are *erased* — its colour by
    graying, its orientation by rotation, its fine detail by blurring... — and a U-Net
    (:class:`UNet`, sigmoid output) learns to restore the original with the mean squared
    error (or the absolute error: ``loss``). Restoring needs knowledge of what normal
    images look like, so anomalies are restored badly.

    Training draws one variant of every erasing operation per image (for example one of
    the four rotations). Scoring applies every deterministic combination of variants,
    restores each, and takes the mean absolute restoration error per pixel; each
    combination's error is divided by its mean over the normal training images (so hard
    variants do not dominate) and the normalised errors are averaged. That average is
    the anomaly map; its mean over the pixels is the image's anomaly score (by default:
    see ``score_reduction``).

    Read more on input layouts, scaling and sign conventions in
    :class:`~skanomaly.base.BaseDetector`.

    Parameters
    ----------
    erase : tuple of str, default=("gray", "rotate")
        The erasing operations, applied in this order, from:

        - ``"gray"``: replace every channel by the channel mean (erases colour);
        - ``"rotate"``: rotate by 0, 90, 180 or 270 degrees (erases orientation); 0 and
          180 only for non-square images;
        - ``"hflip"`` / ``"vflip"``: mirror left-right / top-bottom, or not;
        - ``"blur"``: Gaussian blur, sigma 1.5 px (erases texture and fine detail);
        - ``"mask"``: replace a block the size of a quadrant, at one of the four quadrants,
          by the image mean (erases local structure);
        - ``"drop_channel"``: replace one channel by the mean of the others (erases hue
          along one colour axis).

        ``"gray"`` and ``"drop_channel"`` change nothing on single-channel images; the
        other operations then act alone (a warning is given if nothing is erased at
        all, since the network would only learn to copy). This is the parameter to
        search: which attributes characterise the normal class depends on the data
        (rotation means nothing for rotation-invariant textures).
    base_channels : int, default=32
        Width of the U-Net's first level; it doubles at each level.
    n_levels : int, default=3
        Down-sampling levels of the U-Net.
    n_skips : int or None, default=None
        Skip connections the U-Net keeps, counted from its coarsest level (at most
        ``n_levels``; ``None`` keeps all). Dropping the finest ones makes the network
        restore fine detail from coarser features instead of passing it through from
        the (erased) input.
    norm : {"batch", "group"}, default="batch"
        Normalisation in the U-Net: batch normalisation, or group normalisation, whose
        statistics come from each image alone (the same in training and scoring, and
        steady at small batch sizes).
    upsampling : {"bilinear", "transposed"}, default="bilinear"
        How the U-Net's decoder doubles the resolution: bilinear interpolation, or a
        learned transposed convolution, which can restore detail that interpolation
        smooths out.
    loss : {"mse", "l1"}, default="mse"
        The restoration loss: the squared error (as re-implementations of the paper
        use) or the absolute error, the measure the anomaly map takes. The absolute
        error weighs small errors more and large ones less than the squared error, so
        the restoration tends to the median of what the erased input allows rather
        than its mean, which keeps fine detail sharper.
    variant_reduction : {"mean", "max"}, default="mean"
        How the normalised errors of the erasing combinations become one anomaly map:
        their mean per pixel (the expected restoration error over the erasing
        operations, as the paper scores), or their maximum per pixel, which lets a
        region that only one combination restores badly count in full rather than
        diluted by the others. A scoring parameter: ``set_params`` may change it
        after ``fit``.
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
    contamination : float in (0, 0.5], default=0.1
        Expected proportion of outliers; sets ``offset_``.
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
        Seeds initialisation, shuffling and the erasing draws.
    verbose : int, default=0
        Print the training log and a progress bar when > 0.
    callbacks : list of skorch callbacks or (name, callback) tuples, default=None
        Extra skorch callbacks, copied before use.
    inliers_only : bool, default=False
        If True, ``fit(X, y)`` trains only on the images with ``y == 1``.

    Attributes
    ----------
    net_ : skorch.NeuralNet
        The trained skorch net; ``net_.module_`` is the torch network.
    variants_ : list of tuple of int
        The deterministic erasing combinations applied at scoring time.
    variant_errors_ : ndarray of shape (n_variants,)
        Mean absolute restoration error of each combination on the training images.
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
    AutoencoderDetector : Plain reconstruction, the baseline.

    References
    ----------
    C. Huang, Q. Xu, Y. Wang, Y. Wang, Y. Zhang, "Attribute Restoration Framework for
    Anomaly Detection", IEEE Transactions on Multimedia, 2021 (arXiv:1911.10676).

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import AttributeRestorationDetector
    >>> digits = load_digits()
    >>> zeros = digits.images[digits.target == 0]
    >>> detector = AttributeRestorationDetector(erase=("rotate",), max_epochs=1,
    ...                                         random_state=0).fit(zeros)
    >>> len(detector.variants_)
    4
    >>> detector.anomaly_map(zeros[:2]).shape
    (2, 8, 8)
    """

    _parameter_constraints = {
        **BaseDetector._parameter_constraints,
        "erase": [tuple],
        "base_channels": [Interval(Integral, 1, None, closed="left")],
        "n_levels": [Interval(Integral, 0, None, closed="left")],
        "n_skips": [Interval(Integral, 0, None, closed="left"), None],
        "norm": [StrOptions({"batch", "group"})],
        "upsampling": [StrOptions({"bilinear", "transposed"})],
        "loss": [StrOptions(set(_RESTORATION_LOSSES))],
        "variant_reduction": [StrOptions({"mean", "max"})],
    }
    _scoring_params = (*BaseDetector._scoring_params, "variant_reduction")

    def __init__(
        self,
        *,
        erase=("gray", "rotate"),
        base_channels=32,
        n_levels=3,
        n_skips=None,
        norm="batch",
        upsampling="bilinear",
        loss="mse",
        variant_reduction="mean",
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
        self.erase = erase
        self.base_channels = base_channels
        self.n_levels = n_levels
        self.n_skips = n_skips
        self.norm = norm
        self.upsampling = upsampling
        self.loss = loss
        self.variant_reduction = variant_reduction

    def _eraser(self):
        height, width, n_channels = self.image_shape_
        return Eraser(self.erase, (height, width), n_channels)

    def _build_network(self, n_channels):
        return UNet(
            n_channels,
            base_channels=self.base_channels,
            n_levels=self.n_levels,
            n_skips=self.n_skips,
            norm=self.norm,
            upsampling=self.upsampling,
        )

    def _net_params(self):
        return {"criterion": _RESTORATION_LOSSES[self.loss]}

    def _make_training_pair(self, images):
        eraser = self._eraser()
        if all(name in _COLOUR_ONLY for name in eraser.operations) and self.image_shape_[2] == 1:
            warnings.warn(
                f"erase={self.erase!r} changes nothing on single-channel images: the "
                "network only learns to copy its input. Add 'rotate', 'blur', ...",
                UserWarning,
                stacklevel=4,
            )
        return eraser

    def _variant_errors(self, x):
        """Mean absolute restoration error per pixel, ``(n_variants, b, H, W)``."""
        eraser = self._eraser()
        module = self.net_.module_
        return torch.stack(
            [(module(eraser.apply(x, v)) - x).abs().mean(dim=1) for v in eraser.variants]
        )

    def _fit_statistics(self, images):
        self.variants_ = self._eraser().variants
        totals = torch.zeros(len(self.variants_), dtype=torch.float64)
        for _, x in self._inference_batches(images):
            totals += self._variant_errors(x).double().sum(dim=(1, 2, 3)).cpu()
        n_pixels = images.shape[0] * images.shape[1] * images.shape[2]
        # a variant restored perfectly on every training image would divide by zero
        self.variant_errors_ = (totals / n_pixels).clamp_min(1e-12).numpy()

    def _normalised_variant_errors(self, x):
        """Each combination's error over its training mean, ``(n_variants, b, H, W)``."""
        errors = self._variant_errors(x)
        scale = torch.as_tensor(self.variant_errors_, device=x.device, dtype=errors.dtype)
        return errors / scale.view(-1, 1, 1, 1)

    def _anomaly_map_batch(self, x):
        normalised = self._normalised_variant_errors(x)
        if self.variant_reduction == "max":
            return normalised.max(dim=0).values
        return normalised.mean(dim=0)
