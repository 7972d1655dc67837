"""PyTorch building blocks shared by the detectors' networks."""

import math

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["DoubleConv", "PadToMultiple", "gaussian_blur"]


def _gaussian_kernel(sigma, dtype, device):
    radius = max(1, math.ceil(3 * sigma))
    t = torch.arange(-radius, radius + 1, dtype=dtype, device=device)
    kernel = torch.exp(-(t**2) / (2 * sigma**2))
    return kernel / kernel.sum()


def gaussian_blur(x, sigma):
    """Separable Gaussian blur of ``(C, H, W)`` or ``(n, C, H, W)``, replicating borders.

    ``sigma <= 0`` returns ``x`` unchanged.
    """
    if sigma <= 0:
        return x
    kernel = _gaussian_kernel(sigma, x.dtype, x.device)
    radius = len(kernel) // 2
    batched = x if x.dim() == 4 else x.unsqueeze(0)
    channels = batched.shape[1]
    out = F.pad(batched, (radius, radius, 0, 0), mode="replicate")
    out = F.conv2d(out, kernel.view(1, 1, 1, -1).expand(channels, 1, 1, -1), groups=channels)
    out = F.pad(out, (0, 0, radius, radius), mode="replicate")
    out = F.conv2d(out, kernel.view(1, 1, -1, 1).expand(channels, 1, -1, 1), groups=channels)
    return out if x.dim() == 4 else out[0]


class DoubleConv(nn.Sequential):
    """Two 3x3 convolutions, each followed by normalisation and ReLU.

    The basic level of U-Net-style encoders and decoders. ``norm="batch"`` normalises
    over the batch (running statistics at evaluation); ``norm="group"`` over groups of
    up to 8 channels within each image, so an image's output never depends on the
    other images of its batch, in training as in evaluation.
    """

    def __init__(self, in_channels, out_channels, norm="batch"):
        if norm not in ("batch", "group"):
            raise ValueError(f"norm must be 'batch' or 'group', got {norm!r}.")

        def normalisation():
            if norm == "batch":
                return nn.BatchNorm2d(out_channels)
            return nn.GroupNorm(math.gcd(8, out_channels), out_channels)

        super().__init__(
            nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False),
            normalisation(),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            normalisation(),
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
