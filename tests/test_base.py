"""The estimator contract (CONTRACT.md), checked on every detector."""

import copy
import io
import pickle

import joblib
import numpy as np
import pytest
import torch
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import roc_auc_score
from skorch.callbacks import Callback

from skanomaly import load_detector, save_detector

# ---------------------------------------------------------------- outputs and signs


def test_output_shapes_dtypes_and_signs(fitted_detector, digits):
    images = digits[0][:40]
    scores = fitted_detector.score_samples(images)
    decision = fitted_detector.decision_function(images)
    labels = fitted_detector.predict(images)
    maps = fitted_detector.anomaly_map(images)
    assert scores.shape == (40,) and scores.dtype == np.float64
    assert decision.dtype == np.float64
    np.testing.assert_array_equal(decision, scores - fitted_detector.offset_)
    assert labels.dtype.kind == "i" and set(np.unique(labels)) <= {-1, 1}
    np.testing.assert_array_equal(labels, np.where(decision < 0, -1, 1))
    assert maps.shape == (40, 8, 8) and maps.dtype == np.float64
    assert (maps >= 0).all()
    # the image score is the detector's reduction of its map, with the opposite sign
    reduced = fitted_detector._image_scores(torch.from_numpy(maps)).numpy()
    np.testing.assert_allclose(-reduced, scores, rtol=1e-6)


def test_score_reductions_by_hand(make_detector):
    maps = torch.arange(100.0).view(1, 10, 10)  # values 0..99
    assert make_detector(score_reduction="mean")._image_scores(maps).item() == 49.5
    top_3 = make_detector(score_reduction="top_k_mean", top_k_fraction=0.03)
    assert top_3._image_scores(maps).item() == pytest.approx((99 + 98 + 97) / 3)
    top_1 = make_detector(score_reduction="top_k_mean", top_k_fraction=0.001)
    assert top_1._image_scores(maps).item() == 99  # at least one pixel
    assert make_detector(score_reduction="max")._image_scores(maps).item() == 99


