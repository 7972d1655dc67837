"""Structured corruption of normal images: what the self-supervised autoencoder undoes.

Irregular regions of a clean image are replaced, with random opacity, by foreign
content: a shifted and elastically deformed crop of the same or another training image,
or of a user-supplied texture. The network learns to return the clean image, i.e. to
project anything irregular back onto the normal images. Everything is drawn from torch's
RNG (or a given ``torch.Generator``), so a seeded fit is repeatable.
"""

import math

import torch
from torch.nn import functional as F

__all__ = ["StructuredCorruption", "random_shape_mask"]


def _uniform(low, high, generator, size=()):
    return low + (high - low) * torch.rand(size, generator=generator)


def random_shape_mask(height, width, scale=(0.1, 0.4), generator=None):
    """A random smooth closed shape, as a boolean ``(height, width)`` mask.

    The outline is a circle whose radius varies with the angle by three random
    harmonics, then stretched (aspect ratio 1:2 to 2:1) and rotated; its mean radius is
    ``scale`` (drawn uniformly in the range) times the smaller image side, and its
    centre lies inside the image. The mask is never empty.

    Parameters
    ----------
    height, width : int
        Size of the mask.
    scale : tuple of float, default=(0.1, 0.4)
        Range of the mean radius, as a fraction of ``min(height, width)``.
    generator : torch.Generator, default=None
        Source of randomness (torch's global RNG when None).

    Returns
    -------
    mask : torch.Tensor of shape (height, width), dtype bool

    Examples
    --------
    >>> import torch
    >>> from skanomaly.self_supervised import random_shape_mask
    >>> mask = random_shape_mask(32, 32, generator=torch.Generator().manual_seed(0))
    >>> mask.shape, mask.dtype, bool(mask.any())
    (torch.Size([32, 32]), torch.bool, True)
    """
    radius = float(_uniform(*scale, generator)) * min(height, width)
    cy = float(_uniform(0, height, generator))
    cx = float(_uniform(0, width, generator))
    angle = float(_uniform(0, math.pi, generator))
    aspect = math.exp(float(_uniform(-math.log(2), math.log(2), generator)))
    rows = torch.arange(height, dtype=torch.float32)[:, None] + 0.5 - cy
    cols = torch.arange(width, dtype=torch.float32)[None, :] + 0.5 - cx
    u = (rows * math.cos(angle) + cols * math.sin(angle)) * math.sqrt(aspect)
    v = (-rows * math.sin(angle) + cols * math.cos(angle)) / math.sqrt(aspect)
    theta = torch.atan2(v, u)
    outline = torch.ones_like(theta)
    for k in (1, 2, 3):
        amplitude = float(_uniform(0, 0.3 / k, generator))
        phase = float(_uniform(0, 2 * math.pi, generator))
        outline = outline + amplitude * torch.cos(k * theta + phase)
    mask = torch.sqrt(u**2 + v**2) <= radius * outline
    row, col = min(int(cy), height - 1), min(int(cx), width - 1)
    mask[row, col] = True
    return mask


def _random_crop(image, height, width, generator):
    """A random ``(C, height, width)`` crop, upsampled first if the image is smaller."""
    if image.shape[-2] < height or image.shape[-1] < width:
        factor = max(height / image.shape[-2], width / image.shape[-1])
        size = (math.ceil(image.shape[-2] * factor), math.ceil(image.shape[-1] * factor))
        image = F.interpolate(image[None], size=size, mode="bilinear", align_corners=False)[0]
    top = int(torch.randint(image.shape[-2] - height + 1, (), generator=generator))
    left = int(torch.randint(image.shape[-1] - width + 1, (), generator=generator))
    return image[:, top : top + height, left : left + width]


def _rescaled(image, scale, height, width):
    """``(C, H, W)`` resized by ``scale``, tiled until it covers ``height x width``.

    Tiling (rather than the upsampling :func:`_random_crop` would do) keeps shrunk
    content shrunk: a texture seen from farther away fills the region with more of it.
    """
    size = (max(1, round(image.shape[-2] * scale)), max(1, round(image.shape[-1] * scale)))
    # antialias: shrunk content keeps its mean and loses its finest detail, as it would
    image = F.interpolate(
        image[None], size=size, mode="bilinear", align_corners=False, antialias=True
    )[0]
    return image.repeat(1, math.ceil(height / size[0]), math.ceil(width / size[1]))


def _elastic(image, amplitude, generator):
    """Deform ``(C, H, W)`` by a smooth random displacement of about ``amplitude`` px."""
    if amplitude <= 0:
        return image
    height, width = image.shape[-2:]
    coarse = torch.randn((1, 2, 4, 4), generator=generator) * amplitude
    displacement = F.interpolate(coarse, size=(height, width), mode="bicubic", align_corners=True)
    ys = torch.linspace(-1, 1, height)
    xs = torch.linspace(-1, 1, width)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    grid = torch.stack(
        [
            grid_x + displacement[0, 0] * 2 / max(width - 1, 1),
            grid_y + displacement[0, 1] * 2 / max(height - 1, 1),
        ],
        dim=-1,
    )
    return F.grid_sample(
        image[None], grid[None], mode="bilinear", padding_mode="reflection", align_corners=True
    )[0]


