"""Attribute restoration (ARNet): erasing operations, the U-Net and the detector."""

from ._detector import AttributeRestorationDetector
from ._erasing import ERASING_OPERATIONS, Eraser
from ._network import UNet

__all__ = ["ERASING_OPERATIONS", "AttributeRestorationDetector", "Eraser", "UNet"]
