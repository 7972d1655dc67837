import numpy as np
import pytest
from PIL import Image

from skanomaly.preprocessing import Grayscale, ImageResizer


def test_resizer_matches_pillow_and_keeps_layouts(rng):
    images = rng.random((3, 10, 6)).astype(np.float32)
    resized = ImageResizer(size=(5, 4), resample="bilinear").fit_transform(images)
    assert resized.shape == (3, 5, 4) and resized.dtype == np.float32
    expected = np.asarray(Image.fromarray(images[1], mode="F").resize((4, 5), Image.BILINEAR))
    np.testing.assert_array_equal(resized[1], expected)
    rgb = rng.random((2, 10, 6, 3))
    assert ImageResizer(size=(5, 4)).fit_transform(rgb).shape == (2, 5, 4, 3)
    flat = images.reshape(3, -1)
    resized_flat = ImageResizer(size=(5, 4), image_shape=(10, 6)).fit_transform(flat)
    np.testing.assert_array_equal(resized_flat, resized)


def test_resizer_keeps_values_unclipped_and_constant_images_constant():
    images = np.full((2, 7, 7), 300.0)
    out = ImageResizer(size=(14, 3), resample="bicubic").fit_transform(images)
    np.testing.assert_allclose(out, 300.0, rtol=1e-6)


def test_resizer_rejects_bad_size_and_channel_mismatch(rng):
    with pytest.raises(ValueError, match="size must be a tuple of two positive ints"):
        ImageResizer(size=(0, 4)).fit(rng.random((2, 4, 4)))
    resizer = ImageResizer(size=(4, 4)).fit(rng.random((2, 4, 4, 3)))
    with pytest.raises(ValueError, match="1 channel"):
        resizer.transform(rng.random((2, 4, 4)))


def test_grayscale_uses_pillow_luma_weights():
    pixel = np.array([[[[10.0, 200.0, 30.0]]]])
    gray = Grayscale().fit_transform(pixel)
    assert gray.shape == (1, 1, 1)
    assert gray[0, 0, 0] == pytest.approx(0.299 * 10 + 0.587 * 200 + 0.114 * 30)
    rgb = Image.fromarray(np.array([[[10, 200, 30]]], dtype=np.uint8))
    assert round(gray[0, 0, 0]) == np.asarray(rgb.convert("L"))[0, 0]
    single = np.arange(8.0).reshape(2, 2, 2)
    np.testing.assert_array_equal(Grayscale().fit_transform(single), single)
