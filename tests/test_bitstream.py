import random

import pytest

from codec import bitstream
from codec.errors import BitstreamError


def sample_container(**overrides) -> bitstream.Container:
    fields = dict(
        model_id=bytes(range(16)),
        width=100,
        height=70,
        y_shape=(48, 8, 8),
        z_shape=(32, 2, 2),
        z_string=b"z" * 13,
        y_string=bytes(range(200)),
        symbols_digest=b"\x01" * 8,
        alpha=b"",
    )
    fields.update(overrides)
    return bitstream.Container(**fields)


def test_round_trip_and_overhead():
    c = sample_container(alpha=b"alpha", grey=True, source_bits=16, orientation=6, source_mode="I;16")
    data = bitstream.pack(c)
    assert len(data) == bitstream.HEADER_SIZE + len(c.payload) == 80 + 13 + 200 + 5
    assert bitstream.unpack(data) == c


def test_every_single_byte_flip_is_detected():
    data = bitstream.pack(sample_container())
    rng = random.Random(0)
    for position in range(len(data)):
        corrupted = bytearray(data)
        corrupted[position] ^= 1 << rng.randrange(8)
        with pytest.raises(BitstreamError):
            bitstream.unpack(bytes(corrupted))


def test_random_multi_byte_corruption_is_detected():
    data = bitstream.pack(sample_container())
    rng = random.Random(1)
    for _ in range(2000):
        corrupted = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            corrupted[rng.randrange(len(data))] = rng.randrange(256)
        if bytes(corrupted) == data:
            continue
        with pytest.raises(BitstreamError):
            bitstream.unpack(bytes(corrupted))


def test_every_truncation_and_extension_is_detected():
    data = bitstream.pack(sample_container())
    for length in range(len(data)):
        with pytest.raises(BitstreamError):
            bitstream.unpack(data[:length])
    with pytest.raises(BitstreamError, match="trailing"):
        bitstream.unpack(data + b"\0")


def test_messages_say_what_is_wrong():
    with pytest.raises(BitstreamError, match="bad magic"):
        bitstream.unpack(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    data = bytearray(bitstream.pack(sample_container()))
    data[4] = 2
    with pytest.raises(BitstreamError, match="version 2 is not supported"):
        bitstream.unpack(bytes(data))
    with pytest.raises(BitstreamError, match="expected bytes"):
        bitstream.unpack("QRIC")


def test_implausible_geometry_is_refused_before_any_allocation():
    with pytest.raises(BitstreamError, match="implausible image size"):
        bitstream.pack(sample_container(width=70000, height=70000))
    with pytest.raises(BitstreamError, match="do not match"):
        bitstream.pack(sample_container(y_shape=(48, 4096, 4096)))


def test_forged_header_with_valid_crc_but_huge_size_is_refused():
    """An attacker can recompute the CRCs; the bounds must still hold."""
    import struct
    import zlib

    data = bytearray(bitstream.pack(sample_container()))
    struct.pack_into("<II", data, 24, 60000, 60000)
    struct.pack_into("<I", data, 76, zlib.crc32(bytes(data[:76])))
    with pytest.raises(BitstreamError, match="implausible image size"):
        bitstream.unpack(bytes(data))
