"""Images ⇄ containers: the codec as a user calls it.

:class:`ImageCodec` binds one model to one device. ``encode`` pads the image
to the model's stride (replicating edge pixels), codes it, and also returns
the encoder-side reconstruction so callers can report quality and record a
digest without a second decode. ``decode`` verifies the container, checks the
model id, entropy-decodes with the symbols checksum, synthesizes and crops
back to the original size.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch.nn import functional as F

from . import bitstream, images
from .errors import ModelError
from .models import STRIDE, QRCodec
from .refine import Refinement, trained_lambda
from .registry import load_model


@dataclass
class Encoded:
    data: bytes  # the container
    reconstruction: np.ndarray  # (H, W, 3) uint8, what a decoder on this machine returns
    image: images.PreparedImage
    seconds: float


@dataclass
class Decoded:
    rgb: np.ndarray  # (H, W, 3) uint8
    alpha: np.ndarray | None
    container: bitstream.Container
    seconds: float

    def to_pil(self):
        return images.to_pil(self.rgb, self.alpha, self.container.grey)


def default_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class ImageCodec:
    """One model on one device; with ``refinement``, encoding searches each latent (codec.refine)."""

    def __init__(self, model: QRCodec, device: torch.device | str | None = None,
                 refinement: Refinement | None = None) -> None:
        self.device = torch.device(device) if device is not None else default_device()
        self.model = model.to(self.device).eval()
        self.model_id = model.model_id()
        if refinement is not None and refinement.steps:
            trained_lambda(model)  # fail now, not at every image
        self.refinement = refinement

    @classmethod
    def load(cls, name_or_path: str | None = None, quality: int | None = None,
             decoder: str = "qr", device: torch.device | str | None = None,
             refinement: Refinement | None = None) -> ImageCodec:
        return cls(load_model(name_or_path, decoder=decoder, quality=quality), device, refinement)

    # -- tensors
    def _to_tensor(self, rgb: np.ndarray) -> torch.Tensor:
        x = torch.from_numpy(np.ascontiguousarray(rgb)).to(self.device)
        x = x.permute(2, 0, 1)[None].float().div_(255)
        h, w = rgb.shape[:2]
        pad_h, pad_w = (-h) % STRIDE, (-w) % STRIDE
        return F.pad(x, (0, pad_w, 0, pad_h), mode="replicate") if pad_h or pad_w else x

    def _to_pixels(self, x_hat: torch.Tensor, width: int, height: int) -> np.ndarray:
        x = x_hat[0, :, :height, :width].mul(255).round_().clamp_(0, 255)
        return x.to(torch.uint8).permute(1, 2, 0).cpu().numpy()

    # -- API
    @torch.no_grad()
    def encode(self, image: images.PreparedImage) -> Encoded:
        start = time.perf_counter()
        latents = self.model.compress_latents(self._to_tensor(image.rgb), self.refinement,
                                              (image.height, image.width))
        recon = self._to_pixels(self.model.synthesize(latents.y_hat, latents.prior), image.width, image.height)
        container = bitstream.Container(
            model_id=self.model_id,
            width=image.width,
            height=image.height,
            y_shape=latents.y_shape,
            z_shape=latents.z_shape,
            z_string=latents.z_string,
            y_string=latents.y_string,
            symbols_digest=latents.symbols_digest,
            alpha=images.compress_alpha(image.alpha) if image.alpha is not None else b"",
            grey=image.grey,
            source_bits=image.source_bits,
            orientation=image.orientation,
            source_mode=image.source_mode,
        )
        data = bitstream.pack(container)
        return Encoded(data, recon, image, time.perf_counter() - start)

    @torch.no_grad()
    def decode(self, data: bytes, backend: str = "float64") -> Decoded:
        start = time.perf_counter()
        c = bitstream.unpack(data)
        if c.model_id != self.model_id:
            raise ModelError(
                f"bitstream was made with model {c.model_id.hex()}, not with this model "
                f"({self.model_id.hex()})"
            )
        y_hat, prior = self.model.decompress_latents(
            c.y_string, c.z_string, c.y_shape, c.z_shape, c.symbols_digest, self.device, backend
        )
        rgb = self._to_pixels(self.model.synthesize(y_hat, prior), c.width, c.height)
        alpha = images.decompress_alpha(c.alpha, c.width, c.height) if c.alpha else None
        return Decoded(rgb, alpha, c, time.perf_counter() - start)
