"""The novelty-detection model-selection recipe and pipelines."""

import numpy as np
import pytest
from conftest import tiny_autoencoder
from sklearn.base import clone
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline

from skanomaly.preprocessing import Grayscale, ImageResizer


@pytest.fixture(scope="module")
def labelled(digits):
    """Digits 0 are normal (+1), a few 1s, 7s and 8s are the anomalies (-1)."""
    images, target = digits
    normal = images[target == 0][:90]
    anomalous = images[np.isin(target, [1, 7, 8])][:30]
    X = np.concatenate([normal, anomalous])
    y = np.r_[np.ones(len(normal), dtype=int), -np.ones(len(anomalous), dtype=int)]
    return X, y


def test_grid_search_trains_on_normals_and_ranks_by_auroc(labelled):
    X, y = labelled
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    grid = {"latent_channels": [1, 8]}
    search = GridSearchCV(tiny_autoencoder(inliers_only=True), grid, scoring="roc_auc", cv=cv)
    search.fit(X, y)

    # every fold's score is the AUROC of a detector fitted on that fold's normal images
    for i, params in enumerate(search.cv_results_["params"]):
        for fold, (train, test) in enumerate(cv.split(X, y)):
            inliers = train[y[train] == 1]
            detector = tiny_autoencoder(**params).fit(X[inliers])
            assert np.isfinite(search.cv_results_[f"split{fold}_test_score"][i])
            expected = roc_auc_score(y[test], detector.decision_function(X[test]))
            assert search.cv_results_[f"split{fold}_test_score"][i] == pytest.approx(expected)

    # the refit trains on all normal images and nothing else
    refit = tiny_autoencoder(**search.best_params_).fit(X[y == 1])
    np.testing.assert_array_equal(search.best_estimator_.score_samples(X), refit.score_samples(X))
    assert search.best_score_ == max(search.cv_results_["mean_test_score"])


def test_grid_search_in_parallel_workers_matches_a_serial_search(labelled):
    """``n_jobs=2`` pickles the unfitted detectors into loky worker processes."""
    X, y = labelled
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    grid = {"latent_channels": [1, 8]}
    searches = [
        GridSearchCV(tiny_autoencoder(inliers_only=True), grid, scoring="roc_auc", cv=cv, n_jobs=n)
        for n in (1, 2)
    ]
    serial, parallel = (search.fit(X, y) for search in searches)
    # joblib runs each worker with fewer torch threads, which can move the networks' last
    # bits and so, rarely, swap two nearly tied images (a swap moves a fold by 1/300)
    np.testing.assert_allclose(
        parallel.cv_results_["mean_test_score"], serial.cv_results_["mean_test_score"], atol=0.01
    )
    # the refit runs in this process, on the normal images only
    refit = tiny_autoencoder(**parallel.best_params_).fit(X[y == 1])
    refitted = parallel.best_estimator_
    np.testing.assert_array_equal(refitted.score_samples(X), refit.score_samples(X))


def test_inliers_only_equals_a_fit_on_the_normal_images(labelled):
    X, y = labelled
    reference = tiny_autoencoder().fit(X[y == 1]).score_samples(X)
    by_label = tiny_autoencoder(inliers_only=True).fit(X, y).score_samples(X)
    by_weight = tiny_autoencoder().fit(X, sample_weight=(y == 1)).score_samples(X)
    np.testing.assert_array_equal(by_label, reference)
    np.testing.assert_array_equal(by_weight, reference)
    # without the opt-in, y is ignored as scikit-learn's unsupervised detectors do
    ignored = tiny_autoencoder().fit(X, y).score_samples(X)
    np.testing.assert_array_equal(ignored, tiny_autoencoder().fit(X).score_samples(X))
    assert not np.array_equal(ignored, reference)


@pytest.mark.parametrize("labels", [[0, 1], [1, 2]])
def test_inliers_only_rejects_other_label_conventions(labelled, labels):
    X, y = labelled
    y_other = np.where(y == 1, labels[0], labels[1])
    with pytest.raises(ValueError, match="must label normal images \\+1"):
        tiny_autoencoder(inliers_only=True).fit(X, y_other)


def test_inliers_only_with_no_normal_image_says_why(labelled):
    X, y = labelled
    with pytest.raises(ValueError, match=r"y labels every image -1 \(inliers_only=True\)"):
        tiny_autoencoder(inliers_only=True).fit(X, -np.ones_like(y))


@pytest.mark.filterwarnings("ignore:The scoring .* does not support sample_weight")
def test_sample_weight_recipe_trains_folds_and_refit_on_normals(labelled):
    """The recipe ``fit(X, y, sample_weight=(y == 1))`` trains like inliers_only.

    scikit-learn >= 1.7 forwards sample_weight to the scorer as well, so it is used here
    with a scorer that takes no weights; ``inliers_only=True`` needs no such care.
    """
    X, y = labelled
    cv = StratifiedKFold(3, shuffle=True, random_state=0)

    def auroc(estimator, X_test, y_test):
        return roc_auc_score(y_test, estimator.decision_function(X_test))

    search = GridSearchCV(tiny_autoencoder(), {"latent_channels": [1, 8]}, scoring=auroc, cv=cv)
    search.fit(X, y, sample_weight=(y == 1))
    labelled_search = GridSearchCV(
        tiny_autoencoder(inliers_only=True), {"latent_channels": [1, 8]}, scoring="roc_auc", cv=cv
    ).fit(X, y)
    np.testing.assert_allclose(
        search.cv_results_["mean_test_score"], labelled_search.cv_results_["mean_test_score"]
    )
    np.testing.assert_array_equal(
        search.best_estimator_.score_samples(X), labelled_search.best_estimator_.score_samples(X)
    )


def test_pipeline_fits_scores_and_grid_searches(labelled):
    X, y = labelled
    rgb = np.repeat(X[..., np.newaxis], 3, axis=3)
    pipeline = Pipeline(
        [
            ("gray", Grayscale()),
            ("resize", ImageResizer(size=(12, 12))),
            ("detector", tiny_autoencoder()),
        ]
    )
    pipeline.fit(rgb[y == 1])
    assert pipeline.score_samples(rgb).shape == (len(X),)
    assert set(np.unique(pipeline.predict(rgb))) <= {-1, 1}
    assert pipeline.decision_function(rgb).dtype == np.float64
    # the detector sees resized grayscale images
    assert pipeline.named_steps["detector"].image_shape_ == (12, 12, 1)

    search = GridSearchCV(
        clone(pipeline),
        {"resize__size": [(8, 8), (16, 16)], "detector__latent_channels": [2, 4]},
        scoring="roc_auc",
        cv=StratifiedKFold(2, shuffle=True, random_state=0),
    )
    search.set_params(estimator__detector__inliers_only=True)
    search.fit(rgb, y)
    assert len(search.cv_results_["params"]) == 4
    assert 0.5 < search.best_score_ <= 1.0
    assert search.best_estimator_.named_steps["detector"].n_features_in_ in (64, 256)
