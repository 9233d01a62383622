import io

import numpy as np
import pytest
from PIL import Image

from codec import images
from codec.errors import ImageError
from conftest import png_bytes

RNG = np.random.default_rng(0)


def save(im: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


def rgb(h: int, w: int) -> np.ndarray:
    return RNG.integers(0, 256, (h, w, 3), dtype=np.uint8)


def round_trip(codec, data: bytes):
    image = images.open_image(data)
    encoded = codec.encode(image)
    decoded = codec.decode(encoded.data)
    np.testing.assert_array_equal(decoded.rgb, encoded.reconstruction)
    return image, decoded


@pytest.mark.parametrize("size", [(1, 1), (1, 97), (65, 3), (64, 64), (130, 67)])
def test_any_size_decodes_to_the_original_size(tiny_codec, size):
    w, h = size
    _, decoded = round_trip(tiny_codec, png_bytes(rgb(h, w)))
    assert decoded.rgb.shape == (h, w, 3)
    assert decoded.to_pil().size == (w, h)


@pytest.mark.parametrize(
    ("mode", "out_mode", "has_alpha"),
    [("RGB", "RGB", False), ("L", "L", False), ("1", "L", False), ("LA", "LA", True),
     ("RGBA", "RGBA", True), ("CMYK", "RGB", False), ("P", "RGB", False), ("I;16", "L", False)],
)
def test_modes(tiny_codec, mode, out_mode, has_alpha):
    base = Image.fromarray(rgb(40, 50))
    if mode == "I;16":
        src = Image.fromarray((RNG.integers(0, 65536, (40, 50))).astype(np.uint16))
    elif mode == "P":
        src = base.quantize(16)
    else:
        src = base.convert(mode)
    fmt = "TIFF" if mode == "CMYK" else "PNG"
    image, decoded = round_trip(tiny_codec, save(src, fmt))
    assert decoded.to_pil().mode == out_mode
    assert (decoded.alpha is not None) == has_alpha
    if mode == "I;16":
        assert image.source_bits == 16
    if has_alpha:
        np.testing.assert_array_equal(decoded.alpha, np.asarray(src.getchannel("A")))


def test_palette_with_transparency_keeps_its_alpha(tiny_codec):
    src = Image.fromarray(rgb(20, 30)).quantize(8)
    src.info["transparency"] = 0
    data = save(src, transparency=0)
    _, decoded = round_trip(tiny_codec, data)
    assert decoded.alpha is not None
    expected = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))[..., 3]
    np.testing.assert_array_equal(decoded.alpha, expected)


def test_exif_orientation_is_applied(tiny_codec):
    src = Image.fromarray(rgb(30, 80))
    exif = src.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise for display
    image, decoded = round_trip(tiny_codec, save(src, "JPEG", exif=exif.tobytes()))
    assert image.orientation == 6
    assert decoded.rgb.shape[:2] == (80, 30)
    assert decoded.container.orientation == 6


def test_decompression_bomb_is_refused_before_decoding():
    big = save(Image.new("L", (5000, 5000)))
    with pytest.raises(ImageError, match="megapixels, above the limit"):
        images.open_image(big, max_pixels=2**20)


def test_pillow_bomb_warning_becomes_an_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ImageError, match="decompression bomb"):
        images.open_image(save(Image.new("L", (40, 40))))


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "not an image"), (b"garbage" * 10, "not an image"),
     (save(Image.new("F", (4, 4)), "TIFF"), "floating-point")],
)
def test_unusable_inputs_are_refused_with_a_reason(data, message):
    with pytest.raises(ImageError, match=message):
        images.open_image(data)


def test_animated_images_are_refused():
    frames = [Image.new("RGB", (8, 8), c) for c in ("red", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ImageError, match="2 frames"):
        images.open_image(buf.getvalue())


def test_truncated_file_is_refused(sample_photos):
    with pytest.raises(ImageError):
        images.open_image(sample_photos["coffee"][:5000])
