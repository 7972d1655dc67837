"""The networks behind :class:`BlockMemoryDetector`: a memory U-Net and a discriminator."""

import torch
from torch import nn
from torch.nn import functional as F

from .._nn import DoubleConv, PadToMultiple
from ._memory import BlockMemory

__all__ = ["BlockMemoryNetwork", "BlockMemoryUNet", "PatchDiscriminator"]


class BlockMemoryUNet(nn.Module):
    """Encoder-decoder whose skip connections and bottleneck pass through block memories.

    The encoder is :class:`~skanomaly.autoencoder.ConvAutoencoder`'s (a
    :class:`~skanomaly._nn.DoubleConv` and 2x2 max pooling per level, width doubling
    per level), so the two detectors share their backbone. The feature map after level
    ``s`` (size ``(H, W) / 2 ** s``, for ``s = 1 .. n_levels``) goes through a
    :class:`BlockMemory` of block size ``granularity[s - 1]``; the deepest one is the
    bottleneck, the others are skip connections concatenated into the decoder, which
    up-samples back to the input size. There is no skip connection at full resolution,
    so nothing reaches the output without being assembled from memory.

    Parameters
    ----------
    in_channels : int
        Channels of the input images.
    granularity : tuple of int
        Block size per level, from the finest feature map (level 1) to the bottleneck.
        Its length is the number of levels.
    memory_size : tuple of int
        Memory slots per level; 0 passes that level's features through unchanged
        (no memory: the ablation).
    shrink_threshold : float, default=2.0
        Hard-shrinkage threshold of every memory, in units of ``1 / memory_size``.
    base_channels : int, default=32
        Width of the first level.

    Notes
    -----
    ``forward`` returns the reconstruction in [0, 1], the mean addressing entropy of
    the memories, and the list of their addressing weights (None for a level without
    memory).

    Examples
    --------
    >>> import torch
    >>> from skanomaly.block_memory import BlockMemoryUNet
    >>> generator = BlockMemoryUNet(1, granularity=(4, 2, 1), memory_size=(20, 20, 20),
    ...                             base_channels=8)
    >>> reconstruction, entropy, addressing = generator(torch.rand(2, 1, 32, 32))
    >>> reconstruction.shape, [w.shape[0] for w in addressing]  # 16 blocks per image
    (torch.Size([2, 1, 32, 32]), [32, 32, 32])
    """

    def __init__(
        self, in_channels, granularity, memory_size, shrink_threshold=2.0, base_channels=32
    ):
        super().__init__()
        n_levels = len(granularity)
        widths = [base_channels * 2**level for level in range(n_levels)]
        self.encoder = nn.ModuleList()
        channels = in_channels
        for width in widths:
            self.encoder.append(nn.Sequential(DoubleConv(channels, width), nn.MaxPool2d(2)))
            channels = width
        self.memories = nn.ModuleList(
            BlockMemory(width, block, slots, shrink_threshold) if slots else nn.Identity()
            for width, block, slots in zip(widths, granularity, memory_size, strict=True)
        )
        # decoder level s takes the up-sampled deeper features and, for s >= 1, the
        # memory output of encoder level s
        self.decoder = nn.ModuleList()
        channels = widths[-1]
        for level in reversed(range(n_levels)):
            skip = widths[level - 1] if level >= 1 else 0
            self.decoder.append(DoubleConv(channels + skip, widths[level]))
            channels = widths[level]
        self.head = nn.Sequential(nn.Conv2d(channels, in_channels, 3, padding=1), nn.Sigmoid())
        self.downsampling_factor = 2**n_levels

    def forward(self, x):
        features = []
        for level in self.encoder:
            x = level(x)
            features.append(x)
        assembled, entropies, addressing = [], [], []
        for memory, feature in zip(self.memories, features, strict=True):
            if isinstance(memory, BlockMemory):
                feature, entropy, weights = memory(feature)
                entropies.append(entropy)
            else:
                weights = None
            assembled.append(feature)
            addressing.append(weights)
        out = assembled[-1]
        skips = [*assembled[-2::-1], None]
        for decoder_level, skip in zip(self.decoder, skips, strict=True):
            out = F.interpolate(out, scale_factor=2, mode="bilinear", align_corners=False)
            if skip is not None:
                out = torch.cat([out, skip], dim=1)
            out = decoder_level(out)
        entropy = torch.stack(entropies).mean() if entropies else out.new_zeros(())
        return self.head(out), entropy, addressing


