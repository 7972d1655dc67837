"""The CUDA path: training, scoring and persistence on a GPU, and loading where there is none.

Skipped on machines without CUDA (CI has none); run them wherever a GPU is at hand.
"""

import os
import pickle
import subprocess
import sys

import numpy as np
import pytest
import torch
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV

from skanomaly import load_detector, save_detector

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")


@pytest.fixture(scope="module")
def digit_task(digits):
    images, target = digits
    normal = images[target == 0]
    test = np.concatenate([normal[-40:], images[target == 1][:40]])
    y = np.r_[np.ones(40), -np.ones(40)]
    return normal[:-40], test, y


@pytest.mark.parametrize("ema_decay", [None, 0.9])  # the weight average lives on the GPU too
def test_fits_and_scores_on_cuda(make_detector, digit_task, ema_decay):
    train, test, y = digit_task
    detector = make_detector(device="cuda", max_epochs=5, ema_decay=ema_decay).fit(train)
    assert detector.net_.device == "cuda"
    assert all(p.is_cuda for p in detector.net_.module_.parameters())
    scores = detector.score_samples(test)
    assert scores.shape == (len(test),) and np.isfinite(scores).all()
    np.testing.assert_array_equal(
        detector.predict(test), np.where(detector.decision_function(test) < 0, -1, 1)
    )
    assert detector.anomaly_map(test).shape == test.shape
    # digits separate easily: a CUDA fit that ranks them at chance would be broken
    assert roc_auc_score(y, scores) > 0.8


def test_cuda_and_cpu_scoring_of_one_network_agree(make_detector, digit_task, tmp_path):
    train, test, _ = digit_task
    detector = make_detector(device="cuda").fit(train)
    save_detector(detector, tmp_path / "detector.skan")
    on_cpu = load_detector(tmp_path / "detector.skan", device="cpu")
    assert on_cpu.net_.device == "cpu"
    # float32 convolutions run other algorithms on a GPU than on a CPU: a pixel's squared
    # error (maps of about 0.01-0.3 here) differed by 3e-6 on an H100, so atol is 1e-5
    np.testing.assert_allclose(
        on_cpu.score_samples(test), detector.score_samples(test), rtol=1e-4, atol=1e-5
    )
    np.testing.assert_allclose(
        on_cpu.anomaly_map(test), detector.anomaly_map(test), rtol=1e-4, atol=1e-5
    )


def test_cuda_pickle_loads_and_scores_without_cuda(make_detector, digit_task, tmp_path):
    train, test, _ = digit_task
    detector = make_detector(device="cuda").fit(train)
    (tmp_path / "detector.pkl").write_bytes(pickle.dumps(detector))
    np.save(tmp_path / "test.npy", test)
    np.save(tmp_path / "expected.npy", detector.score_samples(test))
    script = (
        "import pickle, sys, warnings, numpy as np, torch\n"
        "assert not torch.cuda.is_available()\n"
        "folder = sys.argv[1]\n"
        "with warnings.catch_warnings():\n"
        "    warnings.simplefilter('ignore')  # skorch says it falls back to the CPU\n"
        "    detector = pickle.load(open(folder + '/detector.pkl', 'rb'))\n"
        "scores = detector.score_samples(np.load(folder + '/test.npy'))\n"
        "np.testing.assert_allclose(scores, np.load(folder + '/expected.npy'), rtol=1e-4, "
        "atol=1e-6)\n"
    )
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_fit_on_cuda_leaves_the_global_cuda_rng_alone(make_detector, normal_digits):
    torch.cuda.manual_seed(123)
    expected = torch.rand(3, device="cuda")
    torch.cuda.manual_seed(123)
    make_detector(device="cuda", max_epochs=1).fit(normal_digits)
    torch.testing.assert_close(torch.rand(3, device="cuda"), expected)


def test_grid_search_on_cuda(digits):
    from conftest import tiny_block_memory

    images, target = digits
    X = images[:300]
    y = np.where(target[:300] == 0, 1, -1)
    search = GridSearchCV(
        tiny_block_memory(device="cuda", max_epochs=1, inliers_only=True),
        {"granularity": [(1, 1), (2, 1)]},
        cv=2,
        scoring="roc_auc",
    )
    search.fit(X, y)
    assert search.best_estimator_.net_.device == "cuda"
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
