"""Encoder-side latent refinement (codec/refine.py) with a shipped, trained model."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from codec import images, metrics
from codec.errors import CodecError, ModelError
from codec.image_codec import ImageCodec
from codec.refine import Refinement
from codec.registry import load_model

MODEL = "qr-mbt2018-mean-q2"  # q1 (round 23) finds nothing better on this small crop


@pytest.fixture(scope="module")
def photo(sample_photos) -> images.PreparedImage:
    rgb = np.asarray(Image.open(io.BytesIO(sample_photos["chelsea"])).convert("RGB"))[:128, :192]
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="PNG")
    return images.open_image(buf.getvalue())


@pytest.fixture(scope="module")
def plain() -> ImageCodec:
    return ImageCodec(load_model(MODEL), "cpu")


def refined(steps: int, **options) -> ImageCodec:
    return ImageCodec(load_model(MODEL), "cpu", Refinement(steps, **options))


def rd_cost(encoded, photo, lmbda: float) -> float:
    """The rate-distortion cost of real bytes and real 8-bit pixels."""
    bpp = metrics.bits_per_pixel(len(encoded.data), photo.width, photo.height)
    mse = np.mean((encoded.reconstruction.astype(np.float64) - photo.rgb) ** 2) / 255**2
    return bpp + lmbda * 255**2 * mse


def test_a_refined_bitstream_costs_less_and_the_unchanged_decoder_reads_it_exactly(plain, photo):
    before = plain.encode(photo)
    after = refined(20).encode(photo)
    lmbda = plain.model.lmbda
    assert rd_cost(after, photo, lmbda) < 0.99 * rd_cost(before, photo, lmbda)
    decoded = plain.decode(after.data)  # a decoder that knows nothing of refinement
    assert np.array_equal(decoded.rgb, after.reconstruction)


def test_refinement_is_reproducible(photo):
    assert refined(4).encode(photo).data == refined(4).encode(photo).data


def test_a_search_that_finds_nothing_better_keeps_the_amortized_latent(plain, photo):
    # A step size this large throws the latent far off; the result must be no worse than no search.
    assert refined(3, learning_rate=1e3).encode(photo).data == plain.encode(photo).data


def test_bad_settings_are_clear_errors(tiny_model):
    with pytest.raises(CodecError, match="0 or more"):
        Refinement(-1)
    with pytest.raises(CodecError, match="positive"):
        Refinement(5, learning_rate=0)
    with pytest.raises(ModelError, match="no λ"):
        ImageCodec(tiny_model, "cpu", Refinement(5))  # a model without a card
