"""Quality metrics on 8-bit RGB images, and the reconstruction digest.

PSNR and MS-SSIM are computed on the 8-bit pixels a user gets back, not on
the float model output. MS-SSIM (Wang, Simoncelli & Bovik, 2003; via
pytorch-msssim) needs both sides larger than 160 pixels for its five scales;
smaller images report ``None``.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
import torch
from pytorch_msssim import ms_ssim as _ms_ssim

MS_SSIM_MIN_SIDE = 161


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio in dB of two uint8 images (``inf`` if identical)."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255.0**2 / mse)


def ms_ssim(a: np.ndarray, b: np.ndarray, device: torch.device | str = "cpu") -> float | None:
    """MS-SSIM of two (H, W, 3) uint8 images, or ``None`` when too small.

    Computed in float32 on ``device`` (the worker's GPU where there is one):
    float64 on the CPU took longer than coding the image itself, and the
    values agree to about 1e-6.
    """
    if min(a.shape[0], a.shape[1]) < MS_SSIM_MIN_SIDE:
        return None
    def nchw(rgb: np.ndarray) -> torch.Tensor:  # a copy: decoded arrays may be read-only views
        return torch.tensor(rgb, device=device).permute(2, 0, 1)[None].float()

    return float(_ms_ssim(nchw(a), nchw(b), data_range=255.0))


def finite_or_none(value: float | None) -> float | None:
    """``value``, or ``None`` for inf/NaN (identical images have infinite PSNR; Parquet and JSON want null)."""
    return value if value is not None and math.isfinite(value) else None


def bits_per_pixel(num_bytes: int, width: int, height: int) -> float:
    return 8.0 * num_bytes / (width * height)


def reconstruction_digest(rgb: np.ndarray) -> str:
    """Hex BLAKE2b-128 of the uint8 pixels and their shape: proves a bit-exact decode."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(tuple(rgb.shape)).encode())
    h.update(np.ascontiguousarray(rgb, dtype=np.uint8).tobytes())
    return h.hexdigest()


THUMBNAIL_GRID = 16


def reconstruction_thumbnail(rgb: np.ndarray, grid: int = THUMBNAIL_GRID) -> bytes:
    """Box-filtered ``grid × grid`` (at most) uint8 thumbnail of a reconstruction.

    The digest proves a bit-exact decode, but float synthesis on other hardware
    (another GPU, another BLAS) may flip a few pixels by one level. Block means
    average that noise away while any real difference (another picture, a
    corrupted latent) still shows, so the decode stage compares thumbnails
    with a stated tolerance when the digests differ.
    """
    from PIL import Image

    h, w = rgb.shape[:2]
    size = (min(grid, w), min(grid, h))
    return np.asarray(Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8)).resize(size, Image.BOX)).tobytes()


def thumbnail_difference(a: bytes, b: bytes) -> tuple[int, float]:
    """(max absolute difference, PSNR in dB) of two thumbnails of the same image size."""
    if len(a) != len(b):
        return 255, 0.0
    x, y = np.frombuffer(a, np.uint8), np.frombuffer(b, np.uint8)
    return int(np.max(np.abs(x.astype(np.int16) - y.astype(np.int16)), initial=0)), psnr(x, y)
