"""AttributeRestorationDetector: the erasing operations, the aggregation, model selection."""

import numpy as np
import pytest
import torch
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from skanomaly import AttributeRestorationDetector
from skanomaly.attribute_restoration import ERASING_OPERATIONS, Eraser, UNet


def tiny_arnet(**params):
    defaults = dict(
        erase=("rotate",),
        base_channels=4,
        n_levels=2,
        max_epochs=2,
        batch_size=32,
        random_state=0,
        device="cpu",
    )
    return AttributeRestorationDetector(**{**defaults, **params})


SQUARE = torch.tensor([[[1.0, 2.0], [3.0, 4.0]]])  # (C=1, H=2, W=2)


def apply(name, x, variant, size=None, channels=None):
    size = size or tuple(x.shape[-2:])
    return Eraser((name,), size, channels or x.shape[-3]).apply(x, (variant,))


# ---------------------------------------------------------------- each operation


def test_rotate_turns_counter_clockwise_in_quarter_turns():
    assert apply("rotate", SQUARE, 0).tolist() == SQUARE.tolist()
    assert apply("rotate", SQUARE, 1).tolist() == [[[2.0, 4.0], [1.0, 3.0]]]
    assert apply("rotate", SQUARE, 2).tolist() == [[[4.0, 3.0], [2.0, 1.0]]]
    assert apply("rotate", SQUARE, 3).tolist() == [[[3.0, 1.0], [4.0, 2.0]]]
    wide = torch.arange(6.0).view(1, 2, 3)
    eraser = Eraser(("rotate",), (2, 3), 1)
    assert eraser.variants == [(0,), (1,)]  # non-square: 0 and 180 degrees only
    assert eraser.apply(wide, (1,)).tolist() == [[[5.0, 4.0, 3.0], [2.0, 1.0, 0.0]]]


def test_flips():
    assert apply("hflip", SQUARE, 1).tolist() == [[[2.0, 1.0], [4.0, 3.0]]]
    assert apply("vflip", SQUARE, 1).tolist() == [[[3.0, 4.0], [1.0, 2.0]]]
    assert apply("hflip", SQUARE, 0).tolist() == SQUARE.tolist()


def test_gray_takes_the_channel_mean_and_leaves_gray_images_alone():
    rgb = torch.tensor([0.0, 0.3, 0.9]).view(3, 1, 1).expand(3, 2, 2)
    gray = apply("gray", rgb, 0)
    assert gray.shape == rgb.shape and torch.allclose(gray, torch.full_like(rgb, 0.4))
    assert torch.equal(apply("gray", SQUARE, 0), SQUARE)


def test_drop_channel_replaces_one_channel_by_the_others_mean():
    rgb = torch.tensor([0.0, 0.3, 0.9]).view(3, 1, 1).expand(3, 2, 2)
    assert apply("drop_channel", rgb, 0)[:, 0, 0].tolist() == pytest.approx([0.6, 0.3, 0.9])
    assert apply("drop_channel", rgb, 2)[:, 0, 0].tolist() == pytest.approx([0.0, 0.3, 0.15])
    assert Eraser(("drop_channel",), (2, 2), 1).variants == [(0,)]
    assert torch.equal(apply("drop_channel", SQUARE, 0), SQUARE)


def test_blur_keeps_constant_images_and_spreads_an_impulse():
    flat = torch.full((1, 9, 9), 0.5)
    assert torch.allclose(apply("blur", flat, 0), flat)
    impulse = torch.zeros(1, 21, 21)
    impulse[0, 10, 10] = 1.0
    blurred = apply("blur", impulse, 0)
    assert blurred.sum().item() == pytest.approx(1.0, abs=1e-5)
    assert blurred[0, 10, 10] < 0.1 and blurred[0, 10, 12] > 0.01
    assert torch.allclose(blurred, blurred.flip(-1)) and torch.allclose(blurred, blurred.mT)


def test_mask_fills_one_quadrant_with_the_image_mean():
    x = torch.arange(16.0).view(1, 4, 4)
    masked = apply("mask", x, 3)  # bottom-right quadrant
    assert torch.all(masked[0, 2:, 2:] == 7.5)
    assert torch.equal(masked[0, :2], x[0, :2]) and torch.equal(masked[0, :, :2], x[0, :, :2])
    assert torch.all(apply("mask", x, 0)[0, :2, :2] == 7.5)


