"""A scikit-learn style display of anomaly maps overlaid on their images."""

import numpy as np

from .._images import check_images

__all__ = ["AnomalyMapDisplay"]


def _import_pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:  # matplotlib is an optional dependency
        raise ImportError("AnomalyMapDisplay needs matplotlib: pip install matplotlib") from error
    return plt


class AnomalyMapDisplay:
    """Anomaly maps overlaid on their images, one panel per image.

    Build it with :meth:`from_estimator` (a fitted detector computes the maps) or
    :meth:`from_predictions` (maps computed elsewhere), or create it directly and call
    :meth:`plot`. It follows scikit-learn's visualisation API
    (:class:`sklearn.metrics.RocCurveDisplay`): the constructor stores the data,
    :meth:`plot` draws and stores the matplotlib objects. matplotlib is needed only here.

    Parameters
    ----------
    images : array-like of shape (n_images, H, W) or (n_images, H, W, C)
        The images, in any numeric range (scaled to [0, 1] for display).
    anomaly_maps : array-like of shape (n_images, H, W)
        Per-pixel anomaly maps, higher = more anomalous.
    masks : array-like of shape (n_images, H, W), default=None
        Ground-truth anomaly masks, outlined in white when given.
    scores : array-like of shape (n_images,), default=None
        Image scores shown in the panel titles (for example ``score_samples``).

    Attributes
    ----------
    figure_ : matplotlib.figure.Figure
        The figure drawn by :meth:`plot`.
    axes_ : ndarray of matplotlib.axes.Axes
        One panel per image.
    overlays_ : list of matplotlib.image.AxesImage
        The anomaly-map layer of every panel.

    See Also
    --------
    skanomaly.base.BaseDetector.anomaly_map : Computes the maps.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import AutoencoderDetector
    >>> from skanomaly.plotting import AnomalyMapDisplay
    >>> digits = load_digits()
    >>> detector = AutoencoderDetector(max_epochs=1, random_state=0)
    >>> detector = detector.fit(digits.images[digits.target == 0])
    >>> display = AnomalyMapDisplay.from_estimator(detector, digits.images[:4])
    >>> display.axes_.shape
    (4,)
    """

    def __init__(self, images, anomaly_maps, *, masks=None, scores=None):
        self.images = images
        self.anomaly_maps = anomaly_maps
        self.masks = masks
        self.scores = scores

    def _checked(self):
        images = check_images(self.images, None, input_name="images")
        maps = np.asarray(self.anomaly_maps, dtype=np.float64)
        if maps.shape != images.shape[:3]:
            raise ValueError(
                f"anomaly_maps must have shape {images.shape[:3]} to match the images, "
                f"got {maps.shape}."
            )
        masks = None if self.masks is None else np.asarray(self.masks).astype(bool)
        if masks is not None and masks.shape != maps.shape:
            raise ValueError(f"masks must have shape {maps.shape}, got {masks.shape}.")
        scores = None if self.scores is None else np.asarray(self.scores, dtype=np.float64)
        if scores is not None and scores.shape != (len(images),):
            raise ValueError(f"scores must have shape ({len(images)},), got {scores.shape}.")
        return images, maps, masks, scores

    def plot(self, *, n_cols=None, alpha=0.5, cmap="inferno", vmax=None, panel_size=2.0):
        """Draw the images with their anomaly maps overlaid.

        Parameters
        ----------
        n_cols : int, default=None
            Panels per row; all in one row by default (up to 8).
        alpha : float, default=0.5
            Opacity of the anomaly map over the image.
        cmap : str, default="inferno"
            Colour map of the anomaly maps.
        vmax : float, default=None
            Map value drawn with the brightest colour, shared by all panels; the 99th
            percentile of all maps by default, so panels compare.
        panel_size : float, default=2.0
            Width and height of a panel in inches.

        Returns
        -------
        display : AnomalyMapDisplay
            The display, with ``figure_``, ``axes_`` and ``overlays_`` set.
        """
        plt = _import_pyplot()
        images, maps, masks, scores = self._checked()
        n_images = len(images)
        n_cols = min(n_images, 8) if n_cols is None else int(n_cols)
        n_rows = -(-n_images // n_cols)
        if vmax is None:
            vmax = float(np.percentile(maps, 99)) or 1.0
        images = images.astype(np.float64)
        low, high = images.min(), images.max()
        shown = (images - low) / (high - low if high > low else 1.0)
        figure, axes = plt.subplots(
            n_rows,
            n_cols,
            figsize=(panel_size * n_cols, panel_size * n_rows),
            squeeze=False,
            layout="constrained",
        )
        axes = axes.ravel()
        self.overlays_ = []
        for i, ax in enumerate(axes):
            ax.set_axis_off()
            if i >= n_images:
                continue
            image = shown[i, ..., 0] if shown.shape[-1] == 1 else shown[i]
            ax.imshow(image, cmap="gray", vmin=0, vmax=1)
            self.overlays_.append(ax.imshow(maps[i], cmap=cmap, alpha=alpha, vmin=0, vmax=vmax))
            if masks is not None and masks[i].any():
                ax.contour(masks[i], levels=[0.5], colors="white", linewidths=1)
            if scores is not None:
                ax.set_title(f"{scores[i]:.3g}", fontsize=9)
        self.figure_, self.axes_ = figure, axes[:n_images]
        return self

    @classmethod
    def from_predictions(cls, images, anomaly_maps, *, masks=None, scores=None, **kwargs):
        """Plot anomaly maps computed elsewhere.

        Parameters
        ----------
        images : array-like of shape (n_images, H, W) or (n_images, H, W, C)
            The images.
        anomaly_maps : array-like of shape (n_images, H, W)
            Their anomaly maps.
        masks : array-like of shape (n_images, H, W), default=None
            Ground-truth masks to outline.
        scores : array-like of shape (n_images,), default=None
            Scores for the panel titles.
        **kwargs
            Passed to :meth:`plot`.

        Returns
        -------
        display : AnomalyMapDisplay
        """
        display = cls(images, anomaly_maps, masks=masks, scores=scores)
        return display.plot(**kwargs)

    @classmethod
    def from_estimator(cls, estimator, X, *, masks=None, show_scores=True, **kwargs):
        """Compute anomaly maps with a fitted detector and plot them.

        Parameters
        ----------
        estimator : fitted detector
            Anything with ``anomaly_map`` and ``score_samples`` (every skanomaly
            detector).
        X : array-like of shape (n_images, H, W) or (n_images, H, W, C)
            Images to show.
        masks : array-like of shape (n_images, H, W), default=None
            Ground-truth masks to outline.
        show_scores : bool, default=True
            Put each image's ``score_samples`` (higher = more normal) in its title.
        **kwargs
            Passed to :meth:`plot`.

        Returns
        -------
        display : AnomalyMapDisplay
        """
        if not hasattr(estimator, "anomaly_map"):
            raise TypeError(
                f"{type(estimator).__name__} has no anomaly_map method; pass a fitted "
                "skanomaly detector (or use from_predictions)."
            )
        scores = estimator.score_samples(X) if show_scores else None
        display = cls(X, estimator.anomaly_map(X), masks=masks, scores=scores)
        return display.plot(**kwargs)
