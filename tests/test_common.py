"""scikit-learn's common estimator checks over every public estimator."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skanomaly import (
    AttributeRestorationDetector,
    AutoencoderDetector,
    BlockMemoryDetector,
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

TINY_BLOCK_MEMORY = BlockMemoryDetector(
    granularity=(2,), memory_size=4, base_channels=2, max_epochs=1, batch_size=16, random_state=0
)

ESTIMATORS = [
    TINY_AUTOENCODER,
    TINY_ATTRIBUTE_RESTORATION,
    TINY_SELF_SUPERVISED,
    TINY_BLOCK_MEMORY,
    ImageResizer(size=(3, 4)),
    Grayscale(),
]

_MINI_BATCH_WEIGHTS = (
    "Training is mini-batch gradient descent: an integer weight k scales an image's "
    "loss, while k copies of it add k - 1 gradient steps' worth of batches and "
    "change the shuffling, so the two fits differ (zero weights are exact, see "
    "tests/test_base.py)."
)
_BATCH_DEPENDENT_FLOATS = (
    "CPU float32 convolutions choose their kernel by batch size, so an image scored "
    "alone and in a batch differ in the last bits: measured 1.9e-7 relative for this "
    "network, just above the check's rtol of 1e-7 (the other detectors happen to stay "
    "below it). Scores agree to float32 precision."
)
EXPECTED_FAILED_CHECKS = {
    name: {"check_sample_weight_equivalence_on_dense_data": _MINI_BATCH_WEIGHTS}
    for name in (
        "AutoencoderDetector",
        "AttributeRestorationDetector",
        "SelfSupervisedAEDetector",
        "BlockMemoryDetector",
    )
}
EXPECTED_FAILED_CHECKS["BlockMemoryDetector"]["check_methods_subset_invariance"] = (
    _BATCH_DEPENDENT_FLOATS
)


def _expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=_expected_failed_checks)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
