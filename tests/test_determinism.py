"""Decoding must not depend on the machine: thread counts, arithmetic, devices.

CompressAI's float hyper-synthesis desynchronizes the rANS decoder when a
scale moves by one ulp across a CDF-table boundary (CompressAI #279, #309).
Here the entropy parameters come from an exact integer network; these tests
decode under different conditions and require identical symbols, and show
that a provoked mismatch is caught by the symbols checksum.
"""

import numpy as np
import pytest
import torch

from codec import bitstream, images, integer
from codec.errors import DesyncError
from codec.image_codec import ImageCodec


@pytest.fixture(scope="module")
def encoded(tiny_codec, sample_photos):
    image = images.open_image(sample_photos["coffee"])
    previous = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        return tiny_codec.encode(image)
    finally:
        torch.set_num_threads(previous)


def _symbols(codec, container, backend):
    y_hat, _ = codec.model.decompress_latents(
        container.y_string, container.z_string, container.y_shape, container.z_shape,
        container.symbols_digest, "cpu", backend,
    )
    return y_hat


def test_decode_with_one_thread_and_integer_arithmetic_gives_identical_symbols(tiny_codec, encoded):
    container = bitstream.unpack(encoded.data)
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        y_int64 = _symbols(tiny_codec, container, "int64")
        y_float64 = _symbols(tiny_codec, container, "float64")
        decoded = tiny_codec.decode(encoded.data, backend="int64")
    finally:
        torch.set_num_threads(previous)
    assert torch.equal(y_int64, y_float64)
    scales, _ = tiny_codec.model._entropy_parameters(torch.zeros(1, *container.z_shape, dtype=torch.int32), "cpu")
    assert len(tiny_codec.model._indexes(scales).unique()) > 5  # the test exercises many CDFs
    np.testing.assert_array_equal(decoded.rgb, encoded.reconstruction)


def test_integer_backends_agree_exactly_on_extreme_inputs(tiny_model):
    hs = tiny_model.integer_hs
    torch.manual_seed(0)
    z = torch.randint(-integer.ACT_LIMIT, integer.ACT_LIMIT, (2, tiny_model.N, 3, 5)).double()
    assert torch.equal(hs(z, "float64"), hs(z, "int64"))


def test_float_hyper_synthesis_is_close_but_the_integer_one_is_what_counts(tiny_model):
    """The fixed-point network tracks the float one closely (a sanity check of the conversion)."""
    torch.manual_seed(1)
    z = torch.round(torch.randn(1, tiny_model.N, 4, 4) * 3)
    medians = tiny_model.base.entropy_bottleneck._get_medians().detach().view(1, -1, 1, 1)
    with torch.no_grad():
        reference = tiny_model.base.h_s((z + medians).double().float())
    fixed = tiny_model.integer_hs(z.double() * 2**integer.ACT_BITS + integer.to_fixed(medians))
    assert torch.allclose(integer.from_fixed(fixed), reference, atol=1e-2)


def test_a_perturbed_hyper_synthesis_is_caught_by_the_symbols_checksum(tiny_model, encoded):
    """Provoke the CompressAI failure on purpose: a decoder whose scales differ slightly."""
    import copy

    other = copy.deepcopy(tiny_model)
    with torch.no_grad():
        last = other.base.h_s[-1]
        last.bias[: other.M] += 0.5  # the scale half of the output
    other._integer_hs = None
    container = bitstream.unpack(encoded.data)
    with pytest.raises(DesyncError, match="desynchronized"):
        _symbols(ImageCodec(other, "cpu"), container, "float64")


def test_a_swapped_payload_is_caught(tiny_codec, sample_photos):
    """Two same-size images: the latent string of one under the header of the other."""
    a = images.open_image(sample_photos["astronaut"])
    b = images.open_image(sample_photos["camera"])
    ca = bitstream.unpack(tiny_codec.encode(a).data)
    cb = bitstream.unpack(tiny_codec.encode(b).data)
    ca.y_string = cb.y_string
    with pytest.raises(DesyncError):
        tiny_codec.decode(bitstream.pack(ca))
