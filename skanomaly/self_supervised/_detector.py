"""Self-supervised autoencoder (Bauer, Nakajima, Mueller): undo structured corruptions."""

from numbers import Integral, Real

from sklearn.utils._param_validation import Interval

from .._base import BaseDetector
from .._images import check_images
from ._corruption import StructuredCorruption
from ._network import GatedSkipUNet

__all__ = ["SelfSupervisedAEDetector"]


def _check_range(name, value, low, high):
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(v, Real) for v in value)
        or not low <= value[0] <= value[1] <= high
    ):
        raise ValueError(
            f"{name} must be a tuple (low, high) with {low} <= low <= high <= {high}, "
            f"got {value!r}."
        )


class SelfSupervisedAEDetector(BaseDetector):
    """Anomaly detection with a denoising autoencoder trained on structured corruptions.

    Following Bauer, Nakajima and Mueller, a U-Net-like network (:class:`GatedSkipUNet`:
    a bottleneck of dilated convolutions for a large receptive field, and skip
    connections gated per pixel) is trained to turn *corrupted* normal images back into
    the clean ones. The corruption (:class:`StructuredCorruption`) replaces irregular
    smooth regions with shifted, elastically deformed content of the same or another
    training image (or of user-supplied ``textures``), blended with random opacity. The
    trained network acts as a projection onto the normal images: it keeps consistent
    regions and replaces irregular ones, so the reconstruction error localises anomalies.

    The anomaly map is the per-pixel squared error (mean over channels), smoothed by a
    Gaussian of ``smoothing_sigma`` pixels; the image's anomaly score is the mean of the
    largest ``top_k_fraction`` of the map's pixels (``score_reduction="max"``: its
    maximum). Training can use random patches (``patch_size``); the network is fully
    convolutional, so images of any size can be scored, including sizes other than the
    training images'.

    Read more on input layouts, scaling and sign conventions in
    :class:`~skanomaly.base.BaseDetector`.

    Parameters
    ----------
    base_channels : int, default=32
        Width of the first U-Net level; it doubles at each level.
    n_levels : int, default=3
        Down-sampling levels.
    dilations : tuple of int, default=(1, 2, 4, 8)
        Dilations of the bottleneck's stacked convolutions.
    patch_size : int or None, default=None
        Train on random square patches of this side (capped at the image size);
        None trains on whole images.
    max_shapes : int, default=3
        Most corrupted regions per training image (at least one).
    shape_scale : tuple of float, default=(0.05, 0.3)
        Range of a region's mean radius, as a fraction of the patch side.
    opacity : tuple of float, default=(0.5, 1.0)
        Range of the blending opacity of a region.
    deformation : float, default=0.05
        Elastic displacement of the pasted content, as a fraction of the patch side.
    noise_std : float, default=0.0
        Gaussian noise added inside corrupted regions (on the [0, 1] scale). Worth
        setting: on the texture benchmark, 0.05 raised the validation image AUROC from
        0.876 to 0.948 (see :doc:`/user_guide/choosing`).
    intensity_shift : float, default=0.0
        Largest constant (on the [0, 1] scale) by which a region's content is
        brightened or darkened, drawn per region. It teaches the network to undo
        brightness changes (stains, discolouration); on grass it traded pasted-texture
        detection for them (see :doc:`/user_guide/choosing`).
    content_scale : tuple of float, default=(1.0, 1.0)
        Range of the size at which a region's content is shown, drawn log-uniformly per
        region (0.5: half size, the texture seen from twice as far; 2: double size), to
        teach the network to undo content at the wrong scale; (1, 1) keeps the source's
        size. Both bounds lie in [1/16, 16]. On the texture benchmark (0.5, 2) did not
        help, not even with pasted patches of half-size texture (see
        :doc:`/user_guide/choosing`).
    textures : array-like of shape (m, H', W') or (m, H', W', C), default=None
        Foreign textures to fill regions from, in the same value range as ``X`` (they
        are scaled like it). None uses the training images only: nothing is downloaded.
    texture_probability : float, default=0.5
        Chance that a region is filled from ``textures`` when they are given.
    corrupted_weight : float, default=1.0
        Loss weight of corrupted pixels relative to clean ones (the paper leaves the
        weighting open; 1.0 is the plain denoising loss).
    smoothing_sigma : float, default=2.0
        Gaussian smoothing of the anomaly map, in pixels (0 disables it).
    score_reduction : {"mean", "top_k_mean", "max"}, default="top_k_mean"
        How the smoothed map becomes the image's anomaly score: the mean of its pixels,
        the mean of its largest ``top_k_fraction`` of pixels, or its maximum.
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
        Seeds initialisation, shuffling and the corruptions.
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
    loss_curve_ : list of float
        Training loss per epoch.
    offset_ : float
        ``decision_function = score_samples - offset_``.
    image_shape_ : tuple of int
        ``(H, W, C)`` of the training images.
    n_features_in_ : int
        Values per training image, ``H * W * C``.
    data_min_ : ndarray of shape (C,)
        Per-channel minimum of the training data (scaling).
    data_scale_ : ndarray of shape (C,)
        Per-channel range of the training data (scaling).

    See Also
    --------
    AutoencoderDetector : Plain reconstruction, the baseline.

    References
    ----------
    A. Bauer, S. Nakajima, K.-R. Mueller, "Self-Supervised Autoencoders for Visual
    Anomaly Detection", Mathematics 12(24), 3988, 2024 (arXiv:2206.11723).

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly import SelfSupervisedAEDetector
    >>> rng = np.random.default_rng(0)
    >>> textures = rng.random((20, 16, 16))
    >>> detector = SelfSupervisedAEDetector(base_channels=4, n_levels=2, max_epochs=1,
    ...                                     random_state=0).fit(textures)
    >>> detector.anomaly_map(rng.random((2, 24, 20))).shape  # any size
    (2, 24, 20)
    """

    _parameter_constraints = {
        **BaseDetector._parameter_constraints,
        "base_channels": [Interval(Integral, 1, None, closed="left")],
        "n_levels": [Interval(Integral, 0, None, closed="left")],
        "dilations": [tuple],
        "patch_size": [Interval(Integral, 1, None, closed="left"), None],
        "max_shapes": [Interval(Integral, 1, None, closed="left")],
        "shape_scale": [tuple],
        "opacity": [tuple],
        "deformation": [Interval(Real, 0, None, closed="left")],
        "noise_std": [Interval(Real, 0, None, closed="left")],
        "intensity_shift": [Interval(Real, 0, None, closed="left")],
        "content_scale": [tuple],
        "textures": ["array-like", None],
        "texture_probability": [Interval(Real, 0, 1, closed="both")],
        "corrupted_weight": [Interval(Real, 0, None, closed="neither")],
    }

    _accepts_other_image_sizes = True

    def __init__(
        self,
        *,
        base_channels=32,
        n_levels=3,
        dilations=(1, 2, 4, 8),
        patch_size=None,
        max_shapes=3,
        shape_scale=(0.05, 0.3),
        opacity=(0.5, 1.0),
        deformation=0.05,
        noise_std=0.0,
        intensity_shift=0.0,
        content_scale=(1.0, 1.0),
        textures=None,
        texture_probability=0.5,
        corrupted_weight=1.0,
        smoothing_sigma=2.0,
        score_reduction="top_k_mean",
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
        self.dilations = dilations
        self.patch_size = patch_size
        self.max_shapes = max_shapes
        self.shape_scale = shape_scale
        self.opacity = opacity
        self.deformation = deformation
        self.noise_std = noise_std
        self.intensity_shift = intensity_shift
        self.content_scale = content_scale
        self.textures = textures
        self.texture_probability = texture_probability
        self.corrupted_weight = corrupted_weight

    def _build_network(self, n_channels):
        if not self.dilations or not all(
            isinstance(d, Integral) and d >= 1 for d in self.dilations
        ):
            raise ValueError(
                f"dilations must be a tuple of positive ints, got {self.dilations!r}."
            )
        return GatedSkipUNet(
            n_channels,
            base_channels=self.base_channels,
            n_levels=self.n_levels,
            dilations=self.dilations,
        )

    def _make_training_pair(self, images):
        _check_range("shape_scale", self.shape_scale, 0, 1)
        _check_range("opacity", self.opacity, 0, 1)
        _check_range("content_scale", self.content_scale, 1 / 16, 16)
        textures = None
        if self.textures is not None:
            textures = check_images(self.textures, input_name="textures")
            if textures.shape[-1] != images.shape[1]:
                raise ValueError(
                    f"textures have {textures.shape[-1]} channel(s) but X has {images.shape[1]}."
                )
            textures = self._to_tensor(textures, "cpu").clamp(0, 1)
        return StructuredCorruption(
            images,
            patch_size=self.patch_size,
            max_shapes=self.max_shapes,
            shape_scale=self.shape_scale,
            opacity=self.opacity,
            deformation=self.deformation,
            noise_std=self.noise_std,
            intensity_shift=self.intensity_shift,
            content_scale=self.content_scale,
            textures=textures,
            texture_probability=self.texture_probability,
            corrupted_weight=self.corrupted_weight,
        )
