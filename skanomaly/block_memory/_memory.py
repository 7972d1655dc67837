"""The block-wise memory module: rebuild a feature map from memorised normal blocks."""

import math

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["BlockMemory", "hard_shrink_addressing"]

# keeps the shrinkage and the entropy finite where a weight is exactly zero
_EPS = 1e-12


def hard_shrink_addressing(weights, threshold):
    """Zero addressing weights below ``threshold`` and renormalise each row to sum 1.

    The shrinkage is MemAE's continuous form of a hard threshold,
    ``relu(w - t) * w / (|w - t| + eps)``: a weight above the threshold is kept
    (almost) unchanged, one below becomes exactly zero, and gradients still flow
    through the kept weights. Rows are then divided by their L1 norm.

    The threshold of a row is capped just below its largest weight, so every query
    keeps at least its best slot: a query whose weights all fell below the threshold would
    be rebuilt as zero and, with no gradient reaching the memory, stay so (with a
    near-uniform addressing at initialisation, that can be every query).

    Parameters
    ----------
    weights : torch.Tensor of shape (n_queries, n_slots)
        Non-negative addressing weights, each row summing to 1 (a softmax).
    threshold : float
        Weights below it are set to zero, except each row's largest weight (and any
        within 0.1% of it); 0 keeps the weights as they are.

    Returns
    -------
    torch.Tensor of shape (n_queries, n_slots)

    Examples
    --------
    >>> import torch
    >>> from skanomaly.block_memory import hard_shrink_addressing
    >>> hard_shrink_addressing(torch.tensor([[0.5, 0.3, 0.15, 0.05]]), threshold=0.2)
    tensor([[0.6250, 0.3750, 0.0000, 0.0000]])
    """
    if threshold <= 0:
        return weights
    row_max = weights.max(dim=1, keepdim=True).values
    threshold = torch.clamp(row_max * (1 - 1e-3), max=threshold)
    shrunk = F.relu(weights - threshold) * weights / ((weights - threshold).abs() + _EPS)
    return F.normalize(shrunk, p=1, dim=1)


class BlockMemory(nn.Module):
    """Divide a feature map into blocks and assemble it from a memory of normal blocks.

    The feature map is padded (replicating its border) to a multiple of
    ``block_size`` and divided into non-overlapping ``block_size x block_size`` blocks.
    Each block, flattened to a query of dimension ``channels * block_size ** 2``, is
    compared with every slot of a trainable memory (dot product, as in MemAE); the softmax of
    the similarities, hard-shrunk (:func:`hard_shrink_addressing`) with threshold
    ``shrink_threshold / memory_size`` and renormalised, weights the slots that replace
    the block. The assembled map is cropped back to the input size. Since a block can
    only be rebuilt from combinations of memorised blocks, the block size decides what
    can be reconstructed: single pixels rebuild almost anything, large blocks only what
    was seen.

    Parameters
    ----------
    channels : int
        Channels of the feature map.
    block_size : int
        Height and width of a block (the granularity).
    memory_size : int
        Number of memory slots.
    shrink_threshold : float, default=2.0
        Hard-shrinkage threshold in units of ``1 / memory_size`` (the weight every slot
        would get from a uniform addressing); 0 disables the shrinkage.

    Attributes
    ----------
    memory : torch.nn.Parameter of shape (memory_size, channels * block_size ** 2)
        The memorised blocks, learned by back-propagation with the network.

    Notes
    -----
    ``forward`` returns the assembled map, the mean entropy of the addressing weights
    (the penalty that pushes each block towards few slots) and the weights themselves.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.block_memory import BlockMemory
    >>> memory = BlockMemory(channels=16, block_size=2, memory_size=50)
    >>> out, entropy, weights = memory(torch.rand(4, 16, 7, 9))
    >>> out.shape, weights.shape  # 4 images x 4 x 5 blocks (padded to 8 x 10)
    (torch.Size([4, 16, 7, 9]), torch.Size([80, 50]))
    """

    def __init__(self, channels, block_size, memory_size, shrink_threshold=2.0):
        super().__init__()
        self.channels = int(channels)
        self.block_size = int(block_size)
        self.memory_size = int(memory_size)
        self.shrink_threshold = float(shrink_threshold)
        dimension = self.channels * self.block_size**2
        bound = 1.0 / math.sqrt(dimension)
        memory = torch.empty(self.memory_size, dimension).uniform_(-bound, bound)
        self.memory = nn.Parameter(memory)

    def address(self, queries):
        """Addressing weights ``(n, n_blocks, memory_size)`` of blocks ``(n, n_blocks, d)``."""
        n = len(queries)
        # one product per image (not one over the whole batch) so that an image's
        # result does not depend on the batch it comes in
        similarity = torch.bmm(queries, self.memory.T.expand(n, -1, -1))
        weights = similarity.softmax(dim=2).flatten(0, 1)
        threshold = self.shrink_threshold / self.memory_size
        return hard_shrink_addressing(weights, threshold).unflatten(0, (n, -1))

    def forward(self, x):
        n, channels, height, width = x.shape
        if channels != self.channels:
            raise ValueError(f"BlockMemory expects {self.channels} channels, got {channels}.")
        b = self.block_size
        pad_h, pad_w = -height % b, -width % b
        if pad_h or pad_w:
            x = F.pad(x, (0, pad_w, 0, pad_h), mode="replicate")
        padded_size = x.shape[-2:]
        blocks = F.unfold(x, kernel_size=b, stride=b)  # (n, C * b * b, n_blocks)
        weights = self.address(blocks.transpose(1, 2))
        assembled = torch.bmm(weights, self.memory.expand(n, -1, -1)).transpose(1, 2)
        out = F.fold(assembled, output_size=padded_size, kernel_size=b, stride=b)
        weights = weights.flatten(0, 1)
        entropy = -(weights * (weights + _EPS).log()).sum(dim=1).mean()
        return out[..., :height, :width], entropy, weights

    def extra_repr(self):
        return (
            f"channels={self.channels}, block_size={self.block_size}, "
            f"memory_size={self.memory_size}, shrink_threshold={self.shrink_threshold}"
        )
