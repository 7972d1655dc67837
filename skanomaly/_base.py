"""The base every skanomaly detector inherits: input handling, scaling, outlier
semantics, training through skorch, batched scoring and persistence hooks."""

import copy
from numbers import Integral, Real

import numpy as np
import torch
from sklearn.base import BaseEstimator, OutlierMixin
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import (
    Interval,
    StrOptions,
    validate_parameter_constraints,
)
from sklearn.utils.validation import check_is_fitted
from skorch.callbacks import ProgressBar
from torch import nn

from ._images import check_image_shape, check_images
from ._nn import PadToMultiple, gaussian_blur
from ._training import (
    CosineLearningRate,
    DetectorNet,
    TrainingDataset,
    WeightAverage,
    resolve_device,
)

__all__ = ["BaseDetector"]

# Detector classes by name: the safe format only ever instantiates these.
_DETECTOR_CLASSES = {}


def _check_sample_weight(sample_weight, n_samples):
    if sample_weight is None:
        return np.ones(n_samples)
    if isinstance(sample_weight, (Real, np.number)):
        return np.full(n_samples, float(sample_weight))
    sample_weight = np.array(sample_weight, dtype=np.float64)  # a copy: never touch the caller's
    if sample_weight.shape != (n_samples,):
        raise ValueError(
            f"sample_weight must have shape ({n_samples},) to match X, "
            f"got shape {sample_weight.shape}."
        )
    if not np.all(np.isfinite(sample_weight)):
        raise ValueError("sample_weight contains NaN or infinity.")
    if np.any(sample_weight < 0):
        raise ValueError("sample_weight must be non-negative.")
    return sample_weight


def _inlier_mask(y, n_samples):
    """Which samples are normal: y == +1 for labels, an empty mask for pixel masks."""
    y = np.asarray(y)
    if len(y) != n_samples:
        raise ValueError(f"y has {len(y)} entries but X has {n_samples} samples.")
    if y.ndim > 1:  # ground-truth masks, as the pixel scorers take them
        if not np.isin(np.unique(y), [0, 1]).all():
            raise ValueError("with inliers_only=True, masks given as y must be binary.")
        return ~y.reshape(n_samples, -1).astype(bool).any(axis=1)
    labels = set(np.unique(y).tolist())
    if not labels <= {-1, 1}:
        raise ValueError(
            "with inliers_only=True, y must label normal images +1 and anomalous ones -1 "
            f"(scikit-learn's outlier convention, not PyOD's 0/1); got labels {sorted(labels)}."
        )
    return y == 1


