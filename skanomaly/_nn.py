"""PyTorch building blocks shared by the detectors' networks."""

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["DoubleConv", "PadToMultiple"]


class DoubleConv(nn.Sequential):
    """Two 3x3 convolutions, each followed by batch normalisation and ReLU.

    The basic level of U-Net-style encoders and decoders.
    """

    def __init__(self, in_channels, out_channels):
        super().__init__(
            nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
        )


class PadToMultiple(nn.Module):
    """Run ``network`` on inputs padded to a multiple of ``multiple``; crop its output back.

    Networks that down-sample by a factor ``m`` need height and width divisible by ``m``.
    Padding happens at the bottom and right by replicating the border, so the original
    pixels keep their coordinates and every image size is accepted.

    Parameters
    ----------
    network : nn.Module
        Maps ``(n, C, H', W')`` to ``(n, C_out, H', W')``.
    multiple : int
        Height and width are padded up to a multiple of this.
    """

    def __init__(self, network, multiple):
        super().__init__()
        self.network = network
        self.multiple = int(multiple)

    def forward(self, x):
        height, width = x.shape[-2:]
        pad_h = -height % self.multiple
        pad_w = -width % self.multiple
        if pad_h or pad_w:
            x = F.pad(x, (0, pad_w, 0, pad_h), mode="replicate")
        out = self.network(x)
        if isinstance(out, torch.Tensor):
            return out[..., :height, :width]
        # networks with auxiliary outputs return the image first
        return (out[0][..., :height, :width], *out[1:])
