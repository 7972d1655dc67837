"""Divide-and-assemble with block-wise memory (DAAD): memory module, networks, detector."""

from ._detector import BlockMemoryDetector
from ._memory import BlockMemory, hard_shrink_addressing
from ._network import BlockMemoryNetwork, BlockMemoryUNet, PatchDiscriminator
from ._training import BlockMemoryNet

__all__ = [
    "BlockMemory",
    "BlockMemoryDetector",
    "BlockMemoryNet",
    "BlockMemoryNetwork",
    "BlockMemoryUNet",
    "PatchDiscriminator",
    "hard_shrink_addressing",
]
