"""Scorers that let ``GridSearchCV`` rank detectors by anomaly metrics."""

import numpy as np

from ._pixel import aupro, f1_max, pixel_roc_auc

__all__ = [
    "aupro_scorer",
    "f1_max_scorer",
    "make_anomaly_scorer",
    "make_pixel_scorer",
    "pixel_roc_auc_scorer",
]


class _AnomalyScorer:
    """Score an outlier detector on labels y in {+1 normal, -1 anomalous}."""

    def __init__(self, score_func):
        self.score_func = score_func

    def __call__(self, estimator, X, y):
        y = np.asarray(y)
        if not np.isin(np.unique(y), [-1, 1]).all():
            raise ValueError("anomaly scorers need y with +1 (normal) and -1 (anomalous).")
        return self.score_func(y == -1, -estimator.decision_function(X))

    def __repr__(self):
        return f"make_anomaly_scorer({self.score_func.__name__})"


class _PixelScorer:
    """Score a detector's anomaly maps against ground-truth masks passed as y."""

    def __init__(self, score_func):
        self.score_func = score_func

    def __call__(self, estimator, X, y):
        maps = estimator.anomaly_map(X)
        masks = np.asarray(y)
        if masks.ndim == 2 and masks.shape[1] == maps[0].size:
            masks = masks.reshape(maps.shape)
        if masks.shape != maps.shape:
            raise ValueError(
                f"pixel scorers need y to be the masks, shape {maps.shape}; got {masks.shape}."
            )
        return self.score_func(masks, maps)

    def __repr__(self):
        return f"make_pixel_scorer({self.score_func.__name__})"


def make_anomaly_scorer(score_func):
    """Make a scorer of image-level anomaly detection for ``GridSearchCV``.

    The scorer calls ``score_func(y == -1, -estimator.decision_function(X))``: anomalies
    are the positive class and higher scores mean more anomalous, as for
    :func:`~skanomaly.metrics.f1_max` or :func:`sklearn.metrics.average_precision_score`.
    (For the AUROC, scikit-learn's ``scoring="roc_auc"`` already does the right thing.)

    Parameters
    ----------
    score_func : callable
        ``score_func(y_true, y_score) -> float``, greater is better.

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y)`` with y in {+1, -1}.

    Examples
    --------
    >>> from sklearn.metrics import average_precision_score
    >>> from skanomaly.metrics import make_anomaly_scorer
    >>> average_precision = make_anomaly_scorer(average_precision_score)

    ``GridSearchCV(detector, grid, scoring=average_precision)`` then ranks settings by the
    average precision of finding the anomalies (label -1).
    """
    return _AnomalyScorer(score_func)


def make_pixel_scorer(score_func):
    """Make a scorer of localisation for ``GridSearchCV``.

    The targets ``y`` are the ground-truth masks, ``(n, H, W)`` or flattened to
    ``(n, H * W)`` (use a splitter that needs no class labels, e.g. ``KFold``); the scorer
    calls ``score_func(masks, estimator.anomaly_map(X))``. Detectors with
    ``inliers_only=True`` then train on the images whose mask is empty.

    Parameters
    ----------
    score_func : callable
        ``score_func(masks, anomaly_maps) -> float``, greater is better, such as
        :func:`~skanomaly.metrics.aupro`.

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, masks)``.

    Examples
    --------
    >>> from functools import partial
    >>> from skanomaly.metrics import aupro, make_pixel_scorer
    >>> aupro_005 = make_pixel_scorer(partial(aupro, max_fpr=0.05))

    ``GridSearchCV(detector, grid, scoring=aupro_005, cv=KFold(3)).fit(X, masks)`` then
    ranks settings by the AUPRO up to a 5 % false positive rate.
    """
    return _PixelScorer(score_func)


#: F1-max of images, anomalies positive; y in {+1, -1}.
f1_max_scorer = make_anomaly_scorer(f1_max)
#: Pixel AUROC; y are the masks.
pixel_roc_auc_scorer = make_pixel_scorer(pixel_roc_auc)
#: AUPRO up to FPR 0.3; y are the masks.
aupro_scorer = make_pixel_scorer(aupro)