def test_smoothing_and_reduction_are_read_when_scoring(fitted_detector, digits):
    from scipy import ndimage

    images = digits[0][:6]
    detector = copy.deepcopy(fitted_detector)  # the fixture is shared: do not change it
    detector.set_params(smoothing_sigma=0.0, score_reduction="mean")
    raw = detector.anomaly_map(images)
    detector.set_params(smoothing_sigma=1.5, score_reduction="max")
    smoothed = detector.anomaly_map(images)
    expected = np.stack([ndimage.gaussian_filter(m, 1.5, mode="nearest", truncate=3) for m in raw])
    np.testing.assert_allclose(smoothed, expected, rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(
        -detector.score_samples(images), smoothed.reshape(6, -1).max(axis=1), rtol=1e-5
    )


@pytest.mark.parametrize(
    "name, value",
    [("score_reduction", "median"), ("top_k_fraction", 0.0), ("smoothing_sigma", -1)],
)
def test_scoring_parameters_set_after_fit_are_validated(fitted_detector, digits, name, value):
    detector = copy.deepcopy(fitted_detector)
    detector.set_params(**{name: value})
    for method in (detector.score_samples, detector.anomaly_map, detector.predict):
        with pytest.raises(ValueError, match=name):
            method(digits[0][:3])


@pytest.mark.parametrize("contamination", [0.05, 0.2, 0.5])
def test_contamination_sets_offset_on_training_scores(make_detector, normal_digits, contamination):
    detector = make_detector(contamination=contamination, max_epochs=1).fit(normal_digits)
    train_scores = detector.score_samples(normal_digits)
    assert detector.offset_ == pytest.approx(
        np.percentile(train_scores, 100 * contamination), rel=1e-6
    )
    outlier_fraction = np.mean(detector.fit_predict(normal_digits) == -1)
    assert outlier_fraction == pytest.approx(contamination, abs=1.5 / len(normal_digits))


def test_noise_images_rank_below_normal_digits(make_detector, digits):
    images, target = digits
    normal = images[target == 0]
    detector = make_detector(max_epochs=30, base_channels=16).fit(normal[:120])
    noise = np.random.default_rng(0).uniform(0, 16, size=(50, 8, 8))
    test = np.concatenate([normal[120:], noise])
    y = np.r_[np.ones(len(normal) - 120), -np.ones(50)]
    assert roc_auc_score(y, detector.score_samples(test)) > 0.95
    assert np.mean(detector.predict(noise) == -1) > 0.9


def test_training_lowers_the_loss(make_detector, normal_digits):
    detector = make_detector(max_epochs=8).fit(normal_digits)
    assert len(detector.loss_curve_) == 8
    assert detector.loss_curve_[-1] < 0.7 * detector.loss_curve_[0]
    assert detector.net_.history[-1, "epoch"] == 8


def test_unfitted_detector_raises(make_detector, normal_digits):
    for method in ("score_samples", "decision_function", "predict", "anomaly_map"):
        with pytest.raises(NotFittedError):
            getattr(make_detector(), method)(normal_digits)


# ---------------------------------------------------------------- input layouts


def test_layouts_give_the_same_scores(make_detector, normal_digits):
    images = normal_digits
    as_grayscale = make_detector().fit(images)
    as_channels_last = make_detector().fit(images[..., np.newaxis])
    as_flat_rows = make_detector(image_shape=(8, 8)).fit(images.reshape(len(images), -1))
    expected = as_grayscale.score_samples(images)
    np.testing.assert_array_equal(as_channels_last.score_samples(images[..., None]), expected)
    np.testing.assert_array_equal(
        as_flat_rows.score_samples(images.reshape(len(images), -1)), expected
    )
    # flat rows at scoring time are read with the fitted image shape
    np.testing.assert_array_equal(
        as_grayscale.score_samples(images.reshape(len(images), -1)), expected
    )
    assert as_flat_rows.anomaly_map(images.reshape(len(images), -1)).shape == (len(images), 8, 8)


def test_flat_rows_without_image_shape_are_one_pixel_high_images(make_detector, rng):
    X = rng.normal(size=(30, 10))
    detector = make_detector().fit(X)
    assert detector.image_shape_ == (1, 10, 1)
    assert detector.n_features_in_ == 10
    assert detector.anomaly_map(X).shape == (30, 1, 10)


def test_uint8_and_float_input_give_the_same_scores(make_detector, rng):
    images = rng.integers(0, 256, size=(40, 8, 8, 3), dtype=np.uint8)
    from_uint8 = make_detector().fit(images)
    from_float = make_detector().fit(images.astype(np.float64))
    np.testing.assert_array_equal(
        from_uint8.score_samples(images), from_float.score_samples(images.astype(np.float32))
    )
    np.testing.assert_array_equal(from_uint8.data_min_, images.min(axis=(0, 1, 2)))


def test_scaling_learned_at_fit_is_applied_unchanged(make_detector, normal_digits):
    detector = make_detector().fit(normal_digits)
    brighter = normal_digits * 2.0  # would look identical if rescaled per call
    assert np.all(detector.score_samples(brighter) < detector.score_samples(normal_digits))


@pytest.mark.parametrize("shape", [(13, 11), (5, 7), (1, 1), (30, 3)])
def test_image_sizes_the_network_cannot_take_are_padded_and_cropped(make_detector, rng, shape):
    images = rng.random((12, *shape))
    detector = make_detector(n_levels=3).fit(images)
    assert detector.anomaly_map(images).shape == (12, *shape)
    assert np.isfinite(detector.score_samples(images)).all()


def test_read_only_and_memory_mapped_input(make_detector, normal_digits, tmp_path):
    path = tmp_path / "images.npy"
    np.save(path, normal_digits)
    mapped = np.load(path, mmap_mode="r")
    read_only = normal_digits.copy()
    read_only.setflags(write=False)
    detector = make_detector().fit(mapped)
    np.testing.assert_array_equal(
        detector.score_samples(read_only), make_detector().fit(read_only).score_samples(mapped)
    )


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.full((5, 8, 8), np.nan), "NaN"),
        (np.full((5, 8, 8), np.inf), "infinity"),
        (np.empty((0, 8, 8)), "0 sample"),
        (np.empty((5, 0)), "0 feature"),
        (np.ones(8), "Expected 2D array"),
        (np.ones((2, 3, 4, 5, 6)), "got an array with 5 dimensions"),
        (np.ones((3, 8, 8), dtype=complex), "Complex data not supported"),
    ],
)
def test_bad_training_input_is_a_clear_value_error(make_detector, bad, message):
    with pytest.raises(ValueError, match=message):
        make_detector().fit(bad)