def test_operations_work_on_batches_as_on_single_images():
    batch = torch.rand(5, 3, 6, 6)
    for name in ERASING_OPERATIONS:
        eraser = Eraser((name,), (6, 6), 3)
        for variant in eraser.variants:
            together = eraser.apply(batch, variant)
            one_by_one = torch.stack([eraser.apply(image, variant) for image in batch])
            torch.testing.assert_close(together, one_by_one)


def test_eraser_composes_and_draws_seeded_variants():
    eraser = Eraser(("gray", "rotate", "hflip"), (4, 4), 3)
    assert len(eraser.variants) == 1 * 4 * 2
    torch.manual_seed(0)
    draws = [eraser.random_variant() for _ in range(200)]
    torch.manual_seed(0)
    assert draws == [eraser.random_variant() for _ in range(200)]
    assert {d[1] for d in draws} == {0, 1, 2, 3} and {d[2] for d in draws} == {0, 1}
    image = torch.rand(3, 4, 4)
    erased, target = eraser(image)
    assert target is image and erased.shape == image.shape


@pytest.mark.parametrize("erase", [(), ("rotate", "rotate"), ("colour",)])
def test_bad_erase_values(erase, normal_digits):
    with pytest.raises(ValueError, match="erase"):
        tiny_arnet(erase=erase).fit(normal_digits)


def test_bad_variant_reduction_is_named_at_fit_and_after(normal_digits):
    with pytest.raises(ValueError, match="variant_reduction"):
        tiny_arnet(variant_reduction="median").fit(normal_digits)
    detector = tiny_arnet(max_epochs=1).fit(normal_digits)
    detector.set_params(variant_reduction="median")
    with pytest.raises(ValueError, match="variant_reduction"):
        detector.score_samples(normal_digits[:2])


@pytest.mark.parametrize("n_skips, reaches_output", [(1, False), (2, True), (None, True)])
def test_dropped_skips_leave_the_fine_scales_out_of_the_decoder(n_skips, reaches_output):
    network = UNet(1, base_channels=4, n_levels=2, n_skips=n_skips).eval()
    # with the half-resolution map held fixed, only a full-resolution skip lets the
    # input reach the output
    fixed = torch.rand(2, 8, 8, 8)
    network.down[0].register_forward_hook(lambda module, args, output: fixed)
    first, second = (network(torch.rand(2, 1, 16, 16)) for _ in range(2))
    assert torch.equal(first, second) != reaches_output


@pytest.mark.parametrize("norm, independent", [("group", True), ("batch", False)])
def test_group_norm_restores_each_image_on_its_own(norm, independent):
    network = UNet(1, base_channels=4, n_levels=2, norm=norm).train()
    images = torch.rand(4, 1, 16, 16)
    alone, in_batch = network(images[:1]), network(images)[:1]
    assert torch.allclose(alone, in_batch, atol=1e-6) == independent


def test_transposed_upsampling_is_learned():
    bilinear = UNet(1, base_channels=4, n_levels=2)
    transposed = UNet(1, base_channels=4, n_levels=2, upsampling="transposed")
    # per decoder level a 2x2 kernel keeping the width of the level below (16, 8), a bias
    added = (8 * 8 * 4 + 8) + (16 * 16 * 4 + 16)
    count = sum(p.numel() for p in transposed.parameters())
    assert count == sum(p.numel() for p in bilinear.parameters()) + added
    images = torch.rand(2, 1, 16, 16)
    assert transposed(images).shape == images.shape
    # the up-sampling is trained: a gradient reaches its kernels
    transposed(images).sum().backward()
    assert all(conv.weight.grad.abs().sum() > 0 for conv in transposed.up_convolutions)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"n_skips": 3}, "n_skips must be in"),
        ({"loss": "huber"}, "loss"),
        ({"norm": "layer"}, "norm"),
        ({"upsampling": "nearest"}, "upsampling"),
    ],
)
def test_bad_network_options_are_named(params, message, normal_digits):
    with pytest.raises(ValueError, match=message):
        tiny_arnet(**params).fit(normal_digits)


def test_a_network_without_skips_fits_and_scores(normal_digits):
    detector = tiny_arnet(n_skips=0, max_epochs=1).fit(normal_digits)
    assert np.isfinite(detector.score_samples(normal_digits[:4])).all()


