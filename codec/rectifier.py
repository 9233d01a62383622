"""The quantization rectifier (QR).

Luo et al., "Neural Image Compression with Quantization Rectifier",
arXiv:2403.17236 (2024). Quantization maps many latents ``y`` to the same
``ŷ = round(y - μ) + μ``; the decoder never sees what was lost. Because
neighbouring latents of an image are correlated, the lost part is partly
predictable from the quantized neighbourhood, so QR predicts

    ỹ = ŷ + f(ŷ)

and the synthesis transform decodes ``ỹ`` instead of ``ŷ``. ``f`` runs only at
decode time, on the decoder's side: the bitstream does not depend on it.

Layout after the paper: a large-kernel convolution into a wide feature space,
residual blocks, multi-head self-attention over latent positions, and a
projection back to the latent channels. The paper's 7×7 convolution to 512
channels suits GPU-sized codecs; the defaults here suit CPU-sized ones.
Attention runs inside non-overlapping windows of latent positions so that its
cost grows linearly with the image, not quadratically: a 24-megapixel photo
has ~94k latent positions, too many for global attention.

**Conditioning on the hyperprior** (``RectifierConfig.prior``, an extension of
the paper). ``f(ŷ)`` is a function of ``ŷ`` alone, so it tells the synthesis
nothing that ``ŷ`` does not: what it adds is decoder capacity. The decoder
also holds the entropy parameters ``(μ, σ) = h_s(ẑ)``, which the synthesis
never sees, and they are informative about what rounding lost: ``y`` lies in
``ŷ ± ½``, and where the prior is narrow (small ``σ``) and the bin lies off its
centre (``ŷ ≠ μ``), ``y`` sits on the side of the bin nearer ``μ``. A
conditioned rectifier predicts

    ỹ = ŷ + f(ŷ, ŷ − μ, log σ)

with the prior's features entering through a 1×1 convolution added to the
embedding (18k weights at M=96, against 0.7M in the rest of the rectifier).
It starts at zero, so a conditioned rectifier warm-started from an
unconditioned one starts equal to it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from .errors import ModelError


@dataclass(frozen=True)
class RectifierConfig:
    """Width, depth and attention of a rectifier; stored in model files."""

    channels: int = 96
    kernel_size: int = 5
    res_blocks: int = 2
    heads: int = 4
    window: int = 8
    # Condition on the hyperprior's entropy parameters (see the module docstring).
    prior: bool = False

    def to_dict(self) -> dict[str, int | bool]:
        return asdict(self)


class ResidualBlock(nn.Module):
    """``x + conv3(relu(conv3(x)))``."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1),
            nn.GELU(),
            nn.Conv2d(channels, channels, 3, padding=1),
        )

    def forward(self, x: Tensor) -> Tensor:
        return x + self.body(x)


class WindowAttention(nn.Module):
    """Pre-norm multi-head self-attention within ``window × window`` tiles."""

    def __init__(self, channels: int, heads: int, window: int) -> None:
        super().__init__()
        self.window = window
        self.norm = nn.LayerNorm(channels)
        self.attn = nn.MultiheadAttention(channels, heads, batch_first=True)

    def forward(self, x: Tensor) -> Tensor:
        b, c, h, w = x.shape
        s = self.window
        ph, pw = (-h) % s, (-w) % s
        padded = F.pad(x, (0, pw, 0, ph))
        hh, ww = h + ph, w + pw
        # (B, C, H, W) -> (B * nWindows, s*s, C)
        tokens = (
            padded.view(b, c, hh // s, s, ww // s, s)
            .permute(0, 2, 4, 3, 5, 1)
            .reshape(-1, s * s, c)
        )
        mask = _padding_mask(h, w, s, b, x.device) if (ph or pw) else None
        normed = self.norm(tokens)
        out, _ = self.attn(normed, normed, normed, key_padding_mask=mask, need_weights=False)
        out = (
            out.view(b, hh // s, ww // s, s, s, c)
            .permute(0, 5, 1, 3, 2, 4)
            .reshape(b, c, hh, ww)
        )
        return x + out[:, :, :h, :w]


def _padding_mask(h: int, w: int, s: int, b: int, device: torch.device) -> Tensor:
    """True where a window token is padding, so attention ignores it."""
    hh, ww = h + (-h) % s, w + (-w) % s
    valid = torch.zeros(hh, ww, dtype=torch.bool, device=device)
    valid[:h, :w] = True
    tiles = valid.view(hh // s, s, ww // s, s).permute(0, 2, 1, 3).reshape(-1, s * s)
    return (~tiles).repeat(b, 1)


class QuantizationRectifier(nn.Module):
    """``ỹ = ŷ + f(ŷ)``: predicts the unquantized latent from the quantized one.

    With ``config.prior``, ``f`` also sees ``prior``, a tensor of
    ``prior_channels`` features of the entropy parameters (the codec makes them).

    The output projection starts at zero, so an untrained rectifier is the
    identity and adding QR to a pretrained codec changes nothing until it is
    trained.
    """

    def __init__(self, latent_channels: int, config: RectifierConfig | None = None,
                 prior_channels: int = 0) -> None:
        super().__init__()
        self.config = config or RectifierConfig()
        cfg = self.config
        self.embed = nn.Conv2d(latent_channels, cfg.channels, cfg.kernel_size, padding=cfg.kernel_size // 2)
        self.prior_embed: nn.Conv2d | None = None
        if cfg.prior:
            if prior_channels <= 0:
                raise ModelError("a rectifier conditioned on the prior needs prior_channels > 0")
            self.prior_embed = nn.Conv2d(prior_channels, cfg.channels, 1)
            nn.init.zeros_(self.prior_embed.weight)
            nn.init.zeros_(self.prior_embed.bias)
        self.blocks = nn.Sequential(*(ResidualBlock(cfg.channels) for _ in range(cfg.res_blocks)))
        self.attention = WindowAttention(cfg.channels, cfg.heads, cfg.window)
        self.project = nn.Conv2d(cfg.channels, latent_channels, 3, padding=1)
        nn.init.zeros_(self.project.weight)
        nn.init.zeros_(self.project.bias)

    def residual(self, y_hat: Tensor, prior: Tensor | None = None) -> Tensor:
        """``f(ŷ)`` (or ``f(ŷ, prior)``), the predicted quantization error."""
        features = self.embed(y_hat)
        if self.prior_embed is not None:
            if prior is None:
                raise ModelError("this rectifier is conditioned on the prior: pass the prior's features")
            features = features + self.prior_embed(prior)
        return self.project(self.attention(self.blocks(features)))

    def forward(self, y_hat: Tensor, prior: Tensor | None = None) -> Tensor:
        return y_hat + self.residual(y_hat, prior)
