"""The container: a versioned, checksummed, self-describing bitstream file.

Layout (version 1, little-endian, fixed 80-byte header; see docs/bitstream.md)::

    off size field
      0   4  magic            b"QRIC"
      4   1  version          1
      5   1  flags            bit 0: grey, bit 1: alpha present; others must be 0
      6   1  source_bits      8 or 16
      7   1  orientation      EXIF orientation applied before coding (1..8)
      8  16  model_id         digest of the bitstream-defining weights
     24   4  width            original width in pixels
     28   4  height           original height in pixels
     32   6  y_shape          u16 channels, height, width of the latent
     38   6  z_shape          u16 channels, height, width of the hyper-latent
     44   4  z_length         bytes of the hyper-latent rANS string
     48   4  y_length         bytes of the latent rANS string
     52   4  alpha_length     bytes of the zlib alpha plane (0 without alpha)
     56   4  payload_crc32    CRC-32 of everything after the header
     60   8  symbols_digest   BLAKE2b-64 of the decoded z and y symbols
     68   8  source_mode      Pillow mode of the source, ASCII, NUL-padded
     76   4  header_crc32     CRC-32 of bytes 0..75
     80      payload          z string, y string, alpha plane

The parser trusts nothing: it checks sizes against the real length before
slicing, bounds the dimensions, checks that the latent shapes follow from the
image size, and verifies both CRCs before anything is decoded.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from .errors import BitstreamError

MAGIC = b"QRIC"
VERSION = 1
HEADER = struct.Struct("<4sBBBB16sII3H3HIIII8s8sI")
HEADER_SIZE = HEADER.size
MAX_SIDE = 65535
MAX_PIXELS = 2**26  # the encoder's default limit (codec.images.DEFAULT_MAX_PIXELS)
MAX_LATENT_CHANNELS = 1024
LATENT_STRIDE = 16
HYPER_STRIDE = 64
FLAG_GREY, FLAG_ALPHA = 1, 2
assert HEADER_SIZE == 80


@dataclass
class Container:
    model_id: bytes
    width: int
    height: int
    y_shape: tuple[int, int, int]
    z_shape: tuple[int, int, int]
    z_string: bytes
    y_string: bytes
    symbols_digest: bytes
    alpha: bytes = b""
    grey: bool = False
    source_bits: int = 8
    orientation: int = 1
    source_mode: str = "RGB"
    version: int = VERSION

    @property
    def payload(self) -> bytes:
        return self.z_string + self.y_string + self.alpha


def pack(c: Container) -> bytes:
    """Serialize a container; the inverse of :func:`unpack`."""
    _check_geometry(c.width, c.height, c.y_shape, c.z_shape)
    flags = (FLAG_GREY if c.grey else 0) | (FLAG_ALPHA if c.alpha else 0)
    payload = c.payload
    head = HEADER.pack(
        MAGIC,
        VERSION,
        flags,
        c.source_bits,
        c.orientation,
        c.model_id,
        c.width,
        c.height,
        *c.y_shape,
        *c.z_shape,
        len(c.z_string),
        len(c.y_string),
        len(c.alpha),
        zlib.crc32(payload),
        c.symbols_digest,
        c.source_mode.encode("ascii", "replace")[:8],
        0,
    )
    head = head[:-4] + struct.pack("<I", zlib.crc32(head[:-4]))
    return head + payload


def unpack(data: bytes) -> Container:
    """Parse and verify a container; raises :class:`BitstreamError` with the reason."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise BitstreamError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) < 4 or data[:4] != MAGIC:
        raise BitstreamError("not a QR codec bitstream (bad magic)")
    if len(data) < 5:
        raise BitstreamError("truncated header")
    if data[4] != VERSION:
        raise BitstreamError(
            f"bitstream format version {data[4]} is not supported by this decoder (supports {VERSION})"
        )
    if len(data) < HEADER_SIZE:
        raise BitstreamError(f"truncated header: {len(data)} of {HEADER_SIZE} bytes")
    fields = HEADER.unpack_from(data)
    (_, version, flags, bits, orientation, model_id, width, height, yc, yh, yw, zc, zh, zw,
     z_len, y_len, a_len, payload_crc, symbols_digest, mode, header_crc) = fields
    if zlib.crc32(data[: HEADER_SIZE - 4]) != header_crc:
        raise BitstreamError("header checksum mismatch: the header is corrupt")
    if flags & ~(FLAG_GREY | FLAG_ALPHA):
        raise BitstreamError(f"unknown flags 0x{flags:02x}")
    if bits not in (8, 16) or not 1 <= orientation <= 8:
        raise BitstreamError("invalid source bit depth or orientation")
    _check_geometry(width, height, (yc, yh, yw), (zc, zh, zw))
    if bool(flags & FLAG_ALPHA) != (a_len > 0):
        raise BitstreamError("alpha flag and alpha length disagree")
    expected = HEADER_SIZE + z_len + y_len + a_len
    if len(data) != expected:
        what = "truncated" if len(data) < expected else "has trailing bytes"
        raise BitstreamError(f"bitstream {what}: {len(data)} bytes, header says {expected}")
    payload = data[HEADER_SIZE:]
    if zlib.crc32(payload) != payload_crc:
        raise BitstreamError("payload checksum (CRC-32) mismatch: the bitstream is corrupt")
    return Container(
        model_id=model_id,
        width=width,
        height=height,
        y_shape=(yc, yh, yw),
        z_shape=(zc, zh, zw),
        z_string=payload[:z_len],
        y_string=payload[z_len : z_len + y_len],
        alpha=payload[z_len + y_len :],
        symbols_digest=symbols_digest,
        grey=bool(flags & FLAG_GREY),
        source_bits=bits,
        orientation=orientation,
        source_mode=mode.rstrip(b"\0").decode("ascii", "replace"),
        version=version,
    )


def _check_geometry(width: int, height: int, y_shape: tuple, z_shape: tuple) -> None:
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE) or width * height > MAX_PIXELS:
        raise BitstreamError(f"implausible image size {width}×{height}")
    ph, pw = -(-height // HYPER_STRIDE), -(-width // HYPER_STRIDE)
    step = HYPER_STRIDE // LATENT_STRIDE
    if tuple(z_shape[1:]) != (ph, pw) or tuple(y_shape[1:]) != (ph * step, pw * step):
        raise BitstreamError(
            f"latent shapes {tuple(y_shape)} / {tuple(z_shape)} do not match a {width}×{height} image"
        )
    if not (1 <= y_shape[0] <= MAX_LATENT_CHANNELS and 1 <= z_shape[0] <= MAX_LATENT_CHANNELS):
        raise BitstreamError("implausible number of latent channels")


def peek_model_id(data: bytes) -> bytes:
    """The model id of a container, after full verification."""
    return unpack(data).model_id
