"""SelfSupervisedAEDetector: the corruption model, the network, smoothing and scoring."""

import numpy as np
import pytest
import torch
from conftest import tiny_self_supervised
from scipy import ndimage

from skanomaly._nn import gaussian_blur
from skanomaly.self_supervised import (
    GatedSkip,
    GatedSkipUNet,
    StructuredCorruption,
    random_shape_mask,
)


def generator(seed=0):
    return torch.Generator().manual_seed(seed)


# ---------------------------------------------------------------- corruption model


@pytest.mark.parametrize("shape", [(16, 16), (9, 23), (1, 12)])
def test_shape_masks_are_non_empty_bounded_and_sized(shape):
    areas = []
    for seed in range(50):
        mask = random_shape_mask(*shape, scale=(0.1, 0.3), generator=generator(seed))
        assert mask.shape == shape and mask.dtype == torch.bool and mask.any()
        areas.append(mask.float().mean().item())
    # mean radius at most 0.3 * side (times the outline's 1.55 and aspect 2): never all
    assert max(areas) < 1.0 or shape[0] == 1


def test_large_shapes_cover_more_than_small_ones():
    def mean_area(scale):
        return np.mean(
            [
                random_shape_mask(32, 32, scale, generator(s)).float().mean().item()
                for s in range(40)
            ]
        )

    assert mean_area((0.3, 0.4)) > 3 * mean_area((0.05, 0.1))


def test_corruption_changes_only_the_masked_pixels():
    sources = torch.rand(5, 3, 20, 20, generator=generator(1))
    corruption = StructuredCorruption(sources, noise_std=0.1, generator=generator(2))
    image = sources[0]
    for _ in range(20):
        corrupted, mask = corruption.corrupt(image)
        assert mask.any()
        torch.testing.assert_close(corrupted[:, ~mask], image[:, ~mask], rtol=0, atol=0)
        assert (corrupted[:, mask] != image[:, mask]).any()
        assert corrupted.min() >= 0 and corrupted.max() <= 1


def test_corruption_is_seeded():
    sources = torch.rand(4, 1, 16, 16, generator=generator(0))
    first = StructuredCorruption(sources, patch_size=8, generator=generator(5))(sources[1])
    again = StructuredCorruption(sources, patch_size=8, generator=generator(5))(sources[1])
    other = StructuredCorruption(sources, patch_size=8, generator=generator(6))(sources[1])
    for a, b in zip(first, again, strict=True):
        assert torch.equal(a, b)
    assert not torch.equal(first[0], other[0])


@pytest.mark.parametrize("opacity", [1.0, 0.5, 0.2])
def test_opacity_blends_the_fill_in(opacity):
    image = torch.zeros(1, 16, 16)
    sources = torch.ones(3, 1, 16, 16)  # the fill is 1 everywhere
    corruption = StructuredCorruption(
        sources,
        max_shapes=1,
        opacity=(opacity, opacity),
        deformation=0.0,
        generator=generator(3),
    )
    corrupted, mask = corruption.corrupt(image)
    torch.testing.assert_close(corrupted[0, mask], torch.full_like(corrupted[0, mask], opacity))


def test_intensity_shift_moves_a_region_by_one_constant_within_its_range():
    sources = torch.full((3, 1, 16, 16), 0.5)
    corruption = StructuredCorruption(
        sources,
        max_shapes=1,
        opacity=(1.0, 1.0),
        deformation=0.0,
        intensity_shift=0.2,
        generator=generator(7),
    )
    shifts = []
    for _ in range(30):
        corrupted, mask = corruption.corrupt(torch.zeros(1, 16, 16))
        region = corrupted[0, mask]
        torch.testing.assert_close(region, torch.full_like(region, float(region[0])))
        shifts.append(float(region[0]) - 0.5)
    assert -0.2 <= min(shifts) < 0 < max(shifts) <= 0.2


