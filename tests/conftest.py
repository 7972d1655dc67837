import numpy as np
import pytest
from sklearn.datasets import load_digits

from skanomaly import (
    AttributeRestorationDetector,
    AutoencoderDetector,
    BlockMemoryDetector,
    SelfSupervisedAEDetector,
)


@pytest.fixture(scope="session")
def digits():
    """Digit images (8x8, 0..16 floats) and their classes."""
    data = load_digits()
    return data.images, data.target


@pytest.fixture(scope="session")
def normal_digits(digits):
    images, target = digits
    return images[target == 0]


_COMMON = dict(max_epochs=2, batch_size=32, random_state=0, device="cpu")


def tiny_autoencoder(**params):
    """A detector small enough for tests that need many fits."""
    defaults = dict(base_channels=4, n_levels=2, latent_channels=4, **_COMMON)
    return AutoencoderDetector(**{**defaults, **params})


def tiny_attribute_restoration(**params):
    defaults = dict(erase=("rotate",), base_channels=4, n_levels=2, **_COMMON)
    return AttributeRestorationDetector(**{**defaults, **params})


def tiny_self_supervised(**params):
    defaults = dict(base_channels=4, n_levels=2, dilations=(1, 2), **_COMMON)
    return SelfSupervisedAEDetector(**{**defaults, **params})


def tiny_block_memory(n_levels=None, **params):
    defaults = dict(granularity=(2, 1), memory_size=8, base_channels=4, **_COMMON)
    if n_levels is not None:  # the depth is the length of granularity
        defaults["granularity"] = (2,) + (1,) * (n_levels - 1)
    return BlockMemoryDetector(**{**defaults, **params})


#: every public detector, tiny, for the contract tests
TINY_DETECTORS = {
    "AutoencoderDetector": tiny_autoencoder,
    "BlockMemoryDetector": tiny_block_memory,
    "AttributeRestorationDetector": tiny_attribute_restoration,
    "SelfSupervisedAEDetector": tiny_self_supervised,
}


@pytest.fixture(scope="session", params=sorted(TINY_DETECTORS))
def make_detector(request):
    return TINY_DETECTORS[request.param]


@pytest.fixture(scope="session")
def fitted_detector(make_detector, normal_digits):
    return make_detector().fit(normal_digits)


@pytest.fixture
def rng():
    return np.random.default_rng(0)
