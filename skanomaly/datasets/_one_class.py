"""Helpers for the one-class protocols: one class is normal, every other is anomalous."""

import numpy as np
from sklearn.utils import check_random_state

__all__ = ["one_class_split", "one_class_validation_split"]


def _images_and_labels(X, target, x_name, target_name):
    """``X`` and ``target`` as arrays, checked to hold one label per image."""
    X, target = np.asarray(X), np.asarray(target)
    if target.ndim != 1 or len(target) != len(X):
        raise ValueError(
            f"{target_name} must hold one label per image of {x_name}: got shape "
            f"{target.shape} for {len(X)} images."
        )
    return X, target


def one_class_split(X_train, target_train, X_test, target_test, normal_class):
    """Split a labelled dataset for the one-class protocol.

    The detector trains on the training images of ``normal_class``; the whole test set
    is scored, with that class normal (+1) and every other class anomalous (-1).

    Parameters
    ----------
    X_train, X_test : array-like of shape (n, ...)
        Training and test images.
    target_train, target_test : array-like of shape (n,)
        Their class labels.
    normal_class : object
        The class that is normal.

    Returns
    -------
    X_fit : ndarray
        Training images of the normal class.
    X_eval : ndarray
        All test images.
    y_eval : ndarray of shape (n_test,)
        +1 for the normal class, -1 otherwise (scikit-learn's outlier convention).

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly.datasets import one_class_split
    >>> digits = load_digits()
    >>> X, target = digits.images, digits.target
    >>> X_fit, X_eval, y_eval = one_class_split(X[:1000], target[:1000], X[1000:],
    ...                                         target[1000:], normal_class=3)
    >>> len(X_fit) == int((target[:1000] == 3).sum()), sorted(set(y_eval.tolist()))
    (True, [-1, 1])
    """
    X_train, target_train = _images_and_labels(X_train, target_train, "X_train", "target_train")
    X_test, target_test = _images_and_labels(X_test, target_test, "X_test", "target_test")
    if normal_class not in set(target_train.tolist()):
        raise ValueError(f"normal_class {normal_class!r} does not occur in target_train.")
    X_fit = X_train[target_train == normal_class]
    y_eval = np.where(target_test == normal_class, 1, -1)
    return X_fit, X_test, y_eval


def one_class_validation_split(
    X_train,
    target_train,
    normal_class,
    *,
    validation_fraction=0.1,
    n_anomalies=None,
    random_state=None,
):
    """Carve a validation set for choosing settings out of the training data only.

    A fraction of the normal class's training images is held out as validation normals;
    anomalies for validation are drawn from the *training* images of the other classes.
    The test set is never touched, so settings chosen on it can be reported on the test
    set once.

    Parameters
    ----------
    X_train : array-like of shape (n, ...)
        Training images of all classes.
    target_train : array-like of shape (n,)
        Their class labels.
    normal_class : object
        The class that is normal.
    validation_fraction : float in (0, 1), default=0.1
        Fraction of the normal class's images held out.
    n_anomalies : int, default=None
        Anomalous validation images, drawn evenly from the other classes' training
        images; by default as many as there are validation normals times 9.
    random_state : int, RandomState instance or None, default=None
        Seeds the draw.

    Returns
    -------
    X_fit : ndarray
        Normal images to fit on.
    X_val : ndarray
        Validation images (normals first, then anomalies).
    y_val : ndarray
        +1 / -1 labels of ``X_val``.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from skanomaly.datasets import one_class_validation_split
    >>> digits = load_digits()
    >>> X_fit, X_val, y_val = one_class_validation_split(
    ...     digits.images, digits.target, normal_class=3, n_anomalies=50, random_state=0)
    >>> int((y_val == 1).sum()), int((y_val == -1).sum())
    (18, 50)
    """
    if not 0 < validation_fraction < 1:
        raise ValueError(f"validation_fraction must be in (0, 1), got {validation_fraction}.")
    X_train, target_train = _images_and_labels(X_train, target_train, "X_train", "target_train")
    rng = check_random_state(random_state)
    normal = np.flatnonzero(target_train == normal_class)
    if len(normal) < 2:
        raise ValueError(f"normal_class {normal_class!r} has fewer than 2 training images.")
    normal = rng.permutation(normal)
    n_val = max(1, round(validation_fraction * len(normal)))
    fit_idx, val_normal = normal[n_val:], normal[:n_val]
    others = np.flatnonzero(target_train != normal_class)
    if n_anomalies is None:
        n_anomalies = 9 * n_val
    n_anomalies = min(n_anomalies, len(others))
    val_anomalous = rng.choice(others, n_anomalies, replace=False)
    X_val = np.concatenate([X_train[val_normal], X_train[val_anomalous]])
    y_val = np.r_[np.ones(n_val, dtype=int), -np.ones(n_anomalies, dtype=int)]
    return X_train[fit_idx], X_val, y_val