def stripes(period, size=32):
    """A ``(1, 1, size, size)`` image of vertical stripes: half a period 1, half 0."""
    columns = (torch.arange(size) % period < period // 2).float()
    return columns.expand(1, 1, size, size).clone()


@pytest.mark.parametrize("scale, period", [(0.5, 4), (1.0, 8), (2.0, 16)])
def test_content_scale_resizes_the_fill(scale, period):
    # stripes of period 8 shown at `scale` come out with period 8 * scale: columns half
    # a period apart are opposite, a whole period apart equal (where both are filled)
    corruption = StructuredCorruption(
        stripes(8),
        max_shapes=1,
        shape_scale=(0.45, 0.5),
        opacity=(1.0, 1.0),
        deformation=0.0,
        content_scale=(scale, scale),
        generator=generator(3),
    )
    corrupted, mask = corruption.corrupt(torch.zeros(1, 32, 32))

    def mean_difference(shift):
        both = mask[:, :-shift] & mask[:, shift:]
        return (corrupted[0, :, :-shift] - corrupted[0, :, shift:])[both].abs().mean()

    # away from the stripes' edges, which the resampling blurs over a pixel or two
    assert mean_difference(period // 2) > 0.6
    if 2 * period < 32:
        assert mean_difference(period) < 0.05


def test_content_scale_is_drawn_within_its_range():
    # a shrunk 32 x 32 source is tiled: at scale s its tiles repeat every 32 * s pixels
    source = torch.rand(1, 1, 32, 32, generator=generator(5))
    corruption = StructuredCorruption(
        source,
        max_shapes=1,
        shape_scale=(0.45, 0.5),
        opacity=(1.0, 1.0),
        deformation=0.0,
        content_scale=(0.25, 0.5),
        generator=generator(6),
    )
    for _ in range(10):
        corrupted, mask = corruption.corrupt(torch.zeros(1, 32, 32))
        # the longest run of filled pixels in any row
        best = (0, 0, 0)
        for row in range(32):
            run = 0
            for col in range(32):
                run = run + 1 if mask[row, col] else 0
                best = max(best, (run, row, col + 1))
        length, row, end = best
        values = corrupted[0, row, end - length : end]
        repeats = [
            shift
            for shift in range(8, 17)
            if len(values) > shift and torch.allclose(values[:-shift], values[shift:], atol=1e-5)
        ]
        assert repeats, "the tiled fill repeats with a period of 8 to 16 pixels"


def test_textures_are_used_as_fill():
    sources = torch.ones(3, 1, 16, 16)
    textures = torch.full((2, 1, 40, 40), 0.25)
    corruption = StructuredCorruption(
        sources,
        max_shapes=1,
        opacity=(1.0, 1.0),
        textures=textures,
        texture_probability=1.0,
        generator=generator(4),
    )
    corrupted, mask = corruption.corrupt(torch.zeros(1, 16, 16))
    torch.testing.assert_close(corrupted[0, mask], torch.full_like(corrupted[0, mask], 0.25))


def test_training_pairs_patches_and_pixel_weights():
    sources = torch.rand(3, 2, 30, 20, generator=generator(0))
    corruption = StructuredCorruption(
        sources, patch_size=16, corrupted_weight=3.0, generator=generator(1)
    )
    corrupted, clean, weight = corruption(sources[0])
    assert corrupted.shape == clean.shape == (2, 16, 16) and weight.shape == (1, 16, 16)
    changed = (corrupted != clean).any(dim=0)
    assert set(weight.unique().tolist()) <= {1.0, 3.0}
    assert torch.all(weight[0][changed] == 3.0)
    # the clean target is a crop of the source image
    windows = sources[0].unfold(1, 16, 1).unfold(2, 16, 1)  # (C, 15, 5, 16, 16)
    assert any(torch.equal(windows[:, i, j], clean) for i in range(15) for j in range(5))


# ---------------------------------------------------------------- network


def test_network_takes_odd_sizes_and_keeps_them():
    network = GatedSkipUNet(3, base_channels=4, n_levels=2, dilations=(1, 2, 4))
    from skanomaly._nn import PadToMultiple

    padded = PadToMultiple(network, network.downsampling_factor)
    out = padded(torch.rand(2, 3, 13, 17))
    assert out.shape == (2, 3, 13, 17) and out.min() >= 0 and out.max() <= 1


def test_gated_skip_blends_per_pixel():
    gate = GatedSkip(2)
    encoder, decoder = torch.zeros(1, 2, 4, 4), torch.ones(1, 2, 4, 4)
    with torch.no_grad():
        gate.gate[0].weight.zero_()
        gate.gate[0].bias.fill_(20.0)  # g ~ 1: the encoder passes
        assert torch.allclose(gate(encoder, decoder), encoder, atol=1e-6)
        gate.gate[0].bias.fill_(-20.0)  # g ~ 0: the decoder takes over
        assert torch.allclose(gate(encoder, decoder), decoder, atol=1e-6)


def test_detector_trains_on_patches_and_scores_other_sizes(rng):
    images = rng.random((30, 20, 20))
    detector = tiny_self_supervised(patch_size=12, max_epochs=1).fit(images)
    assert detector.anomaly_map(rng.random((3, 33, 27))).shape == (3, 33, 27)
    assert detector.score_samples(rng.random((3, 9, 11))).shape == (3,)


# ---------------------------------------------------------------- smoothing and scores


def test_gaussian_blur_matches_scipy():
    x = torch.zeros(1, 1, 15, 15, dtype=torch.float64)
    x[0, 0, 7, 7], x[0, 0, 0, 3] = 1.0, 2.0
    expected = ndimage.gaussian_filter(x[0, 0].numpy(), sigma=2.0, mode="nearest", truncate=3)
    np.testing.assert_allclose(gaussian_blur(x, 2.0)[0, 0].numpy(), expected, atol=1e-12)
    assert gaussian_blur(x, 0) is x


def test_map_is_the_smoothed_squared_error(rng):
    images = rng.random((20, 16, 16))
    detector = tiny_self_supervised(smoothing_sigma=1.5).fit(images)
    x = torch.from_numpy((images[:2, None] - detector.data_min_[0]) / detector.data_scale_[0])
    module = detector.net_.module_.eval()
    with torch.no_grad():
        error = (module(x.float()).double() - x).square()[:, 0].numpy()
    expected = np.stack(
        [ndimage.gaussian_filter(e, 1.5, mode="nearest", truncate=3) for e in error]
    )
    np.testing.assert_allclose(detector.anomaly_map(images[:2]), expected, rtol=1e-4, atol=1e-7)


def test_corrupted_texture_regions_are_localised():
    from skanomaly.datasets import make_texture_defects
    from skanomaly.metrics import pixel_roc_auc

    stripes = np.tile((np.sin(np.arange(96) / 1.5) > 0).astype(np.uint8) * 200 + 20, (128, 1))
    data = make_texture_defects(
        stripes.T.copy(), n_train=60, n_test=20, crop_size=16, random_state=0
    )
    detector = tiny_self_supervised(base_channels=8, max_epochs=15, batch_size=16).fit(
        data.X_train
    )
    maps = detector.anomaly_map(data.X_test)
    assert pixel_roc_auc(data.masks_test, maps) > 0.8


@pytest.mark.parametrize(
    "params, message",
    [
        ({"shape_scale": (0.5, 0.1)}, "shape_scale"),
        ({"opacity": (0.2, 1.5)}, "opacity"),
        ({"content_scale": (2.0, 0.5)}, "content_scale"),
        ({"content_scale": (0.0, 1.0)}, "content_scale"),
        ({"dilations": (0, 1)}, "dilations"),
        ({"textures": np.ones((2, 8, 8, 3))}, "textures have 3 channel"),
    ],
)
def test_bad_parameters(normal_digits, params, message):
    with pytest.raises(ValueError, match=message):
        tiny_self_supervised(**params).fit(normal_digits)