class PatchDiscriminator(nn.Module):
    """Fully convolutional discriminator with accessible intermediate features.

    ``n_layers`` stride-2 3x3 convolutions with LeakyReLU (no normalisation, so real
    and reconstructed batches never share statistics), then a 1x1 convolution to one
    real/fake logit per patch. Any image size is accepted (a stride-2 3x3 convolution
    with padding 1 maps size ``s`` to ``ceil(s / 2) >= 1``).

    Parameters
    ----------
    in_channels : int
        Channels of the images.
    base_channels : int, default=32
        Width of the first layer; it doubles per layer.
    n_layers : int, default=3
        Number of stride-2 layers.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.block_memory import PatchDiscriminator
    >>> discriminator = PatchDiscriminator(1, base_channels=8)
    >>> x = torch.rand(2, 1, 28, 28)
    >>> discriminator(x).shape  # one logit per patch
    torch.Size([2, 1, 4, 4])
    >>> discriminator.feature_error(x, x.flip(-1)).shape
    torch.Size([2, 28, 28])
    """

    def __init__(self, in_channels, base_channels=32, n_layers=3):
        super().__init__()
        self.blocks = nn.ModuleList()
        channels = in_channels
        for layer in range(n_layers):
            width = base_channels * 2**layer
            self.blocks.append(
                nn.Sequential(
                    nn.Conv2d(channels, width, 3, stride=2, padding=1),
                    nn.LeakyReLU(0.2, inplace=True),
                )
            )
            channels = width
        self.classifier = nn.Conv2d(channels, 1, 1)

    def features(self, x):
        """The intermediate feature maps, one per layer."""
        features = []
        for block in self.blocks:
            x = block(x)
            features.append(x)
        return features

    def forward(self, x):
        """Real/fake logits per patch, ``(n, 1, h, w)``."""
        return self.classifier(self.features(x)[-1])

    def feature_error(self, x, reconstruction):
        """Per-pixel discrepancy ``(n, H, W)`` of the features of ``x`` and its reconstruction.

        For each layer, the squared feature difference averaged over channels,
        up-sampled bilinearly to the image size; the layers are averaged.
        """
        size = x.shape[-2:]
        maps = [
            F.interpolate(
                (fx - fr).square().mean(dim=1, keepdim=True),
                size=size,
                mode="bilinear",
                align_corners=False,
            )
            for fx, fr in zip(self.features(x), self.features(reconstruction), strict=True)
        ]
        return torch.cat(maps, dim=1).mean(dim=1)


class BlockMemoryNetwork(nn.Module):
    """The generator (a padded :class:`BlockMemoryUNet`) and, optionally, its discriminator.

    Kept in one module so the two are saved, loaded and moved between devices together;
    ``forward`` runs the generator.

    Parameters
    ----------
    generator : BlockMemoryUNet
        Wrapped in :class:`~skanomaly._nn.PadToMultiple` so any image size is accepted.
    discriminator : PatchDiscriminator or None
        None trains without adversarial loss.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.block_memory import (
    ...     BlockMemoryNetwork, BlockMemoryUNet, PatchDiscriminator)
    >>> network = BlockMemoryNetwork(
    ...     BlockMemoryUNet(1, granularity=(2, 1), memory_size=(10, 10), base_channels=4),
    ...     PatchDiscriminator(1, base_channels=4),
    ... )
    >>> network(torch.rand(2, 1, 13, 13))[0].shape  # padded to 16 x 16 and cropped back
    torch.Size([2, 1, 13, 13])
    """

    def __init__(self, generator, discriminator=None):
        super().__init__()
        self.generator = PadToMultiple(generator, generator.downsampling_factor)
        self.discriminator = discriminator

    def forward(self, x):
        return self.generator(x)