def test_bad_scoring_input_is_a_clear_value_error(fitted_detector, normal_digits):
    with pytest.raises(ValueError, match="NaN"):
        fitted_detector.score_samples(np.where(normal_digits == 0, np.nan, normal_digits))
    with pytest.raises(ValueError, match=r"3 channel\(s\).*fitted on images with 1 channel"):
        fitted_detector.score_samples(np.ones((2, 8, 8, 3)))
    if fitted_detector._accepts_other_image_sizes:  # fully convolutional scoring
        assert fitted_detector.anomaly_map(np.ones((2, 9, 8))).shape == (2, 9, 8)
    else:
        with pytest.raises(ValueError, match=r"size \(9, 8\).*fitted on images of size"):
            fitted_detector.anomaly_map(np.ones((2, 9, 8)))
    name = type(fitted_detector).__name__
    with pytest.raises(ValueError, match=f"X has 63 features, but {name} is expecting 64"):
        fitted_detector.predict(np.ones((2, 63)))
    # one (8, 8) image is not a batch: say so rather than only count features
    with pytest.raises(ValueError, match=r"expecting 64 .*one \(H, W\) image.*X\[np.newaxis\]"):
        fitted_detector.score_samples(normal_digits[0])


def test_bad_image_shape_parameter(make_detector, rng):
    with pytest.raises(ValueError, match=r"cannot be reshaped to image_shape=\(8, 8, 1\)"):
        make_detector(image_shape=(8, 8)).fit(rng.random((4, 60)))
    with pytest.raises(ValueError, match="image_shape"):
        make_detector(image_shape=(4, 4)).fit(rng.random((4, 8, 8)))
    with pytest.raises(TypeError, match="image_shape must contain integers"):
        make_detector(image_shape=(8.0, 8.0)).fit(rng.random((4, 64)))


@pytest.mark.parametrize(
    "params, error",
    [
        ({"contamination": 0.7}, "contamination"),
        ({"max_epochs": 0}, "max_epochs"),
        ({"lr": -1.0}, "lr"),
        ({"batch_size": 0}, "batch_size"),
        ({"device": 3}, "device"),
        ({"score_reduction": "median"}, "score_reduction"),
        ({"smoothing_sigma": -1.0}, "smoothing_sigma"),
        ({"top_k_fraction": 0.0}, "top_k_fraction"),
        ({"ema_decay": 1.0}, "ema_decay"),
        ({"ema_decay": 0.0}, "ema_decay"),
        ({"lr_schedule": "step"}, "lr_schedule"),
        ({"weight_decay": -1.0}, "weight_decay"),
    ],
)
def test_bad_parameters_are_named(make_detector, normal_digits, params, error):
    with pytest.raises(ValueError, match=error):
        make_detector(**params).fit(normal_digits)


# ---------------------------------------------------------------- sample_weight


def test_zero_weight_leaves_a_sample_out_exactly(make_detector, normal_digits, digits):
    others = digits[0][digits[1] == 7][:30]
    X = np.concatenate([normal_digits, others])
    weights = np.r_[np.ones(len(normal_digits)), np.zeros(len(others))]
    weighted = make_detector().fit(X, sample_weight=weights)
    reference = make_detector().fit(normal_digits)
    np.testing.assert_array_equal(weighted.score_samples(X), reference.score_samples(X))
    assert weighted.offset_ == reference.offset_
    # boolean masks work as weights, the recipe GridSearchCV relies on
    masked = make_detector().fit(X, sample_weight=weights.astype(bool))
    np.testing.assert_array_equal(masked.score_samples(X), reference.score_samples(X))


def test_nonzero_weights_weight_the_loss(make_detector, normal_digits):
    weights = np.linspace(0.1, 3.0, len(normal_digits))
    weighted = make_detector().fit(normal_digits, sample_weight=weights)
    plain = make_detector().fit(normal_digits)
    assert not np.allclose(
        weighted.score_samples(normal_digits), plain.score_samples(normal_digits)
    )
    # only the relative weights matter
    rescaled = make_detector().fit(normal_digits, sample_weight=10 * weights)
    np.testing.assert_allclose(
        rescaled.score_samples(normal_digits), weighted.score_samples(normal_digits), rtol=1e-5
    )


