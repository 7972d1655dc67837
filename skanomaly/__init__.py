"""skanomaly: deep visual anomaly detectors with the scikit-learn API.

Fit a detector on normal images; it ranks new images (and their pixels) by how
anomalous they are, with the conventions of :class:`sklearn.ensemble.IsolationForest`.
"""

from ._persistence import load_detector, save_detector
from .attribute_restoration import AttributeRestorationDetector
from .autoencoder import AutoencoderDetector
from .block_memory import BlockMemoryDetector
from .self_supervised import SelfSupervisedAEDetector

#: The installed version of skanomaly.
__version__ = "0.1.0"

__all__ = [
    "AttributeRestorationDetector",
    "AutoencoderDetector",
    "BlockMemoryDetector",
    "SelfSupervisedAEDetector",
    "__version__",
    "load_detector",
    "save_detector",
]
