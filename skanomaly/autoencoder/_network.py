"""The convolutional autoencoder network behind :class:`AutoencoderDetector`."""

from torch import nn

from .._nn import DoubleConv

__all__ = ["ConvAutoencoder"]


class ConvAutoencoder(nn.Module):
    """Convolutional autoencoder without skip connections.

    Each encoder level is a :class:`~skanomaly._nn.DoubleConv` followed by 2x2 max
    pooling, with the width doubling per level; a 1x1 convolution maps the last level to
    ``latent_channels`` feature maps (the spatial bottleneck). The decoder mirrors the
    encoder with bilinear up-sampling, and a sigmoid output matches targets in [0, 1].

    Parameters
    ----------
    in_channels : int
        Channels of the input images.
    base_channels : int, default=32
        Width of the first level.
    n_levels : int, default=3
        Number of down-sampling levels; inputs are padded to a multiple of
        ``2 ** n_levels``.
    latent_channels : int, default=16
        Channels of the bottleneck, which has spatial size ``(H, W) / 2 ** n_levels``.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.autoencoder import ConvAutoencoder
    >>> network = ConvAutoencoder(in_channels=3, base_channels=8, n_levels=2)
    >>> network(torch.rand(2, 3, 16, 16)).shape
    torch.Size([2, 3, 16, 16])
    """

    def __init__(self, in_channels, base_channels=32, n_levels=3, latent_channels=16):
        super().__init__()
        widths = [base_channels * 2**level for level in range(n_levels)]
        encoder = []
        channels = in_channels
        for width in widths:
            encoder += [DoubleConv(channels, width), nn.MaxPool2d(2)]
            channels = width
        encoder.append(nn.Conv2d(channels, latent_channels, 1))
        self.encoder = nn.Sequential(*encoder)

        decoder = [nn.Conv2d(latent_channels, channels, 1), nn.ReLU(inplace=True)]
        for width in reversed(widths):
            decoder += [
                nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
                DoubleConv(channels, width),
            ]
            channels = width
        decoder += [nn.Conv2d(channels, in_channels, 3, padding=1), nn.Sigmoid()]
        self.decoder = nn.Sequential(*decoder)
        self.downsampling_factor = 2**n_levels

    def forward(self, x):
        return self.decoder(self.encoder(x))