@pytest.mark.parametrize(
    "weights, message",
    [
        (-np.ones(178), "non-negative"),
        (np.ones(5), r"shape \(178,\)"),
        (np.zeros(178), "zero for every sample"),
        (np.full(178, np.nan), "NaN"),
    ],
)
def test_bad_sample_weight(make_detector, normal_digits, weights, message):
    with pytest.raises(ValueError, match=message):
        make_detector().fit(normal_digits, sample_weight=weights)


def test_sample_weight_is_not_modified(make_detector, normal_digits):
    weights = np.ones(len(normal_digits))
    weights[:3] = 0
    before = weights.copy()
    make_detector(max_epochs=1).fit(normal_digits, sample_weight=weights)
    np.testing.assert_array_equal(weights, before)


# ---------------------------------------------------------------- determinism, RNG


def test_random_state_makes_runs_repeatable(make_detector, normal_digits):
    first = make_detector(random_state=3).fit(normal_digits).score_samples(normal_digits)
    again = make_detector(random_state=3).fit(normal_digits).score_samples(normal_digits)
    other = make_detector(random_state=4).fit(normal_digits).score_samples(normal_digits)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_fit_leaves_the_global_torch_rng_alone(make_detector, normal_digits):
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    make_detector(max_epochs=1).fit(normal_digits)
    np.testing.assert_array_equal(torch.rand(3), expected)


def test_clone_gives_an_unfitted_copy_with_the_same_params(fitted_detector):
    copy = clone(fitted_detector)
    assert copy.get_params() == fitted_detector.get_params()
    assert not hasattr(copy, "net_")


# ---------------------------------------------------------------- skorch plumbing


class EpochCounter(Callback):
    def __init__(self):
        self.epochs = 0

    def on_epoch_end(self, net, **kwargs):
        self.epochs += 1


def test_callbacks_are_copied_and_run(make_detector, normal_digits):
    counter = EpochCounter()
    detector = make_detector(max_epochs=3, callbacks=(("count", counter),)).fit(normal_digits)
    assert counter.epochs == 0  # the caller's instance is copied, not used
    assert dict(detector.net_.callbacks_)["count"].epochs == 3


class StateRecorder(Callback):
    """The network's state after every training batch."""

    def on_train_begin(self, net, **kwargs):
        self.states = []

    def on_batch_end(self, net, training=False, **kwargs):
        if training:
            self.states.append({k: v.clone() for k, v in net.module_.state_dict().items()})


def test_ema_decay_fits_the_normalised_moving_average_of_the_trained_states(
    make_detector, normal_digits, tmp_path
):
    decay = 0.8
    recorder = ("record", StateRecorder())
    averaged = make_detector(max_epochs=2, ema_decay=decay, callbacks=[recorder])
    averaged.fit(normal_digits)
    states = dict(averaged.net_.callbacks_)["record"].states
    n = len(states)
    assert n >= 4
    # by hand: state i of n weighs (1 - decay) * decay ** (n - i), normalised to sum to 1
    weights = (1 - decay) * decay ** np.arange(n - 1, -1, -1) / (1 - decay**n)
    assert weights.sum() == pytest.approx(1.0)
    for key, value in averaged.net_.module_.state_dict().items():
        if value.is_floating_point():
            pairs = zip(weights, states, strict=True)
            expected = sum(w * state[key].double() for w, state in pairs)
            torch.testing.assert_close(value.double(), expected, rtol=1e-4, atol=1e-6)
        else:  # batch counts
            assert torch.equal(value, states[-1][key])
    assert dict(averaged.net_.callbacks_)["weight_average"].average_ is None  # no 2nd copy

    # averaging only watches: training, and so the last trained state, are unchanged
    plain = make_detector(max_epochs=2, callbacks=[recorder]).fit(normal_digits)
    assert plain.loss_curve_ == averaged.loss_curve_
    for key, value in plain.net_.module_.state_dict().items():
        assert torch.equal(value, states[-1][key])
    scores = averaged.score_samples(normal_digits[:20])
    assert not np.allclose(plain.score_samples(normal_digits[:20]), scores)
    # the safe format keeps the averaged network (and the parameter)
    save_detector(averaged, tmp_path / "averaged.skan")
    restored = load_detector(tmp_path / "averaged.skan", device="cpu")
    assert restored.ema_decay == decay
    np.testing.assert_array_equal(restored.score_samples(normal_digits[:20]), scores)


