"""Localisation metrics for anomaly maps, next to scikit-learn's image-level ones."""

from numbers import Real

import numpy as np
from scipy import ndimage
from scipy.integrate import trapezoid
from sklearn.metrics import precision_recall_curve, roc_auc_score

__all__ = ["aupro", "f1_max", "pixel_roc_auc", "pro_curve"]


def _check_maps(masks, anomaly_maps):
    masks = np.asarray(masks)
    anomaly_maps = np.asarray(anomaly_maps, dtype=np.float64)
    if masks.ndim == 2:
        masks, anomaly_maps = masks[np.newaxis], anomaly_maps[np.newaxis]
    if masks.ndim != 3 or masks.shape != anomaly_maps.shape:
        raise ValueError(
            "masks and anomaly_maps must both have shape (n, H, W); got "
            f"{masks.shape} and {anomaly_maps.shape}."
        )
    if not np.all(np.isfinite(anomaly_maps)):
        raise ValueError("anomaly_maps contains NaN or infinity.")
    unique = np.unique(masks)
    if not np.isin(unique, [0, 1]).all():
        raise ValueError(f"masks must be binary (0/1 or bool); found values {unique[:5]}.")
    return masks.astype(bool), anomaly_maps


def pixel_roc_auc(masks, anomaly_maps):
    """Area under the ROC curve of all pixels: defect pixels against normal ones.

    Parameters
    ----------
    masks : array-like of shape (n, H, W)
        Ground-truth defect masks (True / 1 = anomalous pixel).
    anomaly_maps : array-like of shape (n, H, W)
        Anomaly maps, higher = more anomalous (as :meth:`anomaly_map` returns them).

    Returns
    -------
    auroc : float

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly.metrics import pixel_roc_auc
    >>> masks = np.array([[[0, 1], [0, 0]]])
    >>> pixel_roc_auc(masks, np.array([[[0.1, 0.9], [0.2, 0.3]]]))
    1.0
    """
    masks, anomaly_maps = _check_maps(masks, anomaly_maps)
    if masks.all() or not masks.any():
        raise ValueError("pixel_roc_auc needs both anomalous and normal pixels in masks.")
    return float(roc_auc_score(masks.ravel(), anomaly_maps.ravel()))


def pro_curve(masks, anomaly_maps):
    """Per-region overlap (PRO) against the false positive rate, at every threshold.

    Each connected region of a mask (8-connectivity) counts equally, whatever its size:
    at a threshold, the PRO is the mean over all regions of the fraction of the region's
    pixels above the threshold, and the false positive rate is the fraction of normal
    pixels (of all images) above it. The curve is exact: one point per distinct value of
    the anomaly maps.

    Parameters
    ----------
    masks : array-like of shape (n, H, W)
        Ground-truth defect masks.
    anomaly_maps : array-like of shape (n, H, W)
        Anomaly maps, higher = more anomalous.

    Returns
    -------
    fpr : ndarray
        Increasing false positive rates, starting at 0.
    pro : ndarray
        Per-region overlap at each ``fpr``.
    thresholds : ndarray
        Decreasing thresholds (a pixel counts as anomalous when its value is >= the
        threshold); the first is ``inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly.metrics import pro_curve
    >>> masks = np.zeros((1, 4, 4), dtype=bool)
    >>> masks[0, :2, :2] = True
    >>> maps = np.zeros((1, 4, 4))
    >>> maps[0, :2, :2] = 1.0
    >>> fpr, pro, thresholds = pro_curve(masks, maps)
    >>> float(pro[fpr == 0].max())  # the defect is found before any false positive
    1.0
    """
    masks, anomaly_maps = _check_maps(masks, anomaly_maps)
    regions = np.zeros(masks.shape, dtype=np.int64)
    n_regions = 0
    eight_connected = np.ones((3, 3), dtype=bool)
    for i, mask in enumerate(masks):
        labels, count = ndimage.label(mask, structure=eight_connected)
        regions[i] = np.where(labels > 0, labels + n_regions, 0)
        n_regions += count
    if n_regions == 0:
        raise ValueError("pro_curve needs at least one defect region in masks.")
    n_normal = int((~masks).sum())
    if n_normal == 0:
        raise ValueError("pro_curve needs normal pixels in masks.")

    region_sizes = np.bincount(regions.ravel(), minlength=n_regions + 1)
    # each pixel's contribution when it crosses the threshold
    pixel_regions = regions.ravel()
    pro_step = np.where(
        pixel_regions > 0, 1.0 / (n_regions * region_sizes[pixel_regions].clip(1)), 0.0
    )
    fpr_step = (pixel_regions == 0) / n_normal
    scores = anomaly_maps.ravel()
    order = np.argsort(-scores, kind="stable")
    scores, pro_step, fpr_step = scores[order], pro_step[order], fpr_step[order]
    # keep one point per distinct score: the last pixel of each run of ties
    distinct = np.r_[np.flatnonzero(np.diff(scores)), len(scores) - 1]
    pro = np.r_[0.0, np.cumsum(pro_step)[distinct]]
    fpr = np.r_[0.0, np.cumsum(fpr_step)[distinct]]
    thresholds = np.r_[np.inf, scores[distinct]]
    return fpr, np.minimum(pro, 1.0), thresholds


