"""BlockMemoryDetector (DAAD): the block memory, the networks, the adversarial step."""

import numpy as np
import pytest
import torch
from conftest import tiny_block_memory
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from skanomaly.block_memory import (
    BlockMemory,
    BlockMemoryNetwork,
    BlockMemoryUNet,
    PatchDiscriminator,
    hard_shrink_addressing,
)

# ------------------------------------------------------------------- memory module


@pytest.mark.parametrize("block_size", [1, 2, 3, 4])
@pytest.mark.parametrize("size", [(8, 8), (5, 7), (1, 6)])
def test_memory_output_has_the_input_shape_for_any_block_size(block_size, size):
    torch.manual_seed(0)
    memory = BlockMemory(channels=3, block_size=block_size, memory_size=6)
    x = torch.rand(2, 3, *size)
    out, entropy, weights = memory(x)
    assert out.shape == x.shape
    n_blocks = -(-size[0] // block_size) * -(-size[1] // block_size)
    assert weights.shape == (2 * n_blocks, 6)
    torch.testing.assert_close(weights.sum(dim=1), torch.ones(2 * n_blocks))
    assert entropy.dim() == 0 and entropy >= 0
    assert memory.memory.shape == (6, 3 * block_size**2)


def test_hard_shrinkage_and_renormalisation_by_hand():
    weights = torch.tensor([[0.5, 0.3, 0.15, 0.05], [0.25, 0.25, 0.25, 0.25]])
    shrunk = hard_shrink_addressing(weights, threshold=0.2)
    # row 1: 0.15 and 0.05 fall below 0.2; 0.5 and 0.3 are renormalised to 5/8 and 3/8.
    # row 2: the threshold is capped just below the largest weight: all (equal) kept
    expected = torch.tensor([[0.625, 0.375, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25]])
    torch.testing.assert_close(shrunk, expected)
    assert shrunk[0, 2] == 0 and shrunk[0, 3] == 0  # exactly zero, not small


def test_shrinkage_keeps_the_best_slot_when_all_fall_below_the_threshold():
    weights = torch.tensor([[0.1, 0.15, 0.75]])
    # threshold 0.8 is capped just below 0.75: only the best slot survives, as 1
    torch.testing.assert_close(hard_shrink_addressing(weights, 0.8), torch.tensor([[0, 0, 1.0]]))


def test_zero_threshold_leaves_the_weights_alone():
    weights = torch.softmax(torch.randn(5, 7), dim=1)
    assert hard_shrink_addressing(weights, 0.0) is weights


def test_memory_rebuilds_a_block_from_the_slot_it_matches():
    memory = BlockMemory(channels=1, block_size=2, memory_size=2)
    with torch.no_grad():
        memory.memory.copy_(torch.tensor([[10.0, 0, 0, 0], [0, 0, 0, 10.0]]))
    x = torch.zeros(1, 1, 2, 4)
    x[0, 0, 0, 0] = 1.0  # left block: like slot 0 (top-left corner)
    x[0, 0, 1, 3] = 1.0  # right block: like slot 1 (bottom-right corner)
    out, entropy, weights = memory(x)
    torch.testing.assert_close(weights, torch.eye(2))
    expected = torch.zeros(1, 1, 2, 4)
    expected[0, 0, 0, 0] = expected[0, 0, 1, 3] = 10.0
    torch.testing.assert_close(out, expected)
    assert entropy.item() == pytest.approx(0.0, abs=1e-6)


def test_memory_receives_gradients():
    torch.manual_seed(0)
    memory = BlockMemory(channels=4, block_size=2, memory_size=10)
    x = torch.rand(3, 4, 6, 6)
    out, entropy, _ = memory(x)
    ((out - x).square().mean() + 0.1 * entropy).backward()
    assert isinstance(memory.memory, torch.nn.Parameter)
    assert memory.memory.grad is not None and memory.memory.grad.abs().sum() > 0


def test_memory_of_a_single_image_does_not_depend_on_its_batch():
    torch.manual_seed(0)
    memory = BlockMemory(channels=2, block_size=2, memory_size=5)
    x = torch.rand(6, 2, 4, 4) * 3
    with torch.no_grad():
        together = memory(x)[0]
        alone = torch.cat([memory(x[i : i + 1])[0] for i in range(6)])
    torch.testing.assert_close(together, alone, rtol=0, atol=0)


# ------------------------------------------------------------------------ networks


@pytest.mark.parametrize("granularity", [(1, 1, 1), (2, 2, 1), (4, 2, 1), (3,), (2, 1)])
@pytest.mark.parametrize("size", [(16, 16), (13, 21)])
def test_generator_reconstructs_any_size_through_every_memory(granularity, size):
    torch.manual_seed(0)
    generator = BlockMemoryUNet(
        2, granularity=granularity, memory_size=(5,) * len(granularity), base_channels=4
    )
    network = BlockMemoryNetwork(generator, PatchDiscriminator(2, base_channels=4))
    x = torch.rand(3, 2, *size)
    reconstruction, entropy, addressing = network(x)
    assert reconstruction.shape == x.shape
    assert 0 <= reconstruction.min() and reconstruction.max() <= 1
    assert len(addressing) == len(granularity)
    factor = 2 ** len(granularity)
    padded = [-(-s // factor) * factor for s in size]
    for level, (block, weights) in enumerate(zip(granularity, addressing, strict=True), 1):
        side = [-(-(p // 2**level) // block) for p in padded]
        assert weights.shape == (3 * side[0] * side[1], 5)
    assert entropy.dim() == 0


def test_a_level_without_memory_passes_its_features_through():
    generator = BlockMemoryUNet(1, granularity=(2, 1), memory_size=(0, 4), base_channels=4)
    assert isinstance(generator.memories[0], torch.nn.Identity)
    _, _, addressing = generator(torch.rand(2, 1, 8, 8))
    assert addressing[0] is None and addressing[1].shape == (2 * 2 * 2, 4)


def test_discriminator_feature_error_is_zero_for_identical_images_and_any_size():
    discriminator = PatchDiscriminator(3, base_channels=4)
    for size in [(1, 5), (8, 8), (11, 6)]:
        x = torch.rand(2, 3, *size)
        assert discriminator(x).shape[:2] == (2, 1)
        error = discriminator.feature_error(x, x)
        assert error.shape == (2, *size) and torch.all(error == 0)
        assert torch.all(discriminator.feature_error(x, torch.rand_like(x)) >= 0)


# ------------------------------------------------------------------------ detector


def test_adversarial_step_steps_both_optimizers(normal_digits):
    detector = tiny_block_memory(max_epochs=2, batch_size=32).fit(normal_digits)
    net = detector.net_
    n_steps = 2 * -(-len(normal_digits) // 32)
    generator_params = set(net.module_.generator.parameters())
    discriminator_params = set(net.module_.discriminator.parameters())
    # each optimizer holds exactly its player's parameters and stepped on every batch
    assert set(net.optimizer_.state) == generator_params
    assert set(net.optimizer_discriminator_.state) == discriminator_params
    for optimizer in (net.optimizer_, net.optimizer_discriminator_):
        assert {int(s["step"]) for s in optimizer.state.values()} == {n_steps}
    losses = net.history[:, "discriminator_loss"]
    assert len(losses) == 2 and all(np.isfinite(losses))


def test_adversarial_false_trains_no_discriminator(normal_digits, digits):
    detector = tiny_block_memory(adversarial=False).fit(normal_digits)
    assert detector.net_.module_.discriminator is None
    assert not hasattr(detector.net_, "optimizer_discriminator_")
    assert detector.feature_error_scale_ == 1.0
    images = digits[0][:10]
    np.testing.assert_allclose(
        -detector.score_samples(images),
        detector.anomaly_map(images).mean(axis=(1, 2)),
        rtol=1e-6,
    )


def test_score_combines_pixel_and_feature_errors(normal_digits, digits):
    images = digits[0][:10]
    detector = tiny_block_memory(feature_weight=2.0).fit(normal_digits)
    x = detector._to_tensor(images[..., np.newaxis], "cpu")
    with torch.inference_mode():
        pixel, feature, _ = detector._error_maps(x)
    pixel = (pixel / detector.pixel_error_scale_).double().numpy()
    feature = (feature / detector.feature_error_scale_).double().numpy()
    np.testing.assert_allclose(detector.anomaly_map(images), pixel + 2.0 * feature, rtol=1e-5)
    # the feature weight is read when scoring: one fitted detector compares its values
    assert "feature_weight" in detector._scoring_params
    detector.set_params(feature_weight=0.0)
    np.testing.assert_allclose(detector.anomaly_map(images), pixel, rtol=1e-5)
    np.testing.assert_allclose(-detector.score_samples(images), pixel.mean(axis=(1, 2)), rtol=1e-5)
    # the error scales are the mean errors of the training images
    assert detector.anomaly_map(normal_digits).mean() == pytest.approx(1.0, rel=1e-4)
    detector.set_params(feature_weight=-1.0)
    with pytest.raises(ValueError, match="feature_weight"):
        detector.score_samples(images)


def test_without_memory_the_shrink_threshold_is_not_read(normal_digits, digits):
    # so one memory ablation (memory_size=0) stands for the records of every threshold
    images = digits[0][:10]
    scores = [
        tiny_block_memory(memory_size=0, shrink_threshold=threshold)
        .fit(normal_digits)
        .score_samples(images)
        for threshold in (2.0, 3.0)
    ]
    np.testing.assert_array_equal(*scores)


def test_memory_usage_statistics(normal_digits):
    detector = tiny_block_memory(granularity=(2, 1), memory_size=(0, 8)).fit(normal_digits)
    assert np.isnan(detector.memory_nonzero_fraction_[0])
    assert np.isnan(detector.memory_slots_used_[0])
    assert 0 < detector.memory_nonzero_fraction_[1] <= 1
    # with 8 slots, at least one slot per block and at most all of them
    assert 1 / 8 <= detector.memory_nonzero_fraction_[1] <= 1
    assert 0 < detector.memory_slots_used_[1] <= 1


def test_shrinkage_makes_the_addressing_sparser(normal_digits):
    dense = tiny_block_memory(shrink_threshold=0.0).fit(normal_digits)
    sparse = tiny_block_memory(shrink_threshold=3.0).fit(normal_digits)
    assert np.all(dense.memory_nonzero_fraction_ == 1.0)
    assert np.all(sparse.memory_nonzero_fraction_ < 1.0)


def test_int_granularity_and_memory_size_apply_to_every_level(normal_digits):
    detector = tiny_block_memory(granularity=2, memory_size=4).fit(normal_digits)
    memories = detector.net_.module_.generator.network.memories
    assert [m.block_size for m in memories] == [2, 2, 2]
    assert [m.memory_size for m in memories] == [4, 4, 4]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"granularity": (2, 0)}, "granularity must be an int >= 1"),
        ({"granularity": ()}, "at least one level"),
        ({"granularity": (2, 1), "memory_size": (4, 4, 4)}, "memory_size must be"),
        ({"memory_size": (4, -1)}, "memory_size must be"),
        ({"granularity": (2.5, 1)}, "granularity must be"),
    ],
)
def test_bad_levels_are_named(normal_digits, params, message):
    with pytest.raises(ValueError, match=message):
        tiny_block_memory(**params).fit(normal_digits)


@pytest.fixture(scope="module")
def labelled(digits):
    images, target = digits
    normal = images[target == 0][:80]
    anomalous = images[np.isin(target, [1, 7])][:30]
    X = np.concatenate([normal, anomalous])
    y = np.r_[np.ones(len(normal), dtype=int), -np.ones(len(anomalous), dtype=int)]
    return X, y


GRANULARITIES = [(1, 1), (2, 1), (4, 2)]


def test_grid_search_over_granularity(labelled):
    X, y = labelled
    cv = StratifiedKFold(2, shuffle=True, random_state=0)
    search = GridSearchCV(
        tiny_block_memory(inliers_only=True),
        {"granularity": GRANULARITIES},
        scoring="roc_auc",
        cv=cv,
    ).fit(X, y)
    assert [p["granularity"] for p in search.cv_results_["params"]] == GRANULARITIES
    assert np.all(np.isfinite(search.cv_results_["mean_test_score"]))
    refit = tiny_block_memory(**search.best_params_).fit(X[y == 1])
    np.testing.assert_array_equal(search.best_estimator_.score_samples(X), refit.score_samples(X))


@pytest.mark.filterwarnings("ignore:The scoring .* does not support sample_weight")
def test_grid_search_over_granularity_with_the_sample_weight_recipe(labelled):
    X, y = labelled
    cv = StratifiedKFold(2, shuffle=True, random_state=0)

    def auroc(estimator, X_test, y_test):
        return roc_auc_score(y_test, estimator.decision_function(X_test))

    by_weight = GridSearchCV(
        tiny_block_memory(), {"granularity": GRANULARITIES[:2]}, scoring=auroc, cv=cv
    ).fit(X, y, sample_weight=(y == 1))
    by_label = GridSearchCV(
        tiny_block_memory(inliers_only=True),
        {"granularity": GRANULARITIES[:2]},
        scoring="roc_auc",
        cv=cv,
    ).fit(X, y)
    np.testing.assert_allclose(
        by_weight.cv_results_["mean_test_score"], by_label.cv_results_["mean_test_score"]
    )
