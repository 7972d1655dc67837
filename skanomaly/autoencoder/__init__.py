"""The baseline convolutional autoencoder: its network and its detector."""

from ._detector import AutoencoderDetector
from ._network import ConvAutoencoder

__all__ = ["AutoencoderDetector", "ConvAutoencoder"]