@pytest.mark.parametrize("loss, expected", [("mse", 0.25), ("l1", 0.5)])
def test_restoration_loss(loss, expected, normal_digits):
    detector = tiny_arnet(loss=loss, max_epochs=1).fit(normal_digits)
    restored, original = torch.zeros(2, 1, 4, 4), torch.full((2, 1, 4, 4), 0.5)
    y_true = {"target": original, "weight": torch.ones(2)}
    assert detector.net_.get_loss(restored, y_true).item() == pytest.approx(expected)


def test_erasing_nothing_on_gray_images_warns(normal_digits):
    with pytest.warns(UserWarning, match="changes nothing on single-channel images"):
        tiny_arnet(erase=("gray",), max_epochs=1).fit(normal_digits)


# ---------------------------------------------------------------- scoring aggregation


def test_scores_and_maps_by_hand(normal_digits):
    detector = tiny_arnet(erase=("rotate", "hflip"), max_epochs=1).fit(normal_digits[:40])
    module = detector.net_.module_.eval()

    def scaled(images):
        return torch.tensor(
            (images[:, None] - detector.data_min_[0]) / detector.data_scale_[0],
            dtype=torch.float32,
        )

    def errors(x, k, flip):
        erased = torch.rot90(x, k, dims=(-2, -1))
        erased = erased.flip(-1) if flip else erased
        with torch.no_grad():
            return (module(erased) - x).abs().mean(dim=1).double()

    variants = [(k, f) for k in range(4) for f in range(2)]
    assert detector.variants_ == variants
    train = scaled(normal_digits[:40])
    expected_means = [errors(train, k, f).mean().item() for k, f in variants]
    np.testing.assert_allclose(detector.variant_errors_, expected_means, rtol=1e-5)

    test = scaled(normal_digits[40:43])
    expected_map = sum(
        errors(test, k, f) / m for (k, f), m in zip(variants, expected_means, strict=True)
    ) / len(variants)
    np.testing.assert_allclose(
        detector.anomaly_map(normal_digits[40:43]), expected_map.numpy(), rtol=1e-5
    )
    np.testing.assert_allclose(
        detector.score_samples(normal_digits[40:43]),
        -expected_map.mean(dim=(1, 2)).numpy(),
        rtol=1e-5,
    )

    # the maximum over the combinations instead of their mean, without refitting
    expected_max = torch.stack(
        [errors(test, k, f) / m for (k, f), m in zip(variants, expected_means, strict=True)]
    ).amax(dim=0)
    detector.set_params(variant_reduction="max")
    np.testing.assert_allclose(
        detector.anomaly_map(normal_digits[40:43]), expected_max.numpy(), rtol=1e-5
    )
    assert (expected_max > expected_map).any()


def test_other_digits_restore_worse_than_the_normal_class(digits):
    images, target = digits
    zeros, others = images[target == 0], images[target != 0][:200]
    detector = tiny_arnet(erase=("rotate",), max_epochs=10, base_channels=8).fit(zeros[:120])
    assert detector.score_samples(zeros[120:]).mean() > detector.score_samples(others).mean()
    assert detector.loss_curve_[-1] < detector.loss_curve_[0]


def test_grid_search_over_erase(digits):
    images, target = digits
    X = np.concatenate([images[target == 0][:80], images[target == 6][:30]])
    y = np.r_[np.ones(80, dtype=int), -np.ones(30, dtype=int)]
    grid = {"erase": [("rotate",), ("hflip", "vflip"), ("blur",)]}
    search = GridSearchCV(
        tiny_arnet(inliers_only=True, max_epochs=1),
        grid,
        scoring="roc_auc",
        cv=StratifiedKFold(2, shuffle=True, random_state=0),
    ).fit(X, y)
    assert [p["erase"] for p in search.cv_results_["params"]] == grid["erase"]
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
    refit = tiny_arnet(max_epochs=1, **search.best_params_).fit(X[y == 1])
    np.testing.assert_array_equal(search.best_estimator_.score_samples(X), refit.score_samples(X))


def test_colour_images_with_every_operation(rng):
    images = rng.integers(0, 256, size=(20, 6, 10, 3), dtype=np.uint8)
    erase = tuple(ERASING_OPERATIONS)
    detector = tiny_arnet(erase=erase, max_epochs=1, batch_size=8).fit(images)
    # 1 gray x 2 rotations (non-square) x 2 x 2 flips x 1 blur x 4 masks x 3 channels
    assert len(detector.variants_) == 2 * 2 * 2 * 4 * 3
    assert detector.anomaly_map(images[:3]).shape == (3, 6, 10)