def optimizers_of(net):
    """Every torch optimizer the skorch net holds, by attribute name."""
    return {k: v for k, v in vars(net).items() if isinstance(v, torch.optim.Optimizer)}


class LearningRateRecorder(Callback):
    """The learning rate of every optimizer the net holds, before every training batch."""

    def on_train_begin(self, net, **kwargs):
        self.rates = []

    def on_batch_begin(self, net, training=False, **kwargs):
        if training:
            self.rates.append(
                {k: [g["lr"] for g in v.param_groups] for k, v in optimizers_of(net).items()}
            )


@pytest.mark.parametrize("lr_schedule", ["constant", "cosine"])
def test_lr_schedule_sets_every_optimizers_rate_per_batch(
    make_detector, normal_digits, lr_schedule
):
    lr, epochs = 2e-3, 2
    recorder = ("record", LearningRateRecorder())
    detector = make_detector(
        max_epochs=epochs, lr=lr, lr_schedule=lr_schedule, callbacks=[recorder]
    )
    detector.fit(normal_digits)
    rates = dict(detector.net_.callbacks_)["record"].rates
    n_steps = int(np.ceil(len(normal_digits) / detector.batch_size)) * epochs
    assert len(rates) == n_steps
    # DAAD trains a generator and a discriminator, each with its own optimizer
    n_optimizers = 2 if type(detector).__name__ == "BlockMemoryDetector" else 1
    assert all(len(step) == n_optimizers for step in rates)
    for k, step in enumerate(rates):
        if lr_schedule == "cosine":  # by hand: half a cosine from lr towards zero
            expected = lr * 0.5 * (1.0 + np.cos(np.pi * k / n_steps))
        else:
            expected = lr
        for groups in step.values():
            assert groups == pytest.approx([expected] * len(groups), rel=1e-12)
    # after training every optimizer holds lr again (a warm start would begin from it)
    for optimizer in optimizers_of(detector.net_).values():
        assert all(group["lr"] == lr for group in optimizer.param_groups)


def test_cosine_schedule_changes_training_and_is_kept_by_clone_and_save(
    make_detector, normal_digits, tmp_path
):
    constant = make_detector(max_epochs=2).fit(normal_digits)
    cosine = make_detector(max_epochs=2, lr_schedule="cosine").fit(normal_digits)
    assert cosine.loss_curve_ != constant.loss_curve_
    assert clone(cosine).get_params()["lr_schedule"] == "cosine"
    save_detector(cosine, tmp_path / "cosine.skan")
    restored = load_detector(tmp_path / "cosine.skan", device="cpu")
    assert restored.lr_schedule == "cosine"
    np.testing.assert_array_equal(
        restored.score_samples(normal_digits[:20]), cosine.score_samples(normal_digits[:20])
    )


def test_weight_decay_reaches_every_optimizer_and_changes_training(make_detector, normal_digits):
    plain = make_detector(max_epochs=2).fit(normal_digits)
    decayed = make_detector(max_epochs=2, weight_decay=0.5).fit(normal_digits)
    optimizers = optimizers_of(decayed.net_).values()
    # DAAD trains a generator and a discriminator, each with its own optimizer
    assert len(optimizers) == (2 if type(decayed).__name__ == "BlockMemoryDetector" else 1)
    for optimizer in optimizers:
        assert all(group["weight_decay"] == 0.5 for group in optimizer.param_groups)
    assert all(group["weight_decay"] == 0.0 for group in plain.net_.optimizer_.param_groups)

    # the penalty pulls the weights towards zero: a smaller norm than without it
    def norm(detector):
        return sum(float((p.detach() ** 2).sum()) for p in detector.net_.module_.parameters())

    assert norm(decayed) < norm(plain)