class StructuredCorruption:
    """Corrupt clean images with irregular regions of foreign content.

    Calling it on a clean ``(C, H, W)`` image in [0, 1] returns
    ``(corrupted, clean, pixel_weight)``: a patch of the image (the whole image when
    ``patch_size`` is None), the same patch corrupted, and the loss weight per pixel
    (``corrupted_weight`` inside the corrupted regions, 1 elsewhere).

    Per image: 1 to ``max_shapes`` regions (:func:`random_shape_mask`); each is filled
    with a crop of a randomly chosen source — a training image (possibly the same one,
    at another position) or, with probability ``texture_probability``, one of
    ``textures`` — shown at a size drawn from ``content_scale``, elastically deformed
    by about ``deformation`` times the patch size, and blended in with an opacity drawn
    from ``opacity``. With ``intensity_shift > 0`` each region's content is brightened
    or darkened by a constant drawn from ``[-intensity_shift, intensity_shift]``; with
    ``noise_std > 0`` Gaussian noise of that standard deviation is added inside the
    regions.

    Parameters
    ----------
    sources : torch.Tensor of shape (n, C, H, W)
        Clean training images to take content from.
    patch_size : int or None, default=None
        Side of the square training patches (capped at the image size).
    max_shapes : int, default=3
        Most regions per image.
    shape_scale : tuple of float, default=(0.05, 0.3)
        Range of a region's mean radius, as a fraction of the patch side.
    opacity : tuple of float, default=(0.5, 1.0)
        Range of the blending opacity.
    deformation : float, default=0.05
        Elastic displacement, as a fraction of the patch side.
    noise_std : float, default=0.0
        Standard deviation of the Gaussian noise added inside the regions.
    intensity_shift : float, default=0.0
        Largest constant added to (or taken from) a region's content, so that regions
        also differ from the image in brightness (stain- or discolouration-like).
    content_scale : tuple of float, default=(1.0, 1.0)
        Range of the size at which a region's content is shown, drawn log-uniformly per
        region: 0.5 shows the source at half its size (tiled where it no longer covers
        the region), 2 at double size, so that regions also differ from the image in
        scale. (1, 1) keeps the source's size.
    textures : torch.Tensor of shape (m, C, H', W') or None, default=None
        Foreign textures, scaled like the training images.
    texture_probability : float, default=0.5
        Chance that a region is filled from ``textures`` (when given).
    corrupted_weight : float, default=1.0
        Loss weight of the corrupted pixels relative to the clean ones.
    generator : torch.Generator or None, default=None
        Source of randomness; torch's global RNG (which ``fit`` seeds) when None.

    Examples
    --------
    >>> import torch
    >>> from skanomaly.self_supervised import StructuredCorruption
    >>> images = torch.rand(10, 1, 32, 32)
    >>> corrupt = StructuredCorruption(images, generator=torch.Generator().manual_seed(0))
    >>> corrupted, clean, pixel_weight = corrupt(images[0])
    >>> corrupted.shape, bool((corrupted != clean).any())
    (torch.Size([1, 32, 32]), True)
    """

    def __init__(
        self,
        sources,
        *,
        patch_size=None,
        max_shapes=3,
        shape_scale=(0.05, 0.3),
        opacity=(0.5, 1.0),
        deformation=0.05,
        noise_std=0.0,
        intensity_shift=0.0,
        content_scale=(1.0, 1.0),
        textures=None,
        texture_probability=0.5,
        corrupted_weight=1.0,
        generator=None,
    ):
        self.sources = sources
        self.patch_size = patch_size
        self.max_shapes = max_shapes
        self.shape_scale = shape_scale
        self.opacity = opacity
        self.deformation = deformation
        self.noise_std = noise_std
        self.intensity_shift = intensity_shift
        self.content_scale = content_scale
        self.textures = textures
        self.texture_probability = texture_probability
        self.corrupted_weight = corrupted_weight
        self.generator = generator

    def _fill(self, height, width):
        g = self.generator
        use_texture = (
            self.textures is not None
            and len(self.textures)
            and float(torch.rand((), generator=g)) < self.texture_probability
        )
        pool = self.textures if use_texture else self.sources
        source = pool[int(torch.randint(len(pool), (), generator=g))]
        low, high = self.content_scale
        if not low == high == 1:  # drawn only when asked, so that seeded fits repeat
            scale = math.exp(float(_uniform(math.log(low), math.log(high), g)))
            source = _rescaled(source, scale, height, width)
        crop = _random_crop(source, height, width, g)
        fill = _elastic(crop, self.deformation * min(height, width), g)
        if self.intensity_shift > 0:  # drawn only when asked, so that seeded fits repeat
            fill = fill + float(_uniform(-self.intensity_shift, self.intensity_shift, g))
        return fill

    def corrupt(self, image):
        """Corrupt a ``(C, H, W)`` image; return ``(corrupted, mask)``."""
        g = self.generator
        height, width = image.shape[-2:]
        corrupted = image.clone()
        union = torch.zeros((height, width), dtype=torch.bool)
        n_shapes = int(torch.randint(1, self.max_shapes + 1, (), generator=g))
        for _ in range(n_shapes):
            mask = random_shape_mask(height, width, self.shape_scale, g)
            alpha = float(_uniform(*self.opacity, g))
            fill = self._fill(height, width)
            if self.noise_std > 0:
                fill = fill + self.noise_std * torch.randn(fill.shape, generator=g)
            blend = alpha * mask.to(image.dtype)
            corrupted = corrupted * (1 - blend) + fill * blend
            union |= mask
        return corrupted.clamp(0, 1), union

    def __call__(self, image):
        height, width = image.shape[-2:]
        if self.patch_size is not None:
            side_h, side_w = min(self.patch_size, height), min(self.patch_size, width)
            image = _random_crop(image, side_h, side_w, self.generator)
        corrupted, mask = self.corrupt(image)
        pixel_weight = 1 + (self.corrupted_weight - 1) * mask.to(image.dtype)[None]
        return corrupted, image, pixel_weight
