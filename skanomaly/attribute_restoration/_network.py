"""The U-Net that restores erased attributes."""

import torch
from torch import nn

from .._nn import DoubleConv

__all__ = ["UNet"]


class UNet(nn.Module):
    """U-Net: double 3x3 convolutions per level, max-pool down, bilinear up, skips.

    The decoder concatenates the encoder's feature map of the same scale to its
    up-sampled input (the skip connection). A sigmoid output matches targets in [0, 1].

    Parameters
    ----------
    in_channels : int
        Channels of input and output images.
    base_channels : int, default=32
        Width of the first level; it doubles at each level.
    n_levels : int, default=3
        Down-sampling levels; inputs are padded to a multiple of ``2 ** n_levels``.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.attribute_restoration import UNet
    >>> UNet(in_channels=1, base_channels=8, n_levels=2)(torch.rand(2, 1, 16, 16)).shape
    torch.Size([2, 1, 16, 16])
    """

    def __init__(self, in_channels, base_channels=32, n_levels=3):
        super().__init__()
        widths = [base_channels * 2**level for level in range(n_levels + 1)]
        self.inc = DoubleConv(in_channels, widths[0])
        self.down = nn.ModuleList(DoubleConv(widths[i], widths[i + 1]) for i in range(n_levels))
        self.up = nn.ModuleList(
            DoubleConv(widths[i + 1] + widths[i], widths[i]) for i in reversed(range(n_levels))
        )
        self.pool = nn.MaxPool2d(2)
        self.upsample = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.out = nn.Sequential(nn.Conv2d(widths[0], in_channels, 1), nn.Sigmoid())
        self.downsampling_factor = 2**n_levels

    def forward(self, x):
        skips = [self.inc(x)]
        for block in self.down:
            skips.append(block(self.pool(skips[-1])))
        x = skips.pop()
        for block in self.up:
            x = block(torch.cat([self.upsample(x), skips.pop()], dim=1))
        return self.out(x)