def test_verbose_prints_the_training_log(make_detector, normal_digits, capsys):
    make_detector(max_epochs=2, verbose=1).fit(normal_digits)
    out = capsys.readouterr().out
    assert "train_loss" in out
    make_detector(max_epochs=2, verbose=0).fit(normal_digits)
    assert capsys.readouterr().out == ""


def test_device_auto_picks_cpu_without_cuda(make_detector, normal_digits):
    detector = make_detector(device="auto", max_epochs=1).fit(normal_digits)
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert detector.net_.device == expected


@pytest.mark.parametrize("device", ["tpu", "cuda:x"])
def test_unknown_device_is_named(make_detector, normal_digits, device):
    with pytest.raises(ValueError, match=f"device='{device}' is not a torch device"):
        make_detector(device=device).fit(normal_digits)


def test_missing_cuda_device_is_named(make_detector, normal_digits):
    """Asking for a CUDA device this machine lacks is a ValueError, not torch's assertion."""
    missing = f"cuda:{torch.cuda.device_count()}"
    devices = [missing] if torch.cuda.is_available() else ["cuda", missing]
    for device in devices:
        with pytest.raises(ValueError, match=f"device='{device}' asks for a CUDA device"):
            make_detector(device=device).fit(normal_digits)


# ---------------------------------------------------------------- persistence


def test_pickle_holds_no_tensor_outside_skorchs_device_mapping(fitted_detector):
    """Every tensor goes through skorch's torch.save blob, which is loaded with a
    map_location at unpickling time: a plainly pickled CUDA tensor would not unpickle on a
    machine without CUDA (tests/test_cuda.py checks that end to end on a GPU)."""

    class RefusesTensors(pickle.Pickler):
        def reducer_override(self, obj):
            if isinstance(obj, torch.Tensor):
                raise AssertionError(f"a tensor of shape {tuple(obj.shape)} is pickled plainly")
            return NotImplemented

    RefusesTensors(io.BytesIO()).dump(fitted_detector)
    restored = pickle.loads(pickle.dumps(fitted_detector))
    assert restored.net_.module is restored.net_.module_


def test_pickle_and_joblib_round_trips_give_identical_scores(fitted_detector, digits, tmp_path):
    images = digits[0][:100]
    expected = fitted_detector.score_samples(images)
    restored = pickle.loads(pickle.dumps(fitted_detector))
    np.testing.assert_array_equal(restored.score_samples(images), expected)
    joblib.dump(fitted_detector, tmp_path / "detector.joblib")
    restored = joblib.load(tmp_path / "detector.joblib")
    np.testing.assert_array_equal(restored.score_samples(images), expected)
    np.testing.assert_array_equal(
        restored.anomaly_map(images), fitted_detector.anomaly_map(images)
    )


def test_safe_format_round_trip(fitted_detector, digits, tmp_path):
    images = digits[0][:100]
    path = tmp_path / "detector.skan"
    save_detector(fitted_detector, path)
    # the file loads with weights_only=True: no pickled code inside
    payload = torch.load(path, weights_only=True)
    assert payload["class"] == type(fitted_detector).__name__
    restored = load_detector(path, device="cpu")
    assert type(restored) is type(fitted_detector)
    np.testing.assert_array_equal(
        restored.score_samples(images), fitted_detector.score_samples(images)
    )
    np.testing.assert_array_equal(restored.predict(images), fitted_detector.predict(images))
    assert restored.image_shape_ == fitted_detector.image_shape_
    assert restored.loss_curve_ == fitted_detector.loss_curve_
    params = fitted_detector.get_params()
    params["device"] = "cpu"
    assert restored.get_params() == params


def test_safe_format_rejects_foreign_files(make_detector, tmp_path, fitted_detector):
    path = tmp_path / "other.pt"
    torch.save({"weights": torch.zeros(2)}, path)
    with pytest.raises(ValueError, match="not a skanomaly detector file"):
        load_detector(path)
    torch.save({"format": "skanomaly-detector", "version": 1, "class": "os.system"}, path)
    with pytest.raises(ValueError, match="not a known skanomaly detector class"):
        load_detector(path)
    with pytest.raises(TypeError, match="takes a skanomaly detector"):
        save_detector(object(), path)
    with pytest.raises(NotFittedError):
        save_detector(make_detector(), path)
