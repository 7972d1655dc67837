"""The U-Net that restores erased attributes."""

import torch
from torch import nn

from .._nn import DoubleConv

__all__ = ["UNet"]


class UNet(nn.Module):
    """U-Net: double 3x3 convolutions per level, max-pool down, up-sampling, skips.

    The decoder concatenates the encoder's feature map of the same scale to its
    up-sampled input (the skip connection). A sigmoid output matches targets in [0, 1].
    Skip connections can be dropped from the finest levels up (``n_skips``): the detail
    of those scales must then pass the coarser levels, so it cannot be copied from the
    input.

    Parameters
    ----------
    in_channels : int
        Channels of input and output images.
    base_channels : int, default=32
        Width of the first level; it doubles at each level.
    n_levels : int, default=3
        Down-sampling levels; inputs are padded to a multiple of ``2 ** n_levels``.
    n_skips : int or None, default=None
        Skip connections kept, counted from the coarsest level: ``None`` keeps all
        ``n_levels``, ``n_levels - 1`` drops the full-resolution one, 0 leaves a plain
        encoder-decoder.
    norm : {"batch", "group"}, default="batch"
        Normalisation after each convolution: over the batch (running statistics at
        evaluation), or over groups of up to 8 channels within each image, so that an
        image's output never depends on the other images of its batch.
    upsampling : {"bilinear", "transposed"}, default="bilinear"
        How the decoder doubles the resolution: bilinear interpolation, or a learned
        2x2 transposed convolution of stride 2 (the original U-Net's "up-convolution"),
        which can put detail back that interpolation smooths out.

    Attributes
    ----------
    has_skip : tuple of bool
        For each decoder level, coarsest first, whether it receives the encoder's
        feature map of its scale.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.attribute_restoration import UNet
    >>> UNet(in_channels=1, base_channels=8, n_levels=2)(torch.rand(2, 1, 16, 16)).shape
    torch.Size([2, 1, 16, 16])
    >>> UNet(in_channels=1, base_channels=8, n_levels=2, n_skips=1).has_skip
    (True, False)
    """

    def __init__(
        self,
        in_channels,
        base_channels=32,
        n_levels=3,
        n_skips=None,
        norm="batch",
        upsampling="bilinear",
    ):
        super().__init__()
        if upsampling not in ("bilinear", "transposed"):
            raise ValueError(f"upsampling must be 'bilinear' or 'transposed', got {upsampling!r}.")
        n_skips = n_levels if n_skips is None else n_skips
        if not 0 <= n_skips <= n_levels:
            raise ValueError(f"n_skips must be in [0, n_levels={n_levels}], got {n_skips!r}.")
        widths = [base_channels * 2**level for level in range(n_levels + 1)]
        # per decoder block, coarsest first: does it receive the encoder's feature map?
        self.has_skip = tuple(level >= n_levels - n_skips for level in reversed(range(n_levels)))
        self.inc = DoubleConv(in_channels, widths[0], norm)
        self.down = nn.ModuleList(
            DoubleConv(widths[i], widths[i + 1], norm) for i in range(n_levels)
        )
        self.up = nn.ModuleList(
            DoubleConv(widths[i + 1] + (widths[i] if skip else 0), widths[i], norm)
            for i, skip in zip(reversed(range(n_levels)), self.has_skip, strict=True)
        )
        self.pool = nn.MaxPool2d(2)
        self.upsample = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        # learned up-sampling per decoder level, coarsest first (None: the bilinear one)
        self.up_convolutions = None
        if upsampling == "transposed":
            self.up_convolutions = nn.ModuleList(
                nn.ConvTranspose2d(widths[i + 1], widths[i + 1], 2, stride=2)
                for i in reversed(range(n_levels))
            )
        self.out = nn.Sequential(nn.Conv2d(widths[0], in_channels, 1), nn.Sigmoid())
        self.downsampling_factor = 2**n_levels

    def forward(self, x):
        skips = [self.inc(x)]
        for block in self.down:
            skips.append(block(self.pool(skips[-1])))
        x = skips.pop()
        upsamplers = self.up_convolutions or [self.upsample] * len(self.up)
        for block, upsample, skip in zip(self.up, upsamplers, self.has_skip, strict=True):
            x = upsample(x)
            encoded = skips.pop()
            x = block(torch.cat([x, encoded], dim=1) if skip else x)
        return self.out(x)
