import numpy as np
import pytest
from sklearn.datasets import load_digits

from skanomaly import AutoencoderDetector


@pytest.fixture(scope="session")
def digits():
    """Digit images (8x8, 0..16 floats) and their classes."""
    data = load_digits()
    return data.images, data.target


@pytest.fixture(scope="session")
def normal_digits(digits):
    images, target = digits
    return images[target == 0]


def tiny_autoencoder(**params):
    """A detector small enough for tests that need many fits."""
    defaults = dict(
        base_channels=4,
        n_levels=2,
        latent_channels=4,
        max_epochs=2,
        batch_size=32,
        random_state=0,
        device="cpu",
    )
    return AutoencoderDetector(**{**defaults, **params})


@pytest.fixture(scope="session")
def fitted_detector(normal_digits):
    return tiny_autoencoder().fit(normal_digits)


@pytest.fixture
def rng():
    return np.random.default_rng(0)