def aupro(masks, anomaly_maps, max_fpr=0.3):
    """Normalised area under the PRO curve up to a false positive rate of ``max_fpr``.

    The localisation metric of the MVTec AD literature: the PRO curve (see
    :func:`pro_curve`) is integrated with the trapezoidal rule from FPR 0 to ``max_fpr``
    (interpolating linearly at ``max_fpr``) and divided by ``max_fpr``, so a perfect
    map scores 1.0 and a random one about ``max_fpr / 2``.

    Parameters
    ----------
    masks : array-like of shape (n, H, W)
        Ground-truth defect masks.
    anomaly_maps : array-like of shape (n, H, W)
        Anomaly maps, higher = more anomalous.
    max_fpr : float in (0, 1], default=0.3
        Upper integration limit.

    Returns
    -------
    aupro : float

    Examples
    --------
    >>> import numpy as np
    >>> from skanomaly.metrics import aupro
    >>> masks = np.array([[[1, 0, 0, 0]]])
    >>> aupro(masks, np.array([[[0.9, 0.1, 0.2, 0.3]]]))
    1.0
    """
    if not isinstance(max_fpr, Real) or not 0 < max_fpr <= 1:
        raise ValueError(f"max_fpr must be in (0, 1], got {max_fpr!r}.")
    fpr, pro, _ = pro_curve(masks, anomaly_maps)
    end = np.searchsorted(fpr, max_fpr, side="right")
    fpr_part, pro_part = fpr[:end], pro[:end]
    if fpr_part[-1] < max_fpr:
        pro_at_max = np.interp(max_fpr, fpr, pro)
        fpr_part, pro_part = np.r_[fpr_part, max_fpr], np.r_[pro_part, pro_at_max]
    return float(trapezoid(pro_part, fpr_part) / max_fpr)


def f1_max(y_true, y_score):
    """The best F1 score over all thresholds of ``y_score``.

    Works for images (labels and anomaly scores) and pixels (pass masks and anomaly maps;
    they are flattened).

    Parameters
    ----------
    y_true : array-like of shape (n,) or (n, H, W)
        True for anomalous samples or pixels (bool or 0/1).
    y_score : array-like of the same shape
        Higher = more anomalous.

    Returns
    -------
    f1 : float

    Examples
    --------
    >>> from skanomaly.metrics import f1_max
    >>> f1_max([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.8
    """
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=np.float64)
    if y_true.shape != y_score.shape:
        raise ValueError(f"y_true {y_true.shape} and y_score {y_score.shape} differ in shape.")
    unique = np.unique(y_true)
    if not np.isin(unique, [0, 1]).all():
        raise ValueError(
            f"y_true must be binary with 1 / True = anomalous; found values {unique[:5]}."
        )
    if not y_true.any():
        raise ValueError("f1_max needs at least one anomalous sample in y_true.")
    precision, recall, _ = precision_recall_curve(y_true.ravel(), y_score.ravel())
    f1 = np.divide(
        2 * precision * recall,
        precision + recall,
        out=np.zeros_like(precision),
        where=(precision + recall) > 0,
    )
    return float(f1.max())
