"""The classical baselines, wrapped to take images like skanomaly's detectors."""

import numpy as np
from sklearn.base import BaseEstimator, OutlierMixin
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.neighbors import LocalOutlierFactor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import OneClassSVM
from sklearn.utils.validation import check_is_fitted


def _flatten_unit(X):
    """Images of any layout to flat rows in [0, 1] (inputs are uint8 in every protocol)."""
    X = np.asarray(X, dtype=np.float64)
    return X.reshape(len(X), -1) / 255.0


class PCAReconstruction(OutlierMixin, BaseEstimator):
    """Anomaly score = squared error of the PCA reconstruction of the flattened image.

    Also gives per-pixel anomaly maps (the squared residual), so it is measured on
    localisation too.
    """

    def __init__(self, n_components=0.9):
        self.n_components = n_components

    def fit(self, X, y=None):
        X = np.asarray(X)
        self.image_shape_ = X.shape[1:]
        self.pca_ = PCA(n_components=self.n_components, random_state=0).fit(_flatten_unit(X))
        self.offset_ = np.percentile(self.score_samples(X), 10)
        return self

    def _residual(self, X):
        check_is_fitted(self)
        flat = _flatten_unit(X)
        return flat - self.pca_.inverse_transform(self.pca_.transform(flat))

    def score_samples(self, X):
        return -np.square(self._residual(X)).sum(axis=1)

    def decision_function(self, X):
        return self.score_samples(X) - self.offset_

    def predict(self, X):
        return np.where(self.decision_function(X) < 0, -1, 1)

    def anomaly_map(self, X):
        residual = np.square(self._residual(X)).reshape(len(X), *self.image_shape_)
        return residual.mean(axis=-1) if residual.ndim == 4 else residual


def _flat(estimator):
    return make_pipeline(FunctionTransformer(_flatten_unit), estimator)


BASELINES = {
    "isolation_forest": lambda **p: _flat(IsolationForest(**{"random_state": 0, **p})),
    "one_class_svm": lambda **p: _flat(OneClassSVM(**p)),
    "local_outlier_factor": lambda **p: _flat(LocalOutlierFactor(**{"novelty": True, **p})),
    "pca": lambda **p: PCAReconstruction(**p),
}
