"""QR codec models: CompressAI hyperprior codecs with a quantization rectifier.

One class wraps any of the supported CompressAI base models:

* ``bmshj2018-hyperprior`` — Ballé, Minnen, Singh, Hwang & Johnston,
  "Variational image compression with a scale hyperprior", ICLR 2018.
  ``y ~ N(0, σ²)`` with ``σ = h_s(ẑ)``, ``ŷ = round(y)``.
* ``mbt2018-mean`` — Minnen, Ballé & Toderici, "Joint autoregressive and
  hierarchical priors for learned image compression", NeurIPS 2018, without
  the context model: ``(σ, μ) = h_s(ẑ)``, ``ŷ = round(y - μ) + μ``.

Both decode in parallel (no autoregressive context). On top of the base
model the decoder computes ``x̂ = g_s(QR(ŷ))`` (Luo et al., arXiv:2403.17236),
see :mod:`codec.rectifier`; a rectifier may also be conditioned on the
entropy parameters of ``ŷ`` (:class:`Prior`), which the decoder has anyway.

Training (``forward``) follows the paper's *soft-to-predictive* schedule:

* ``phase="soft"``: end-to-end rate–distortion training; the rate term sees
  ``entropy_quantizer(y)``, the synthesis sees ``decoder_quantizer(y)``
  (Tsubota & Aizawa, arXiv:2303.00587), QR is bypassed.
* ``phase="predictive"``: the encoder, hyper-encoder, hyper-decoder and
  entropy models are frozen, so the bitstream and rate no longer change; the
  synthesis sees the exact decoder-side ``ŷ`` and QR learns ``ŷ → y``.

Inference (``compress``/``decompress``) produces real rANS bitstreams. The
entropy parameters come from :class:`codec.integer.IntegerHyperSynthesis`, so
a bitstream decodes identically on any machine, and a checksum of the decoded
symbols detects any desynchronization.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import torch
from compressai.entropy_models import EntropyBottleneck, GaussianConditional
from compressai.models import MeanScaleHyperprior, ScaleHyperprior
from compressai.models.base import SCALES_MIN, get_scale_table
from torch import Tensor, nn

from . import integer
from .errors import DesyncError, ModelError
from .quantize import Quantizer, make_quantizer
from .rectifier import QuantizationRectifier, RectifierConfig
from .refine import Refinement, refine_latent

ARCHITECTURES: dict[str, type[ScaleHyperprior]] = {
    "bmshj2018-hyperprior": ScaleHyperprior,
    "mbt2018-mean": MeanScaleHyperprior,
}
DECODERS = ("qr", "qr-off", "soft")
# Parameter prefixes: what the predictive phases train (the decoder side), and the
# training-time quantizers; everything else (encoder, entropy models) fixes the bitstream.
DECODER_MODULES = ("base.g_s.", "rectifier.")
QUANTIZER_MODULES = ("entropy_quantizer.", "decoder_quantizer.")
STRIDE = 64  # g_a downsamples by 16, h_a by 4 more
SCALE_FLOOR = SCALES_MIN  # compressai's lower bound on σ: the coder never uses a smaller one


@dataclass
class Prior:
    """The entropy parameters of ``ŷ`` (``σ``, and ``μ`` for mean-scale models).

    The decoder computes them from ``ẑ`` exactly as the encoder did, so besides
    coding they can inform decoding: a rectifier conditioned on the prior sees
    :meth:`features`.
    """

    scales: Tensor
    means: Tensor | None

    def log_scales(self) -> Tensor:
        """``log σ`` at the σ the coder uses (never below compressai's floor)."""
        return torch.log(self.scales.clamp_min(SCALE_FLOOR))

    def features(self, y_hat: Tensor) -> Tensor:
        """``[ŷ − μ, log σ]`` (``log σ`` alone without means), channels stacked."""
        log_scales = self.log_scales()
        if self.means is None:
            return log_scales
        return torch.cat([y_hat - self.means, log_scales], dim=1)


@dataclass
class Latents:
    """What the entropy coder writes and reads, plus the symbols' checksum."""

    y_string: bytes
    z_string: bytes
    y_shape: tuple[int, int, int]
    z_shape: tuple[int, int, int]
    symbols_digest: bytes
    y_hat: Tensor = field(repr=False)
    prior: Prior = field(repr=False)


class QRCodec(nn.Module):
    """A CompressAI base model + quantization rectifier + quantizer pair."""

    def __init__(
        self,
        architecture: str = "mbt2018-mean",
        N: int = 64,
        M: int = 96,
        rectifier: RectifierConfig | None = None,
        entropy_quantizer: str = "universal",
        decoder_quantizer: str = "dsq",
    ) -> None:
        super().__init__()
        if architecture not in ARCHITECTURES:
            known = ", ".join(ARCHITECTURES)
            raise ModelError(f"unknown architecture {architecture!r}; choose one of: {known}")
        self.architecture = architecture
        self.N, self.M = N, M
        self.base = ARCHITECTURES[architecture](N=N, M=M)
        rectifier = rectifier or RectifierConfig()
        prior_channels = (2 if self.has_means else 1) * M if rectifier.prior else 0
        self.rectifier = QuantizationRectifier(M, rectifier, prior_channels)
        self.entropy_quantizer: Quantizer = make_quantizer(entropy_quantizer)
        self.decoder_quantizer: Quantizer = make_quantizer(decoder_quantizer)
        self.use_rectifier = True
        # The R-D trade-off the model was trained for (from its card); the
        # encoder needs it to refine latents (codec.refine).
        self.lmbda: float | None = None
        self._integer_hs: integer.IntegerHyperSynthesis | None = None

    # ------------------------------------------------------------------ config
    @property
    def has_means(self) -> bool:
        return isinstance(self.base, MeanScaleHyperprior)

    def config(self) -> dict:
        return {
            "architecture": self.architecture,
            "N": self.N,
            "M": self.M,
            "rectifier": self.rectifier.config.to_dict(),
            "entropy_quantizer": self.entropy_quantizer.name,
            "decoder_quantizer": self.decoder_quantizer.name,
        }

    def load_compressai_state_dict(self, state_dict: dict[str, Tensor]) -> None:
        """Load CompressAI-format weights (e.g. zoo weights) into the base model."""
        try:
            self.base.load_state_dict(state_dict)
        except (RuntimeError, KeyError) as exc:
            raise ModelError(
                f"state dict does not fit {self.architecture} with N={self.N}, M={self.M}: {exc}"
            ) from exc
        self._integer_hs = None

    def bitstream_parameters(self) -> dict[str, Tensor]:
        """Everything that defines the bitstream: encoder side and entropy models."""
        return {
            k: v
            for k, v in self.base.state_dict().items()
            if not k.startswith("g_s.")
        }

    def model_id(self) -> bytes:
        """16-byte digest of the bitstream-defining weights and architecture."""
        return _digest_tensors(self.bitstream_parameters(), f"{self.architecture}:{self.N}:{self.M}")

    def decoder_id(self) -> bytes:
        """16-byte digest of the synthesis transform and rectifier actually used."""
        tensors = {f"g_s.{k}": v for k, v in self.base.g_s.state_dict().items()}
        if self.use_rectifier:
            tensors.update({f"qr.{k}": v for k, v in self.rectifier.state_dict().items()})
        return _digest_tensors(tensors, "decoder")

    # ---------------------------------------------------------------- training
    def set_progress(self, t: float) -> None:
        self.entropy_quantizer.set_progress(t)
        self.decoder_quantizer.set_progress(t)

    def hyper_latent(self, y: Tensor) -> Tensor:
        return self.base.h_a(torch.abs(y) if not self.has_means else y)

    def split_params(self, params: Tensor) -> tuple[Tensor, Tensor | None]:
        if self.has_means:
            scales, means = params.chunk(2, 1)
            return scales, means
        return params, None

    def forward(self, x: Tensor, phase: str = "soft") -> dict[str, Tensor | dict[str, Tensor]]:
        """Training forward pass; returns ``x_hat`` and the likelihoods of y and z."""
        if phase == "predictive":
            return self._forward_predictive(x)
        if phase != "soft":
            raise ModelError(f"unknown training phase {phase!r}; use 'soft' or 'predictive'")
        base = self.base
        # Under bf16 autocast the transforms run in bf16, but latents, quantizers
        # and entropy models stay fp32: bf16 cannot even represent integers > 256.
        y = base.g_a(x).float()
        z = self.hyper_latent(y).float()
        with _full_precision(z):
            z_hat, z_likelihoods = base.entropy_bottleneck(z)
        scales, means = self.split_params(base.h_s(z_hat).float())
        with _full_precision(y):
            y_entropy = self.entropy_quantizer(y, means)
            y_likelihoods = _gaussian_likelihood(base.gaussian_conditional, y_entropy, scales, means)
            y_decoder = self.decoder_quantizer(y, means)
        return {
            "x_hat": base.g_s(y_decoder),
            "likelihoods": {"y": y_likelihoods, "z": z_likelihoods},
        }

    @torch.no_grad()
    def frozen_latents(self, x: Tensor) -> tuple[Tensor, Tensor, Prior, dict[str, Tensor]]:
        """``y`` unquantized, the exact decoder-side ``ŷ`` and its prior, and the likelihoods of ``ŷ`` and ``ẑ``.

        What the bitstream carries, computed as the real coder does (integer
        hyper-synthesis, hard rounding); nothing here receives gradients.
        """
        y = self.base.g_a(x).float()
        z = self.hyper_latent(y).float()
        with _full_precision(z):
            _, z_likelihoods = self.base.entropy_bottleneck(z, training=False)
        scales_fixed, means = self._entropy_parameters(self._z_symbols(z), z.device)
        scales = integer.from_fixed(scales_fixed).to(z.device)
        y_sym = torch.round(y - means) if means is not None else torch.round(y)
        y_hat = y_sym + means if means is not None else y_sym
        with _full_precision(y):
            y_likelihoods = _gaussian_likelihood(self.base.gaussian_conditional, y_hat, scales, means)
        return y, y_hat, Prior(scales, means), {"y": y_likelihoods, "z": z_likelihoods}

    def _forward_predictive(self, x: Tensor) -> dict[str, Tensor | dict[str, Tensor]]:
        """Frozen bitstream: decode the exact ``ŷ`` the receiver will see."""
        y, y_hat, prior, likelihoods = self.frozen_latents(x)
        y_tilde = self.rectify(y_hat, prior) if self.use_rectifier else y_hat
        return {
            "x_hat": self.base.g_s(y_tilde),
            "likelihoods": likelihoods,
            "y": y,
            "y_hat": y_hat,
            "prior": prior,
            "y_tilde": y_tilde,
        }

    def freeze_bitstream(self) -> None:
        """Freeze everything that defines the bitstream (predictive phase)."""
        for name, p in self.named_parameters():
            p.requires_grad_(name.startswith(DECODER_MODULES))

    # --------------------------------------------------------------- inference
    def update(self, force: bool = True) -> None:
        """Compute the entropy coder's CDF tables; call once after training."""
        self.base.update(scale_table=get_scale_table(), force=force)
        self._integer_hs = None

    @property
    def integer_hs(self) -> integer.IntegerHyperSynthesis:
        if self._integer_hs is None:
            self._integer_hs = integer.IntegerHyperSynthesis.from_float(self.base.h_s)
        return self._integer_hs

    def _z_symbols(self, z: Tensor) -> Tensor:
        medians = self.base.entropy_bottleneck._get_medians().detach().view(1, -1, 1, 1)
        return torch.round(z - medians).to(torch.int32)

    def _entropy_parameters(
        self, z_symbols: Tensor, device: torch.device, backend: str = "float64"
    ) -> tuple[Tensor, Tensor | None]:
        """Scales and means from the integer hyper-synthesis (exact on any machine)."""
        medians = self.base.entropy_bottleneck._get_medians().detach().view(1, -1, 1, 1)
        z_fixed = z_symbols.to("cpu", torch.float64) * 2**integer.ACT_BITS + integer.to_fixed(
            medians.cpu()
        )
        params = self.integer_hs(z_fixed, backend=backend)
        scales, means = self.split_params(params)
        means_float = integer.from_fixed(means).to(device) if means is not None else None
        return scales, means_float

    def _indexes(self, scales_fixed: Tensor) -> Tensor:
        """CDF index per element, ``compressai``'s rule in exact integer arithmetic."""
        table = self.base.gaussian_conditional.scale_table.detach().cpu().to(torch.float64)
        thresholds = torch.floor(table[:-1] * 2**integer.ACT_BITS)
        below = (scales_fixed.unsqueeze(-1).to(torch.float64) <= thresholds).sum(-1)
        return (len(table) - 1 - below).to(torch.int32)

    @torch.no_grad()
    def compress_latents(self, x: Tensor, refinement: Refinement | None = None,
                         visible: tuple[int, int] | None = None) -> Latents:
        """Encode a padded image batch of one (values in [0, 1]) into two rANS strings.

        With ``refinement``, the latent is searched for this image before it
        is coded (:mod:`codec.refine`), judged on the ``visible`` (height,
        width) part of ``x``; the hyper-latent is not searched.
        """
        base = self.base
        y = base.g_a(x)
        z = self.hyper_latent(y)
        z_symbols = self._z_symbols(z)
        z_string = _encode(base.entropy_bottleneck, z_symbols, _bottleneck_indexes(z_symbols))
        scales_fixed, means = self._entropy_parameters(z_symbols, y.device)
        prior = Prior(integer.from_fixed(scales_fixed).to(y.device, y.dtype), means)
        if refinement is not None and refinement.steps:
            y = refine_latent(self, x, y, prior, refinement, visible)
        y_centred = y - means if means is not None else y
        y_symbols = torch.round(y_centred).to(torch.int32)
        y_string = _encode(base.gaussian_conditional, y_symbols, self._indexes(scales_fixed))
        y_hat = y_symbols.to(y.dtype) + (means if means is not None else 0)
        return Latents(
            y_string=y_string,
            z_string=z_string,
            y_shape=tuple(y.shape[1:]),
            z_shape=tuple(z.shape[1:]),
            symbols_digest=symbols_digest(z_symbols, y_symbols),
            y_hat=y_hat,
            prior=prior,
        )

    @torch.no_grad()
    def decompress_latents(
        self,
        y_string: bytes,
        z_string: bytes,
        y_shape: tuple[int, int, int],
        z_shape: tuple[int, int, int],
        symbols_digest_expected: bytes | None,
        device: torch.device | str = "cpu",
        backend: str = "float64",
    ) -> tuple[Tensor, Prior]:
        """Entropy-decode ``ŷ`` and its prior; raises :class:`DesyncError` if the symbols' checksum differs."""
        base = self.base
        if z_shape[0] != self.N or y_shape[0] != self.M:
            raise ModelError(
                f"bitstream latent channels ({y_shape[0]}, {z_shape[0]}) do not match "
                f"the model ({self.M}, {self.N})"
            )
        z_symbols = _decode(base.entropy_bottleneck, z_string, _bottleneck_indexes_for(z_shape))
        z_symbols = z_symbols.view(1, *z_shape)
        scales_fixed, means = self._entropy_parameters(z_symbols, torch.device(device), backend)
        if tuple(scales_fixed.shape[1:]) != tuple(y_shape):
            raise ModelError(f"latent shape {y_shape} does not match hyper-latent shape {z_shape}")
        y_symbols = _decode(base.gaussian_conditional, y_string, self._indexes(scales_fixed))
        y_symbols = y_symbols.view(1, *y_shape)
        if symbols_digest_expected is not None:
            actual = symbols_digest(z_symbols, y_symbols)
            if actual != symbols_digest_expected:
                raise DesyncError(
                    "entropy decoding desynchronized: the decoded symbols' checksum "
                    f"{actual.hex()} differs from the encoder's {symbols_digest_expected.hex()}; "
                    "the bitstream is corrupt or was decoded with a different model"
                )
        y_hat = y_symbols.to(torch.float32).to(device)
        prior = Prior(integer.from_fixed(scales_fixed).to(device, torch.float32), means)
        return (y_hat + means if means is not None else y_hat), prior

    def rectify(self, y_hat: Tensor, prior: Prior | None = None) -> Tensor:
        """``QR(ŷ)``; a rectifier conditioned on the prior needs ``prior``."""
        if self.rectifier.prior_embed is None:
            return self.rectifier(y_hat)
        if prior is None:
            raise ModelError("this model's rectifier is conditioned on the hyperprior: "
                             "decode with the prior that came with ŷ (Latents.prior)")
        return self.rectifier(y_hat, prior.features(y_hat))

    def decode_latent(self, y_hat: Tensor, prior: Prior | None = None) -> Tensor:
        """``g_s(QR(ŷ))`` (or ``g_s(ŷ)`` with the rectifier off), differentiable and unclamped."""
        return self.base.g_s(self.rectify(y_hat, prior) if self.use_rectifier else y_hat)

    @torch.no_grad()
    def synthesize(self, y_hat: Tensor, prior: Prior | None = None) -> Tensor:
        """The decoder's picture of ``ŷ``, clamped to [0, 1]."""
        return self.decode_latent(y_hat, prior).clamp_(0, 1)


def symbols_digest(z_symbols: Tensor, y_symbols: Tensor) -> bytes:
    """8-byte BLAKE2b of the int32 little-endian symbols of z then y."""
    h = hashlib.blake2b(digest_size=8)
    for t in (z_symbols, y_symbols):
        h.update(t.detach().to("cpu", torch.int32).contiguous().numpy().astype("<i4").tobytes())
    return h.digest()


def _digest_tensors(tensors: dict[str, Tensor], salt: str) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    h.update(salt.encode())
    for name in sorted(tensors):
        t = tensors[name].detach().to("cpu").contiguous()
        h.update(f"{name}:{t.dtype}:{tuple(t.shape)}".encode())
        h.update(t.numpy().tobytes())
    return h.digest()


def _full_precision(t: Tensor):
    """Disable autocast: entropy models and their matmuls must run in fp32."""
    return torch.autocast(t.device.type, enabled=False)


def _gaussian_likelihood(
    gc: GaussianConditional, y: Tensor, scales: Tensor, means: Tensor | None
) -> Tensor:
    likelihood = gc._likelihood(y, scales, means)
    return gc.likelihood_lower_bound(likelihood) if gc.use_likelihood_bound else likelihood


def _bottleneck_indexes(z_symbols: Tensor) -> Tensor:
    return _bottleneck_indexes_for(tuple(z_symbols.shape[1:])).view_as(z_symbols)


def _bottleneck_indexes_for(z_shape: tuple[int, int, int]) -> Tensor:
    c, h, w = z_shape
    return torch.arange(c, dtype=torch.int32).view(1, c, 1, 1).expand(1, c, h, w).contiguous()


def _encode(entropy_model: EntropyBottleneck | GaussianConditional, symbols: Tensor, indexes: Tensor) -> bytes:
    entropy_model._check_cdf_size()
    return entropy_model.entropy_coder.encode_with_indexes(
        symbols.reshape(-1).tolist(),
        indexes.reshape(-1).tolist(),
        entropy_model._quantized_cdf.tolist(),
        entropy_model._cdf_length.reshape(-1).tolist(),
        entropy_model._offset.reshape(-1).tolist(),
    )


def _decode(entropy_model: EntropyBottleneck | GaussianConditional, string: bytes, indexes: Tensor) -> Tensor:
    entropy_model._check_cdf_size()
    values = entropy_model.entropy_coder.decode_with_indexes(
        string,
        indexes.reshape(-1).tolist(),
        entropy_model._quantized_cdf.tolist(),
        entropy_model._cdf_length.reshape(-1).tolist(),
        entropy_model._offset.reshape(-1).tolist(),
    )
    return torch.tensor(values, dtype=torch.int32)
