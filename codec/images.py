"""Image policy: what the codec accepts, and how each Pillow mode becomes 8-bit RGB.

The learned codec codes 8-bit RGB. Every image Pillow opens is either mapped
onto that, with what was done recorded in the container so the decoder can
undo it, or refused with a message:

=================  ==========================================================
Pillow mode        handling
=================  ==========================================================
RGB                coded as is
L, 1               grey: coded as RGB with equal channels, decoded back to L
I;16*, I           16-bit grey: rounded to 8 bits (``v / 257``), then as L
LA, La, PA         grey + alpha
RGBA, RGBa, RGBX   RGB + alpha (RGBX: the padding byte is dropped, not alpha)
P                  palette → RGB, or RGBA when the palette has transparency
CMYK, YCbCr, LAB,  converted to RGB by Pillow (the source mode is recorded)
HSV
F                  refused: floating-point samples have no 8-bit meaning
animated           refused: more than one frame
=================  ==========================================================

Alpha is never dropped: it is stored losslessly (zlib) beside the bitstream.
EXIF orientation is applied before coding, so the decoded image is upright
and its size is the displayed size. Images above ``max_pixels`` (default 64
megapixels) are refused before their pixels are decoded, which also stops
decompression bombs; Pillow's own bomb check is turned into the same error.
"""

from __future__ import annotations

import io
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ImageError

DEFAULT_MAX_PIXELS = 64 * 2**20
# File extensions (and WebDataset member names) taken to be images.
EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "bmp", "ppm", "pgm", "pnm", "jxl", "avif")
_TO_RGB = {"CMYK", "YCbCr", "LAB", "HSV", "RGBX", "RGB"}
_GREY = {"1", "L"}
_SIXTEEN_BIT = {"I;16", "I;16L", "I;16B", "I;16N", "I"}


@dataclass
class PreparedImage:
    """8-bit RGB pixels ready for the codec, plus what the decoder must restore."""

    rgb: np.ndarray  # (H, W, 3) uint8
    alpha: np.ndarray | None  # (H, W) uint8
    grey: bool
    source_mode: str
    source_bits: int
    orientation: int

    @classmethod
    def from_rgb(cls, rgb: np.ndarray) -> PreparedImage:
        """Plain 8-bit RGB pixels, nothing to restore."""
        return cls(np.array(rgb, dtype=np.uint8, order="C"), None, False, "RGB", 8, 1)

    @property
    def width(self) -> int:
        return self.rgb.shape[1]

    @property
    def height(self) -> int:
        return self.rgb.shape[0]


def open_image(source: bytes | str | Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> PreparedImage:
    """Open ``source`` (bytes or a path) and prepare it for coding, or raise :class:`ImageError`."""
    data = source if isinstance(source, bytes) else _read(source)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data))
            _check_size(im, max_pixels)
            if getattr(im, "n_frames", 1) > 1:
                raise ImageError(
                    f"animated or multi-page image with {im.n_frames} frames; extract the frames first"
                )
            im.load()
            orientation = int(im.getexif().get(0x0112, 1) or 1)
            im = ImageOps.exif_transpose(im)
        except ImageError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageError(f"refused as a decompression bomb: {exc}") from None
        except UnidentifiedImageError:
            raise ImageError("not an image Pillow can read (unknown or corrupt format)") from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise ImageError(f"unreadable image: {exc}") from None
    return _prepare(im, orientation)


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImageError(f"cannot read {path}: {exc.strerror or exc}") from None


def _check_size(im: Image.Image, max_pixels: int) -> None:
    w, h = im.size
    if w < 1 or h < 1:
        raise ImageError(f"image has no pixels ({w}×{h})")
    if w * h > max_pixels:
        raise ImageError(
            f"image is {w}×{h} = {w * h / 1e6:.1f} megapixels, above the limit of "
            f"{max_pixels / 1e6:.1f}; raise max_pixels if this is intended"
        )


def _prepare(im: Image.Image, orientation: int) -> PreparedImage:
    mode = im.mode
    bits = 16 if mode in _SIXTEEN_BIT else 8
    alpha = None
    if mode == "F":
        raise ImageError("floating-point (mode F) images are not supported; convert to 8 or 16 bits")
    if mode in _SIXTEEN_BIT:
        grey = np.asarray(im, dtype=np.int64)
        if grey.min() < 0 or grey.max() > 65535:
            raise ImageError(f"mode {mode} samples outside 0..65535 are not supported")
        rgb, is_grey = _grey_to_rgb(((grey * 255 + 32767) // 65535).astype(np.uint8)), True
    elif mode in _GREY:
        rgb, is_grey = _grey_to_rgb(np.asarray(im.convert("L"))), True
    elif mode in ("LA", "La", "PA"):
        la = np.asarray(im.convert("LA"))
        rgb, alpha, is_grey = _grey_to_rgb(la[..., 0]), la[..., 1].copy(), True
    elif mode in ("RGBA", "RGBa") or (mode == "P" and "transparency" in im.info):
        rgba = np.asarray(im.convert("RGBA"))
        rgb, alpha, is_grey = rgba[..., :3].copy(), rgba[..., 3].copy(), False
    elif mode in _TO_RGB or mode == "P":
        rgb, is_grey = np.asarray(im.convert("RGB")).copy(), False
    else:
        raise ImageError(f"unsupported image mode {mode!r}")
    return PreparedImage(rgb, alpha, is_grey, mode, bits, orientation)


def _grey_to_rgb(grey: np.ndarray) -> np.ndarray:
    return np.repeat(grey[..., None], 3, axis=2)


def compress_alpha(alpha: np.ndarray) -> bytes:
    """Lossless alpha plane: zlib of the raw 8-bit samples."""
    return zlib.compress(np.ascontiguousarray(alpha, dtype=np.uint8).tobytes(), 9)


def decompress_alpha(data: bytes, width: int, height: int) -> np.ndarray:
    """Inverse of :func:`compress_alpha`; never inflates beyond ``width × height`` bytes."""
    from .errors import BitstreamError

    expected = width * height
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(data, expected)
    except zlib.error as exc:
        raise BitstreamError(f"alpha plane is corrupt: {exc}") from None
    if len(raw) != expected or inflater.unconsumed_tail or not inflater.eof:
        raise BitstreamError("alpha plane has the wrong size for the image")
    return np.frombuffer(raw, dtype=np.uint8).reshape(height, width)


def to_pil(rgb: np.ndarray, alpha: np.ndarray | None, grey: bool) -> Image.Image:
    """The decoded picture in the mode that matches the source: L, LA, RGB or RGBA."""
    im = Image.fromarray(rgb, "RGB")
    if grey:
        im = im.convert("L")
    if alpha is not None:
        im = im.convert("LA" if grey else "RGBA")
        im.putalpha(Image.fromarray(alpha, "L"))
    return im
