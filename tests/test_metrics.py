"""Metrics against values worked out by hand."""

import numpy as np
import pytest
from conftest import tiny_autoencoder
from sklearn.model_selection import GridSearchCV, KFold

from skanomaly.datasets import make_texture_defects
from skanomaly.metrics import (
    aupro,
    aupro_scorer,
    f1_max,
    f1_max_scorer,
    make_pixel_scorer,
    pixel_roc_auc,
    pixel_roc_auc_scorer,
    pro_curve,
)

# Two 1x4 images. Image A: a 2-pixel defect region (scores 0.9, 0.2); image B: a 1-pixel
# region (0.7). Five normal pixels: 0.5, 0.1 (A) and 0.3, 0.4, 0.6 (B).
MASKS = np.array([[[1, 1, 0, 0]], [[0, 0, 0, 1]]])
MAPS = np.array([[[0.9, 0.2, 0.5, 0.1]], [[0.3, 0.4, 0.6, 0.7]]])


def test_pro_curve_by_hand():
    fpr, pro, thresholds = pro_curve(MASKS, MAPS)
    # descending thresholds: 0.9 covers half of region A (PRO 0.25), 0.7 all of B
    # (0.75), then four normal pixels (FPR 0.2 each), 0.2 completes A, 0.1 is normal
    np.testing.assert_allclose(fpr, [0, 0, 0, 0.2, 0.4, 0.6, 0.8, 0.8, 1.0])
    np.testing.assert_allclose(pro, [0, 0.25, 0.75, 0.75, 0.75, 0.75, 0.75, 1.0, 1.0])
    np.testing.assert_allclose(thresholds[1:], [0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1])


def test_aupro_by_hand():
    # up to FPR 0.3 the PRO is 0.75 throughout: area 0.225, normalised 0.75
    assert aupro(MASKS, MAPS) == pytest.approx(0.75)
    # up to FPR 1: 0.75 * 0.8 + 1.0 * 0.2
    assert aupro(MASKS, MAPS, max_fpr=1.0) == pytest.approx(0.8)
    # interpolation inside a segment: up to 0.1 still 0.75
    assert aupro(MASKS, MAPS, max_fpr=0.1) == pytest.approx(0.75)


def test_regions_count_equally_whatever_their_size():
    masks = np.zeros((1, 6, 6), dtype=bool)
    masks[0, :3, :3] = True  # 9-pixel region, found
    masks[0, 5, 5] = True  # 1-pixel region, missed
    maps = masks.astype(float)
    maps[0, 5, 5] = 0.0
    _, pro, _ = pro_curve(masks, maps)
    assert pro[1] == pytest.approx(0.5)  # one of two regions, despite 9 of 10 pixels


def test_diagonal_pixels_form_one_region():
    masks = np.array([[[1, 0], [0, 1]]])
    maps = np.array([[[0.9, 0.0], [0.0, 0.1]]])
    _, pro, _ = pro_curve(masks, maps)
    assert pro[1] == pytest.approx(0.5)  # one region of 2 pixels, half covered


def test_pixel_roc_auc_by_hand():
    masks = np.array([[[1, 0], [0, 1]]])
    maps = np.array([[[0.8, 0.8], [0.1, 0.3]]])
    # positive pixels 0.8, 0.3 against negatives 0.8, 0.1: (0.5 + 1 + 0 + 1) / 4
    assert pixel_roc_auc(masks, maps) == pytest.approx(0.625)


def test_f1_max_by_hand():
    # thresholds 0.8, 0.4, 0.35, 0.1 give F1 2/3, 1/2, 4/5, 2/3
    assert f1_max([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.8)
    assert f1_max(MASKS, MAPS) == pytest.approx(f1_max(MASKS.ravel(), MAPS.ravel()))


def test_metric_input_errors():
    with pytest.raises(ValueError, match="shape"):
        aupro(MASKS, MAPS[:1])
    with pytest.raises(ValueError, match="at least one defect region"):
        aupro(np.zeros_like(MASKS), MAPS)
    with pytest.raises(ValueError, match="binary"):
        pixel_roc_auc(MASKS * 2, MAPS)
    with pytest.raises(ValueError, match="NaN"):
        pixel_roc_auc(MASKS, np.full(MAPS.shape, np.nan))
    with pytest.raises(ValueError, match="max_fpr"):
        aupro(MASKS, MAPS, max_fpr=0)
    with pytest.raises(ValueError, match="1 / True = anomalous"):
        f1_max([-1, 1], [0.2, 0.3])


@pytest.fixture(scope="module")
def texture_task():
    photo = np.random.default_rng(1).integers(80, 120, size=(96, 64), dtype=np.uint8)
    return make_texture_defects(photo, n_train=40, n_test=30, crop_size=16, random_state=0)


def test_scorers_compute_the_metrics(texture_task):
    data = texture_task
    detector = tiny_autoencoder(max_epochs=3).fit(data.X_train)
    maps = detector.anomaly_map(data.X_test)
    assert aupro_scorer(detector, data.X_test, data.masks_test) == aupro(data.masks_test, maps)
    flat_masks = data.masks_test.reshape(len(data.masks_test), -1)
    assert pixel_roc_auc_scorer(detector, data.X_test, flat_masks) == pixel_roc_auc(
        data.masks_test, maps
    )
    expected = f1_max(data.y_test == -1, -detector.decision_function(data.X_test))
    assert f1_max_scorer(detector, data.X_test, data.y_test) == expected
    with pytest.raises(ValueError, match="need y to be the masks"):
        make_pixel_scorer(aupro)(detector, data.X_test, data.y_test)


def test_grid_search_on_masks_trains_on_clean_images(texture_task):
    data = texture_task
    X = np.concatenate([data.X_train, data.X_test])
    masks = np.concatenate([np.zeros((40, 16, 16), bool), data.masks_test])
    cv = KFold(2, shuffle=True, random_state=0)
    search = GridSearchCV(
        tiny_autoencoder(inliers_only=True),
        {"latent_channels": [2, 4]},
        scoring=aupro_scorer,
        cv=cv,
    ).fit(X, masks)
    clean = ~masks.any(axis=(1, 2))
    reference = tiny_autoencoder(**search.best_params_).fit(X[clean])
    np.testing.assert_array_equal(
        search.best_estimator_.score_samples(X), reference.score_samples(X)
    )
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