class BaseDetector(OutlierMixin, BaseEstimator):
    """Base class for deep image anomaly detectors (not for direct use).

    A detector is fitted on normal images only and scores new images with
    scikit-learn's outlier conventions: :meth:`score_samples` is higher for more normal
    images, :meth:`decision_function` is negative for outliers, :meth:`predict` returns
    +1 (inlier) or -1 (outlier). :meth:`anomaly_map` localises: it is higher where an
    image is more anomalous.

    Subclasses provide the network (:meth:`_build_network`) and, where the method
    needs it, the self-supervised training pair (:meth:`_make_training_pair`), the
    per-pixel anomaly map (:meth:`_anomaly_map_batch`) and statistics of the training
    set (:meth:`_fit_statistics`). Everything else is shared, including how a map is
    smoothed and reduced to the image score.

    Parameters
    ----------
    smoothing_sigma : float, default=0.0
        Gaussian smoothing of the anomaly map, in pixels (0 disables it).
    score_reduction : {"mean", "top_k_mean", "max"}, default="mean"
        How the (smoothed) anomaly map becomes the image's anomaly score: the mean of all
        its pixels, the mean of its largest ``top_k_fraction`` of pixels, or its maximum.
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
        Learning rate.
    ema_decay : float in (0, 1) or None, default=None
        If set, the fitted network is an exponential moving average of the network's
        states after each training batch (spanning about ``1 / (1 - ema_decay)``
        batches) rather than the state after the last one. At a constant learning
        rate the scores of the last state can move much from one epoch to the next;
        the average is steadier. ``None`` keeps the network as trained.
        ``loss_curve_`` is the training loss either way (of the trained states).
    lr_schedule : {"constant", "cosine"}, default="constant"
        How the learning rate moves during training: ``"constant"`` keeps ``lr``
        throughout; ``"cosine"`` anneals it from ``lr`` to zero along half a cosine over
        all training batches, so the last updates are small and the fitted state settles
        without averaging.
    weight_decay : float >= 0, default=0.0
        L2 penalty on the network's weights, added to every gradient by the Adam
        optimizer(s) (``torch.optim.Adam``'s ``weight_decay``). A penalised network has
        less room to learn to restore what it was not trained on.
    device : {"auto", "cpu", "cuda"} or torch.device, default="auto"
        Where the network runs; ``"auto"`` picks CUDA when available. A device
        this machine lacks raises a ``ValueError`` in ``fit``.
    random_state : int, RandomState instance or None, default=None
        Seeds initialisation, shuffling and any random training task.
    verbose : int, default=0
        Print the training log and a progress bar when > 0.
    callbacks : list of skorch callbacks or (name, callback) tuples, default=None
        Extra skorch callbacks, copied before use.
    inliers_only : bool, default=False
        If True, ``fit(X, y)`` trains only on the images labelled +1.

    Attributes
    ----------
    net_ : skorch.NeuralNet
        The trained skorch net (``net_.module_`` is the torch network).
    loss_curve_ : list of float
        Training loss per epoch.
    offset_ : float
        ``decision_function = score_samples - offset_``.
    image_shape_ : tuple of int
        ``(H, W, C)`` of the training images.
    n_features_in_ : int
        Values per image, ``H * W * C``.
    data_min_ : ndarray of shape (C,)
        Per-channel minimum of the training data.
    data_scale_ : ndarray of shape (C,)
        Per-channel range of the training data.

    Notes
    -----
    **Input layouts and scaling.** ``X`` is ``(n, H, W)`` (grayscale), ``(n, H, W, C)``
    (channels last) or ``(n, F)`` flat rows; flat rows are reshaped to ``image_shape``
    when it is given, and otherwise read as one-pixel-high grayscale images of width
    ``F``. At scoring time, flat rows are read with the fitted ``image_shape_``. Any
    numeric dtype is accepted (``uint8`` included); each channel is scaled to [0, 1]
    with the minimum and maximum it had in the training data, and that scaling is
    applied unchanged at scoring time.

    **Image scores from anomaly maps.** ``"mean"`` suits anomalies that change the
    whole image (another object class); ``"top_k_mean"`` and ``"max"`` suit small
    local defects, which the mean dilutes. The three scoring parameters (and a
    detector's own where its docstring says so) are read, and validated, when scoring,
    so ``set_params`` can compare them on one trained network; ``offset_`` is only
    recomputed by ``fit``.

    **Model selection with labelled anomalies.** With ``inliers_only=True``,
    ``fit(X, y)`` trains on the images labelled +1 only, so
    ``GridSearchCV(detector, grid, scoring="roc_auc", cv=StratifiedKFold(3)).fit(X, y)``
    trains every fold and the final refit on normal images and ranks the settings by
    the AUROC of normal against anomalous validation images. (Passing
    ``sample_weight=(y == 1)`` to ``GridSearchCV.fit`` trains the same way, but
    scikit-learn >= 1.7 also forwards the weights to the scorer, which then sees no
    anomalies and returns NaN.)

    Examples
    --------
    Every detector is a ``BaseDetector``; a new method subclasses it and provides its
    network:

    >>> from torch import nn
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly.base import BaseDetector
    >>> class TinyDetector(BaseDetector):
    ...     def _build_network(self, n_channels):
    ...         return nn.Sequential(nn.Conv2d(n_channels, n_channels, 3, padding=1),
    ...                              nn.Sigmoid())
    >>> images = load_digits().images[:100]
    >>> detector = TinyDetector(max_epochs=1, random_state=0).fit(images)
    >>> detector.anomaly_map(images[:2]).shape
    (2, 8, 8)
    """

    _parameter_constraints = {
        "image_shape": [tuple, None],
        "contamination": [Interval(Real, 0, 0.5, closed="right")],
        "max_epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "lr": [Interval(Real, 0, None, closed="neither")],
        "ema_decay": [Interval(Real, 0, 1, closed="neither"), None],
        "lr_schedule": [StrOptions({"constant", "cosine"})],
        "weight_decay": [Interval(Real, 0, None, closed="left")],
        "device": [StrOptions({"auto", "cpu", "cuda"}), str, torch.device],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "callbacks": [list, tuple, None],
        "inliers_only": ["boolean"],
        "smoothing_sigma": [Interval(Real, 0, None, closed="left")],
        "score_reduction": [StrOptions({"mean", "top_k_mean", "max"})],
        "top_k_fraction": [Interval(Real, 0, 1, closed="right")],
    }

    #: Parameters read only when scoring: a fitted detector compares their values through
    #: ``set_params`` without retraining.
    _scoring_params = ("smoothing_sigma", "score_reduction", "top_k_fraction")

    #: Whether images of another height and width than at ``fit`` may be scored
    #: (fully convolutional methods whose scores do not depend on the size).
    _accepts_other_image_sizes = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("Base"):
            _DETECTOR_CLASSES[cls.__name__] = cls

    def __init__(
        self,
        *,
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
        smoothing_sigma=0.0,
        score_reduction="mean",
        top_k_fraction=0.01,
    ):
        self.image_shape = image_shape
        self.contamination = contamination
        self.max_epochs = max_epochs
        self.batch_size = batch_size
        self.lr = lr
        self.ema_decay = ema_decay
        self.lr_schedule = lr_schedule
        self.weight_decay = weight_decay
        self.device = device
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.inliers_only = inliers_only
        self.smoothing_sigma = smoothing_sigma
        self.score_reduction = score_reduction
        self.top_k_fraction = top_k_fraction

    # ------------------------------------------------------------------ hooks

    def _build_network(self, n_channels):
        """Return the torch module mapping ``(n, C, H, W)`` in [0, 1] to its output.

        A module with a ``downsampling_factor`` attribute gets its input padded to a
        multiple of it (and its output cropped back) by the base.
        """
        raise NotImplementedError

    def _make_training_pair(self, images):
        """Return ``make_pair(image) -> (input, target[, pixel_weight])`` or None.

        ``images`` is the scaled ``(n, C, H, W)`` training tensor, for tasks that draw
        content from other training images. None trains plain reconstruction.
        """
        return None

    def _net_params(self):
        """Extra keyword arguments for the skorch net (criterion, optimizer, ...)."""
        return {}

    _net_class = DetectorNet

    def _anomaly_map_batch(self, x):
        """Per-pixel anomaly map ``(b, H, W)`` of a scaled batch ``(b, C, H, W)``.

        The default is the squared reconstruction error averaged over channels.
        """
        reconstruction = self.net_.module_(x)
        return (reconstruction - x).square().mean(dim=1)

    def _smoothed_maps(self, x):
        """The anomaly maps of a scaled batch, smoothed by ``smoothing_sigma``."""
        return gaussian_blur(self._anomaly_map_batch(x).unsqueeze(1), self.smoothing_sigma)[:, 0]

    def _image_scores(self, maps):
        """Reduce anomaly maps ``(b, H, W)`` to image anomaly scores ``(b,)``."""
        flat = maps.flatten(1)
        if self.score_reduction == "mean":
            return flat.mean(dim=1)
        if self.score_reduction == "max":
            return flat.max(dim=1).values
        k = max(1, int(np.ceil(self.top_k_fraction * flat.shape[1])))
        return flat.topk(k, dim=1).values.mean(dim=1)

    def _fit_statistics(self, images):
        """Learn statistics of the (validated) normal training images after training."""

    # ------------------------------------------------------------ input, scaling

    def _validate_training_input(self, X):
        images = check_images(X, check_image_shape(self.image_shape))
        self.image_shape_ = tuple(int(v) for v in images.shape[1:])
        self.n_features_in_ = int(np.prod(self.image_shape_))
        return images

    def _validate_scoring_input(self, X):
        check_is_fitted(self)
        name = type(self).__name__
        # scoring parameters may have been changed by set_params since fit
        validate_parameter_constraints(
            {p: self._parameter_constraints[p] for p in self._scoring_params},
            {p: getattr(self, p) for p in self._scoring_params},
            caller_name=name,
        )
        images, ndim = check_images(X, None, return_ndim=True)
        height, width, n_channels = self.image_shape_
        if ndim == 2:
            n_features = images.shape[2]
            if n_features != self.n_features_in_:
                # a 2-D X is rows of flattened images; one (H, W) image is a common slip
                hint = (
                    "; it looks like one (H, W) image: pass X[np.newaxis], a batch of one"
                    if images.shape[:2] == (height, 1) and n_features == width
                    else ""
                )
                raise ValueError(
                    f"X has {n_features} features, but {name} is expecting "
                    f"{self.n_features_in_} features as input{hint}."
                )
            return images.reshape(len(images), *self.image_shape_)
        if images.shape[3] != n_channels:
            raise ValueError(
                f"X has images with {images.shape[3]} channel(s), but {name} was fitted "
                f"on images with {n_channels} channel(s)."
            )
        if images.shape[1:3] != (height, width) and not self._accepts_other_image_sizes:
            raise ValueError(
                f"X has images of size {images.shape[1:3]} (H, W), but {name} was fitted "
                f"on images of size {(height, width)}; resize them first "
                "(for example with skanomaly.preprocessing.ImageResizer)."
            )
        return images

    def _fit_scaling(self, images):
        flat = images.reshape(-1, images.shape[-1])
        self.data_min_ = flat.min(axis=0).astype(np.float64)
        data_range = flat.max(axis=0).astype(np.float64) - self.data_min_
        # a constant channel carries no information; keep it at zero rather than divide by 0
        self.data_scale_ = np.where(data_range > 0, data_range, 1.0)

    def _to_tensor(self, images, device):
        """Scale ``(b, H, W, C)`` images and return them as a float32 ``(b, C, H, W)`` tensor."""
        scaled = (images - self.data_min_) / self.data_scale_
        tensor = torch.from_numpy(np.ascontiguousarray(scaled.transpose(0, 3, 1, 2)))
        return tensor.to(device=device, dtype=torch.float32)

    # ------------------------------------------------------------------ training

    def _seed(self):
        """A torch seed derived from ``random_state`` (one draw, so it can be reused)."""
        return int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))

    def _initialize_net(self, n_channels):
        network = self._build_network(n_channels)
        factor = getattr(network, "downsampling_factor", 1)
        module = PadToMultiple(network, factor) if factor > 1 else network
        callbacks = [copy.deepcopy(cb) for cb in self.callbacks or ()]
        if self.ema_decay is not None:
            callbacks.append(("weight_average", WeightAverage(self.ema_decay)))
        if self.lr_schedule == "cosine":
            callbacks.append(("lr_schedule", CosineLearningRate()))
        if self.verbose:
            callbacks.append(("progress_bar", ProgressBar()))
        params = {
            "criterion": nn.MSELoss,
            "criterion__reduction": "none",
            "optimizer": torch.optim.Adam,
            "optimizer__weight_decay": self.weight_decay,
            **self._net_params(),
        }
        net = self._net_class(
            module=module,
            lr=self.lr,
            max_epochs=self.max_epochs,
            batch_size=self.batch_size,
            train_split=None,
            device=resolve_device(self.device),
            iterator_train__shuffle=True,
            callbacks=callbacks,
            verbose=int(self.verbose),
            **params,
        )
        return net.initialize()

    def fit(self, X, y=None, sample_weight=None):
        """Fit the detector on normal images.

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Normal training images (see the class docstring for the layouts).
        y : array-like of shape (n_samples,) with values in {-1, 1}, or masks of \
shape (n_samples, H, W), default=None
            Ignored unless ``inliers_only=True``: then only the images labelled +1
            (normal), or whose mask is empty, are trained on; the others are left out
            exactly as with a zero sample weight.
        sample_weight : array-like of shape (n_samples,), default=None
            Per-image weights. A zero weight leaves the image out of training
            entirely (the fit is then identical to a fit without that image); other
            weights scale the image's contribution to the training loss.

        Returns
        -------
        self : object
            The fitted detector.
        """
        self._validate_params()
        images = self._validate_training_input(X)
        weights = _check_sample_weight(sample_weight, len(images))
        if self.inliers_only and y is not None:
            weights = weights * _inlier_mask(y, len(images))
        keep = weights > 0
        if not keep.any():
            cause = "sample_weight is zero for every sample"
            if self.inliers_only and y is not None:
                cause += " or y labels every image -1 (inliers_only=True)"
            raise ValueError(f"Nothing to train on: {cause}.")
        images, weights = images[keep], weights[keep]
        self._fit_scaling(images)

        device = resolve_device(self.device)
        seed = self._seed()
        cuda_devices = [torch.device(device).index or 0] if device.startswith("cuda") else []
        # Seed torch inside a forked RNG so the caller's global RNG state is untouched.
        with torch.random.fork_rng(devices=cuda_devices):
            torch.manual_seed(seed)
            self.net_ = self._initialize_net(images.shape[-1])
            scaled = self._to_tensor(images, "cpu")
            dataset = TrainingDataset(
                scaled,
                torch.as_tensor(weights / weights.mean(), dtype=torch.float32),
                self._make_training_pair(scaled),
            )
            self.net_.partial_fit(dataset, None)
            self.loss_curve_ = [float(v) for v in self.net_.history[:, "train_loss"]]
            self._fit_statistics(images)
        train_scores = self._score(images, with_maps=False)[0]
        self.offset_ = float(np.percentile(-train_scores, 100.0 * self.contamination))
        return self

    # ------------------------------------------------------------------- scoring

    def _inference_batches(self, images):
        """Yield ``(slice, scaled tensor)`` batches on the net's device, in eval mode.

        Runs under ``torch.inference_mode``; only one batch is on the device at a time.
        """
        self.net_.module_.eval()
        with torch.inference_mode():
            for start in range(0, len(images), self.batch_size):
                rows = slice(start, min(start + self.batch_size, len(images)))
                yield rows, self._to_tensor(images[rows], self.net_.device)

    def _score(self, images, *, with_maps):
        """Anomaly scores (and maps) of validated images, in memory-bounded batches."""
        n_samples, height, width = images.shape[:3]
        scores = np.empty(n_samples, dtype=np.float64)
        maps = np.empty((n_samples, height, width), dtype=np.float64) if with_maps else None
        for rows, x in self._inference_batches(images):
            batch_maps = self._smoothed_maps(x)
            scores[rows] = self._image_scores(batch_maps).double().cpu().numpy()
            if with_maps:
                maps[rows] = batch_maps.double().cpu().numpy()
        return scores, maps

    def score_samples(self, X):
        """Normality score of each image: the opposite of its anomaly score.

        Higher means more normal, as in scikit-learn's outlier detectors.

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images to score.

        Returns
        -------
        scores : ndarray of shape (n_samples,)
            Float64 scores; the lower, the more anomalous.
        """
        images = self._validate_scoring_input(X)
        return -self._score(images, with_maps=False)[0]

    def decision_function(self, X):
        """Shifted normality score: ``score_samples(X) - offset_``.

        Negative values are outliers, positive values inliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images to score.

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        return self.score_samples(X) - self.offset_

    def predict(self, X):
        """Label each image as inlier (+1) or outlier (-1).

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images to label.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            +1 for inliers, -1 for outliers.
        """
        return np.where(self.decision_function(X) < 0, -1, 1)

    def anomaly_map(self, X):
        """Per-pixel anomaly map of each image, at the input resolution.

        Higher means more anomalous (the opposite sign of :meth:`score_samples`, as
        anomaly maps are conventionally shown).

        Parameters
        ----------
        X : array-like of shape (n_samples, H, W), (n_samples, H, W, C) or \
(n_samples, n_features)
            Images to localise anomalies in.

        Returns
        -------
        maps : ndarray of shape (n_samples, H, W)
            Float64 anomaly maps.
        """
        images = self._validate_scoring_input(X)
        return self._score(images, with_maps=True)[1]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.input_tags.three_d_array = True
        return tags
