"""AnomalyMapDisplay: what it draws and the errors it gives."""

import matplotlib
import numpy as np
import pytest
from conftest import tiny_autoencoder

from skanomaly.plotting import AnomalyMapDisplay

matplotlib.use("Agg")
import matplotlib.pyplot as plt


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_from_estimator_draws_one_panel_per_image_with_the_detectors_maps(normal_digits):
    detector = tiny_autoencoder().fit(normal_digits)
    images = normal_digits[:5]
    display = AnomalyMapDisplay.from_estimator(detector, images, n_cols=3)
    assert display.axes_.shape == (5,)
    assert display.figure_.axes[5].get_visible()  # the unused 6th panel exists, blank
    assert not display.figure_.axes[5].images
    np.testing.assert_allclose(display.overlays_[2].get_array(), detector.anomaly_map(images)[2])
    titles = [float(ax.get_title()) for ax in display.axes_]
    np.testing.assert_allclose(titles, detector.score_samples(images), rtol=1e-2)


def test_shared_colour_scale_and_mask_outlines(rng):
    images = rng.random((3, 10, 10, 3))
    maps = rng.random((3, 10, 10))
    masks = np.zeros((3, 10, 10), dtype=bool)
    masks[1, 2:5, 2:5] = True
    display = AnomalyMapDisplay.from_predictions(images, maps, masks=masks, vmax=0.5)
    assert all(overlay.get_clim() == (0, 0.5) for overlay in display.overlays_)
    # only the image with a defect gets an outline
    assert [len(ax.collections) > 0 for ax in display.axes_] == [False, True, False]
    assert display.axes_[0].get_title() == ""


def test_mismatched_inputs_are_clear_errors(rng):
    images = rng.random((2, 8, 8))
    with pytest.raises(ValueError, match="anomaly_maps must have shape"):
        AnomalyMapDisplay(images, rng.random((2, 8, 9))).plot()
    with pytest.raises(ValueError, match="masks must have shape"):
        AnomalyMapDisplay(images, rng.random((2, 8, 8)), masks=np.zeros((3, 8, 8))).plot()
    with pytest.raises(ValueError, match="scores must have shape"):
        AnomalyMapDisplay(images, rng.random((2, 8, 8)), scores=[1.0]).plot()


def test_from_estimator_needs_anomaly_maps(normal_digits):
    from sklearn.ensemble import IsolationForest

    forest = IsolationForest().fit(normal_digits.reshape(len(normal_digits), -1))
    with pytest.raises(TypeError, match="has no anomaly_map"):
        AnomalyMapDisplay.from_estimator(forest, normal_digits[:2])
