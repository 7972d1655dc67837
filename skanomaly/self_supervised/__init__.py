"""Self-supervised autoencoder (Bauer et al.): corruption model, network and detector."""

from ._corruption import StructuredCorruption, random_shape_mask
from ._detector import SelfSupervisedAEDetector
from ._network import DilatedBottleneck, GatedSkip, GatedSkipUNet

__all__ = [
    "DilatedBottleneck",
    "GatedSkip",
    "GatedSkipUNet",
    "SelfSupervisedAEDetector",
    "StructuredCorruption",
    "random_shape_mask",
]
