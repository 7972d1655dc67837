"""scikit-learn's common estimator checks over every public estimator."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skanomaly import (
    AttributeRestorationDetector,
    AutoencoderDetector,
    SelfSupervisedAEDetector,
)
from skanomaly.preprocessing import Grayscale, ImageResizer

# Tiny settings: the checks prove the API, not the quality.
TINY_AUTOENCODER = AutoencoderDetector(
    base_channels=2, n_levels=1, latent_channels=2, max_epochs=1, batch_size=16, random_state=0
)

TINY_ATTRIBUTE_RESTORATION = AttributeRestorationDetector(
    erase=("rotate", "hflip"),
    base_channels=2,
    n_levels=1,
    max_epochs=1,
    batch_size=16,
    random_state=0,
)

TINY_SELF_SUPERVISED = SelfSupervisedAEDetector(
    base_channels=2, n_levels=1, dilations=(1, 2), max_epochs=1, batch_size=16, random_state=0
)

ESTIMATORS = [
    TINY_AUTOENCODER,
    TINY_ATTRIBUTE_RESTORATION,
    TINY_SELF_SUPERVISED,
    ImageResizer(size=(3, 4)),
    Grayscale(),
]

_MINI_BATCH_WEIGHTS = (
    "Training is mini-batch gradient descent: an integer weight k scales an image's "
    "loss, while k copies of it add k - 1 gradient steps' worth of batches and "
    "change the shuffling, so the two fits differ (zero weights are exact, see "
    "tests/test_base.py)."
)
EXPECTED_FAILED_CHECKS = {
    name: {"check_sample_weight_equivalence_on_dense_data": _MINI_BATCH_WEIGHTS}
    for name in ("AutoencoderDetector", "AttributeRestorationDetector", "SelfSupervisedAEDetector")
}


def _expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=_expected_failed_checks)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
