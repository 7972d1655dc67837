"""Divide-and-assemble anomaly detection with block-wise memory (DAAD, Hou et al. 2021)."""

from numbers import Integral, Real

import numpy as np
from sklearn.utils._param_validation import Interval

from .._base import BaseDetector
from ._memory import BlockMemory
from ._network import BlockMemoryNetwork, BlockMemoryUNet, PatchDiscriminator
from ._training import BlockMemoryNet

__all__ = ["BlockMemoryDetector"]


def _per_level(name, value, n_levels, minimum):
    """Broadcast an int to every level, or check a tuple has one int per level."""
    values = (value,) * n_levels if isinstance(value, Integral) else value
    if (
        not isinstance(values, tuple)
        or len(values) != n_levels
        or not all(isinstance(v, Integral) and v >= minimum for v in values)
    ):
        raise ValueError(
            f"{name} must be an int >= {minimum} or a tuple of {n_levels} such ints "
            f"(one per level of granularity), got {value!r}."
        )
    return tuple(int(v) for v in values)


class BlockMemoryDetector(BaseDetector):
    """Divide-and-assemble anomaly detection with block-wise memory (DAAD).

    After Hou et al. (ICCV 2021): reconstruction as a divide-and-assemble process. An
    encoder-decoder (:class:`BlockMemoryUNet`) passes the feature map of every level
    (the skip connections and the bottleneck) through a :class:`BlockMemory`: the map
    is divided into blocks, each block is replaced by a sparse combination of learned
    normal blocks, and the blocks are assembled back. The block size per level, the
    ``granularity``, steers what can be rebuilt: single-pixel blocks reassemble
    anomalies from normal pieces, very large blocks fail even on normal images, and
    an intermediate granularity maximises the gap between the two, which is why it is
    the parameter to search (see the Examples).

    With ``adversarial=True`` a :class:`PatchDiscriminator` is trained against the
    reconstructions, in the same skorch training step (:class:`BlockMemoryNet`, one
    optimizer per player). Its intermediate features give a second error term that
    catches anomalies the pixel error misses.

    The anomaly map is ``pixel_error / s_pixel + feature_weight * feature_error /
    s_feature``: the per-pixel squared reconstruction error (mean over channels) and,
    with the discriminator, the squared difference of its features for the image and
    for the reconstruction (up-sampled to the image size), each divided by its mean
    over the normal training images (``s_pixel``, ``s_feature``) so that
    ``feature_weight`` is a ratio of typical magnitudes. The image's anomaly score is
    the mean of its map (by default: see ``score_reduction``).

    Read more on input layouts, scaling and sign conventions in
    :class:`~skanomaly.base.BaseDetector`.

    Parameters
    ----------
    granularity : int or tuple of int, default=(4, 2, 1)
        Block size per level, from the finest feature map (1/2 of the image size) to
        the bottleneck (``1 / 2 ** len(granularity)``); its length is the number of
        levels. An int gives 3 levels with that block size. The default makes every
        block cover the same image region (8x8 pixels) at every level.
    memory_size : int or tuple of int, default=100
        Memory slots per level (an int for every level). 0 switches the memory of a
        level off, so its features pass through unchanged: ``memory_size=0`` is the
        no-memory ablation.
    shrink_threshold : float, default=2.0
        Hard-shrinkage threshold of the addressing weights in units of
        ``1 / memory_size``; MemAE's advice is 1 to 3. 0 disables shrinkage.
    entropy_weight : float, default=2e-4
        Weight of the addressing-entropy penalty in the training loss (MemAE's value).
    adversarial : bool, default=True
        Train a discriminator against the reconstructions and add its feature error to
        the score. False trains a plain memory autoencoder.
    adversarial_weight : float, default=0.01
        Weight of the generator's adversarial loss relative to the reconstruction loss.
    feature_weight : float, default=0.5
        Weight of the (normalised) discriminator-feature error in the anomaly map and
        score; ignored without the discriminator. Read when scoring, like
        ``smoothing_sigma``, so ``set_params`` compares values on one fitted detector.
    base_channels : int, default=32
        Width of the first level of the generator and of the discriminator; it doubles
        per level.
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
        Learning rate of both Adam optimizers.
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
        Where the networks run; ``"auto"`` picks CUDA when available. A device
        this machine lacks raises a ``ValueError`` in ``fit``.
    random_state : int, RandomState instance or None, default=None
        Seeds initialisation and shuffling.
    verbose : int, default=0
        Print the training log (reconstruction and discriminator losses) and a
        progress bar when > 0.
    callbacks : list of skorch callbacks or (name, callback) tuples, default=None
        Extra skorch callbacks, copied before use.
    inliers_only : bool, default=False
        If True, ``fit(X, y)`` trains only on the images with ``y == 1``.

    Attributes
    ----------
    net_ : BlockMemoryNet
        The trained skorch net; ``net_.module_`` holds the generator and the
        discriminator, ``net_.history`` records ``train_loss`` and
        ``discriminator_loss`` per epoch.
    loss_curve_ : list of float
        Generator training loss per epoch.
    memory_nonzero_fraction_ : ndarray of shape (n_levels,)
        Per level, the fraction of addressing weights left non-zero by the shrinkage on
        the training images (NaN for a level without memory): how sparsely the memory
        is used.
    memory_slots_used_ : ndarray of shape (n_levels,)
        Per level, the fraction of memory slots that some training block addresses.
    pixel_error_scale_ : float
        Mean per-pixel reconstruction error of the training images.
    feature_error_scale_ : float
        Mean discriminator-feature error of the training images (1.0 without the
        discriminator).
    offset_ : float
        ``decision_function = score_samples - offset_``.
    image_shape_ : tuple of int
        ``(H, W, C)`` of the training images.
    n_features_in_ : int
        Values per image.
    data_min_ : ndarray of shape (C,)
        Per-channel minimum of the training data.
    data_scale_ : ndarray of shape (C,)
        Per-channel range of the training data.

    See Also
    --------
    AutoencoderDetector : The same backbone without memory, the baseline.

    References
    ----------
    .. [1] J. Hou, Y. Zhang, Q. Zhong, D. Xie, S. Pu and H. Zhou, "Divide-and-Assemble:
       Learning Block-wise Memory for Unsupervised Anomaly Detection", ICCV 2021.
    .. [2] D. Gong et al., "Memorizing Normality to Detect Anomaly: Memory-augmented
       Deep Autoencoder for Unsupervised Anomaly Detection" (MemAE), ICCV 2019.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import BlockMemoryDetector
    >>> digits = load_digits()
    >>> zeros = digits.images[digits.target == 0]
    >>> detector = BlockMemoryDetector(
    ...     granularity=(2, 1), memory_size=20, base_channels=8, max_epochs=2, random_state=0
    ... ).fit(zeros)
    >>> detector.score_samples(digits.images[:3]).shape
    (3,)
    >>> detector.memory_nonzero_fraction_.shape
    (2,)

    Searching the granularity with labelled validation anomalies:

    >>> import numpy as np
    >>> from sklearn.model_selection import GridSearchCV, StratifiedKFold
    >>> X = digits.images[np.isin(digits.target, [0, 1])][:120]
    >>> y = np.where(digits.target[np.isin(digits.target, [0, 1])][:120] == 0, 1, -1)
    >>> search = GridSearchCV(
    ...     BlockMemoryDetector(memory_size=20, base_channels=8, max_epochs=1,
    ...                         random_state=0, inliers_only=True),
    ...     {"granularity": [(1, 1), (2, 1)]},
    ...     scoring="roc_auc",
    ...     cv=StratifiedKFold(2),
    ... ).fit(X, y)
    >>> search.best_params_["granularity"] in [(1, 1), (2, 1)]
    True
    """

    _parameter_constraints = {
        **BaseDetector._parameter_constraints,
        "granularity": [Interval(Integral, 1, None, closed="left"), tuple],
        "memory_size": [Interval(Integral, 0, None, closed="left"), tuple],
        "shrink_threshold": [Interval(Real, 0, None, closed="left")],
        "entropy_weight": [Interval(Real, 0, None, closed="left")],
        "adversarial": ["boolean"],
        "adversarial_weight": [Interval(Real, 0, None, closed="left")],
        "feature_weight": [Interval(Real, 0, None, closed="left")],
        "base_channels": [Interval(Integral, 1, None, closed="left")],
    }

    _scoring_params = (*BaseDetector._scoring_params, "feature_weight")

    _net_class = BlockMemoryNet

    def __init__(
        self,
        *,
        granularity=(4, 2, 1),
        memory_size=100,
        shrink_threshold=2.0,
        entropy_weight=2e-4,
        adversarial=True,
        adversarial_weight=0.01,
        feature_weight=0.5,
        base_channels=32,
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
        self.granularity = granularity
        self.memory_size = memory_size
        self.shrink_threshold = shrink_threshold
        self.entropy_weight = entropy_weight
        self.adversarial = adversarial
        self.adversarial_weight = adversarial_weight
        self.feature_weight = feature_weight
        self.base_channels = base_channels

    def _levels(self):
        """Validated ``(granularity, memory_size)``, one entry per level."""
        n_levels = 3 if isinstance(self.granularity, Integral) else len(self.granularity)
        if n_levels == 0:
            raise ValueError("granularity must give a block size for at least one level.")
        granularity = _per_level("granularity", self.granularity, n_levels, 1)
        return granularity, _per_level("memory_size", self.memory_size, n_levels, 0)

    def _build_network(self, n_channels):
        granularity, memory_size = self._levels()
        generator = BlockMemoryUNet(
            n_channels,
            granularity=granularity,
            memory_size=memory_size,
            shrink_threshold=self.shrink_threshold,
            base_channels=self.base_channels,
        )
        discriminator = None
        if self.adversarial:
            discriminator = PatchDiscriminator(n_channels, base_channels=self.base_channels)
        return BlockMemoryNetwork(generator, discriminator)

    def _net_params(self):
        return {
            "entropy_weight": self.entropy_weight,
            "adversarial_weight": self.adversarial_weight if self.adversarial else 0.0,
        }

    def _error_maps(self, x):
        """Raw pixel and discriminator-feature error maps ``(b, H, W)`` (feature: None)."""
        network = self.net_.module_
        reconstruction, _, addressing = network(x)
        pixel = (reconstruction - x).square().mean(dim=1)
        feature = None
        if network.discriminator is not None:
            feature = network.discriminator.feature_error(x, reconstruction)
        return pixel, feature, addressing

    def _anomaly_map_batch(self, x):
        pixel, feature, _ = self._error_maps(x)
        maps = pixel / self.pixel_error_scale_
        if feature is not None:
            maps = maps + self.feature_weight * feature / self.feature_error_scale_
        return maps

    def _fit_statistics(self, images):
        network = self.net_.module_
        memories = network.generator.network.memories
        n_levels = len(memories)
        nonzero, n_weights = np.zeros(n_levels), np.zeros(n_levels)
        slots_used = [None] * n_levels
        pixel_total = feature_total = 0.0
        for _, x in self._inference_batches(images):
            pixel, feature, addressing = self._error_maps(x)
            pixel_total += pixel.mean(dim=(1, 2)).sum().item()
            if feature is not None:
                feature_total += feature.mean(dim=(1, 2)).sum().item()
            for level, weights in enumerate(addressing):
                if weights is None:
                    continue
                used = (weights > 0).any(dim=0)
                slots_used[level] = used if slots_used[level] is None else slots_used[level] | used
                nonzero[level] += (weights > 0).sum().item()
                n_weights[level] += weights.numel()
        has_memory = np.array([isinstance(m, BlockMemory) for m in memories])
        with np.errstate(invalid="ignore", divide="ignore"):
            self.memory_nonzero_fraction_ = np.where(has_memory, nonzero / n_weights, np.nan)
        self.memory_slots_used_ = np.array(
            [np.nan if used is None else used.float().mean().item() for used in slots_used]
        )
        # a perfect reconstruction would make the scale 0: fall back to no scaling
        self.pixel_error_scale_ = pixel_total / len(images) or 1.0
        self.feature_error_scale_ = 1.0
        if network.discriminator is not None:
            self.feature_error_scale_ = feature_total / len(images) or 1.0
