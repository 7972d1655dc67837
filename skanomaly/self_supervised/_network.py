"""The denoising U-Net of the self-supervised autoencoder."""

import torch
from torch import nn

from .._nn import DoubleConv

__all__ = ["DilatedBottleneck", "GatedSkip", "GatedSkipUNet"]


class DilatedBottleneck(nn.Module):
    """Stacked 3x3 convolutions with growing dilation, each added to its input.

    The dilations (1, 2, 4, 8 by default, at the coarsest scale) give a receptive field
    large enough to see past a corrupted region to the intact texture around it.

    Parameters
    ----------
    channels : int
        Channels of the input and of every convolution.
    dilations : tuple of int, default=(1, 2, 4, 8)
        Dilation of each stacked convolution.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.self_supervised import DilatedBottleneck
    >>> DilatedBottleneck(8, dilations=(1, 2))(torch.rand(2, 8, 6, 6)).shape
    torch.Size([2, 8, 6, 6])
    """

    def __init__(self, channels, dilations=(1, 2, 4, 8)):
        super().__init__()
        self.layers = nn.ModuleList(
            nn.Sequential(
                nn.Conv2d(channels, channels, 3, padding=d, dilation=d, bias=False),
                nn.BatchNorm2d(channels),
                nn.ReLU(inplace=True),
            )
            for d in dilations
        )

    def forward(self, x):
        for layer in self.layers:
            x = x + layer(x)
        return x


class GatedSkip(nn.Module):
    """Blend encoder and decoder features with a learned per-pixel coefficient.

    ``g = sigmoid(conv([encoder, decoder]))`` and the output is
    ``g * encoder + (1 - g) * decoder``: where the input is clean the encoder's detail
    may pass, where it is corrupted the decoder's reconstruction takes over, so the
    network cannot simply copy a corrupted region through the skip.

    Parameters
    ----------
    channels : int
        Channels of the encoder and of the decoder features (the same).

    Examples
    --------
    >>> import torch
    >>> from skanomaly.self_supervised import GatedSkip
    >>> gate = GatedSkip(8)
    >>> gate(torch.rand(2, 8, 6, 6), torch.rand(2, 8, 6, 6)).shape
    torch.Size([2, 8, 6, 6])
    """

    def __init__(self, channels):
        super().__init__()
        self.gate = nn.Sequential(nn.Conv2d(2 * channels, 1, 3, padding=1), nn.Sigmoid())

    def forward(self, encoder, decoder):
        g = self.gate(torch.cat([encoder, decoder], dim=1))
        return g * encoder + (1 - g) * decoder


class GatedSkipUNet(nn.Module):
    """U-Net with a dilated bottleneck and gated skip connections; sigmoid output.

    Parameters
    ----------
    in_channels : int
        Channels of input and output images.
    base_channels : int, default=32
        Width of the first level; it doubles at each level.
    n_levels : int, default=3
        Down-sampling levels; inputs are padded to a multiple of ``2 ** n_levels``.
    dilations : tuple of int, default=(1, 2, 4, 8)
        Dilations of the bottleneck's convolutions.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.self_supervised import GatedSkipUNet
    >>> network = GatedSkipUNet(3, base_channels=8, n_levels=2, dilations=(1, 2))
    >>> network(torch.rand(2, 3, 16, 16)).shape
    torch.Size([2, 3, 16, 16])
    """

    def __init__(self, in_channels, base_channels=32, n_levels=3, dilations=(1, 2, 4, 8)):
        super().__init__()
        widths = [base_channels * 2**level for level in range(n_levels + 1)]
        self.inc = DoubleConv(in_channels, widths[0])
        self.down = nn.ModuleList(DoubleConv(widths[i], widths[i + 1]) for i in range(n_levels))
        self.bottleneck = DilatedBottleneck(widths[-1], dilations)
        self.reduce = nn.ModuleList(
            nn.Sequential(
                nn.Conv2d(widths[i + 1], widths[i], 3, padding=1, bias=False),
                nn.BatchNorm2d(widths[i]),
                nn.ReLU(inplace=True),
            )
            for i in reversed(range(n_levels))
        )
        self.gates = nn.ModuleList(GatedSkip(widths[i]) for i in reversed(range(n_levels)))
        self.up = nn.ModuleList(
            DoubleConv(widths[i], widths[i]) for i in reversed(range(n_levels))
        )
        self.pool = nn.MaxPool2d(2)
        self.upsample = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.out = nn.Sequential(nn.Conv2d(widths[0], in_channels, 1), nn.Sigmoid())
        self.downsampling_factor = 2**n_levels

    def forward(self, x):
        skips = [self.inc(x)]
        for block in self.down:
            skips.append(block(self.pool(skips[-1])))
        x = self.bottleneck(skips.pop())
        for reduce, gate, block in zip(self.reduce, self.gates, self.up, strict=True):
            x = block(gate(skips.pop(), reduce(self.upsample(x))))
        return self.out(x)
