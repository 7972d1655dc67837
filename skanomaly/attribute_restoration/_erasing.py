"""Attribute-erasing operations of attribute restoration (ARNet).

An operation erases one attribute of an image: graying erases colour, rotation erases
orientation, blurring erases fine detail... Each has a finite set of deterministic
*variants* (rotation: 0, 90, 180 and 270 degrees); training draws one variant per image
and operation, scoring applies every combination. Operations act on ``(C, H, W)`` or
``(n, C, H, W)`` tensors in [0, 1].
"""

import itertools

import torch

from .._nn import gaussian_blur

__all__ = ["ERASING_OPERATIONS", "Eraser"]


def _gray(x, variant):
    # the channel mean: on a grayscale image this changes nothing (documented no-op)
    return x.mean(dim=-3, keepdim=True).expand_as(x)


def _rotate(x, variant):
    # non-square images only have the two rotations that keep their shape (0, 180)
    square = x.shape[-1] == x.shape[-2]
    return torch.rot90(x, k=variant if square else 2 * variant, dims=(-2, -1))


def _hflip(x, variant):
    return x.flip(-1) if variant else x


def _vflip(x, variant):
    return x.flip(-2) if variant else x


def _blur(x, variant):
    """Gaussian blur, sigma 1.5 px (replicate borders): erases texture and fine detail."""
    return gaussian_blur(x, 1.5)


def _mask(x, variant):
    """Replace one quadrant-sized block (centred on a quadrant) by the image mean.

    Variants 0-3 are the four quadrants' centres: the network must fill the region in
    from its context, which erases local structure.
    """
    h, w = x.shape[-2:]
    bh, bw = max(1, h // 2), max(1, w // 2)
    top = [0, 0, h - bh, h - bh][variant]
    left = [0, w - bw, 0, w - bw][variant]
    out = x.clone()
    fill = x.mean(dim=(-2, -1), keepdim=True)
    out[..., top : top + bh, left : left + bw] = fill.expand_as(
        out[..., top : top + bh, left : left + bw]
    )
    return out


def _drop_channel(x, variant):
    """Replace one colour channel by the mean of the others (erases hue along one axis).

    On a single-channel image there is nothing to drop (no-op).
    """
    c = x.shape[-3]
    if c == 1:
        return x
    channel = variant % c
    others = [i for i in range(c) if i != channel]
    out = x.clone()
    out[..., channel, :, :] = x[..., others, :, :].mean(dim=-3)
    return out


#: The erasing operations by name: ``name -> (function(x, variant), number of
#: deterministic variants on square colour images)``. Names are what ``erase`` takes.
ERASING_OPERATIONS = {
    "gray": (_gray, 1),
    "rotate": (_rotate, 4),
    "hflip": (_hflip, 2),
    "vflip": (_vflip, 2),
    "blur": (_blur, 1),
    "mask": (_mask, 4),
    "drop_channel": (_drop_channel, 3),
}


def _n_variants(name, image_size, n_channels):
    if name == "rotate" and image_size[0] != image_size[1]:
        return 2
    if name == "drop_channel":
        return n_channels if n_channels > 1 else 1
    return ERASING_OPERATIONS[name][1]


class Eraser:
    """A composition of erasing operations, applied in the order given.

    Parameters
    ----------
    operations : tuple of str
        Names from :data:`ERASING_OPERATIONS`.
    image_size : tuple of int
        ``(H, W)`` of the images: non-square images have two rotations (0 and 180
        degrees), not four.
    n_channels : int
        Channels of the images: ``drop_channel`` has one variant per channel.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.attribute_restoration import Eraser
    >>> eraser = Eraser(("gray", "rotate"), image_size=(8, 8), n_channels=3)
    >>> len(eraser.variants)  # gray has one variant, rotate four
    4
    >>> image = torch.rand(3, 8, 8)
    >>> erased = eraser.apply(image, (0, 2))  # grayed and rotated by 180 degrees
    >>> erased.shape, bool(torch.allclose(erased[0], erased[1]))
    (torch.Size([3, 8, 8]), True)
    """

    def __init__(self, operations, image_size, n_channels):
        unknown = [name for name in operations if name not in ERASING_OPERATIONS]
        if not operations or unknown:
            raise ValueError(
                f"erase must be a non-empty tuple of operations from "
                f"{sorted(ERASING_OPERATIONS)}; got {operations!r}."
            )
        if len(set(operations)) != len(operations):
            raise ValueError(f"erase names an operation twice: {operations!r}.")
        self.operations = tuple(operations)
        self.counts = tuple(_n_variants(name, image_size, n_channels) for name in operations)

    @property
    def variants(self):
        """Every deterministic combination, as tuples of per-operation variant indices."""
        return list(itertools.product(*(range(n) for n in self.counts)))

    def apply(self, x, variant):
        """Erase ``x`` with one combination of variants (see :attr:`variants`)."""
        for name, index in zip(self.operations, variant, strict=True):
            x = ERASING_OPERATIONS[name][0](x, index)
        return x

    def random_variant(self):
        """Draw one variant per operation (from torch's RNG, which the fit seeds)."""
        return tuple(int(torch.randint(n, ()).item()) for n in self.counts)

    def __call__(self, image):
        """Training pair for one clean ``(C, H, W)`` image: (erased, original)."""
        return self.apply(image, self.random_variant()), image
