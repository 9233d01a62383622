"""Training-time approximations of uniform scalar quantization.

Rounding has a zero gradient almost everywhere, so end-to-end training replaces
``round`` by a surrogate. Tsubota & Aizawa (2023, arXiv:2303.00587) compare the
surrogates below and show that the entropy-model path and the decoder path may
use *different* ones; universal quantization for the entropy model with
differentiable soft quantization for the decoder is a good pair across
architectures. Every quantizer here:

* quantizes ``x - means`` when means are given and adds them back, so a
  mean-scale model rounds around its predicted means;
* is plain hard rounding in ``eval()`` mode, which is what the bitstream uses;
* may depend on training progress ``t`` in ``[0, 1]`` (annealing), set with
  :meth:`Quantizer.set_progress`.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from .errors import CodecError


def round_ste(x: Tensor) -> Tensor:
    """Hard rounding whose backward pass is the identity (straight-through)."""
    return x + (torch.round(x) - x).detach()


class Quantizer(nn.Module):
    """Base class: ``forward(x, means)`` returns the quantized ``x``."""

    name = "hard"

    def __init__(self) -> None:
        super().__init__()
        self.progress = 0.0

    def set_progress(self, t: float) -> None:
        """Training progress in [0, 1]; annealed quantizers read it."""
        self.progress = min(max(float(t), 0.0), 1.0)

    def forward(self, x: Tensor, means: Tensor | None = None) -> Tensor:
        centred = x if means is None else x - means
        out = self.approximate(centred) if self.training else torch.round(centred)
        return out if means is None else out + means

    def approximate(self, x: Tensor) -> Tensor:  # pragma: no cover - overridden
        return torch.round(x)


class AdditiveNoise(Quantizer):
    """Additive uniform noise (Ballé et al., 2017): ``x + u``, ``u ~ U(-½, ½)``.

    Gradient: identity. Matches the density of the quantized value convolved
    with a unit box, which is what the rate term integrates.
    """

    name = "noise"

    def approximate(self, x: Tensor) -> Tensor:
        return x + torch.empty_like(x).uniform_(-0.5, 0.5)


class StraightThrough(Quantizer):
    """Straight-through rounding (Theis et al., 2017): forward ``round(x)``, backward identity."""

    name = "ste"

    def approximate(self, x: Tensor) -> Tensor:
        return round_ste(x)


class UniversalQuantization(Quantizer):
    """Universal quantization (Agustsson & Theis, 2020): ``round(x - u) + u``.

    One dither ``u ~ U(-½, ½)`` is shared by the whole tensor, as sender and
    receiver would share it; the error ``round(x-u)+u-x`` is then uniform and
    independent of ``x``. Gradient: straight-through.
    """

    name = "universal"

    def approximate(self, x: Tensor) -> Tensor:
        u = torch.empty((), device=x.device, dtype=x.dtype).uniform_(-0.5, 0.5)
        return round_ste(x - u) + u


class StochasticRounding(Quantizer):
    """Stochastic rounding: ``floor(x) + Bernoulli(x - floor(x))``; unbiased.

    Gradient: straight-through.
    """

    name = "stochastic"

    def approximate(self, x: Tensor) -> Tensor:
        floor = torch.floor(x)
        up = torch.bernoulli((x - floor).detach())
        return x + (floor + up - x).detach()


class AnnealedTemperature(Quantizer):
    """A quantizer whose temperature anneals geometrically: ``τ = τ₀ · (τ_end/τ₀)^t``."""

    def __init__(self, tau_start: float, tau_end: float) -> None:
        super().__init__()
        self.tau_start, self.tau_end = tau_start, tau_end

    @property
    def tau(self) -> float:
        return self.tau_start * (self.tau_end / self.tau_start) ** self.progress


class AnnealedStochasticRounding(AnnealedTemperature):
    """Stochastic rounding whose randomness is annealed away.

    ``P(up) = σ((r - ½) / τ)`` with ``r = x - floor(x)`` and temperature
    ``τ = τ₀ · (τ_min/τ₀)^t``: near-uniform choices early in training,
    deterministic rounding as ``τ → 0``. Gradient: straight-through.
    """

    name = "annealed-stochastic"

    def __init__(self, tau_start: float = 0.5, tau_end: float = 0.01) -> None:
        super().__init__(tau_start, tau_end)

    def approximate(self, x: Tensor) -> Tensor:
        floor = torch.floor(x)
        p_up = torch.sigmoid((x - floor - 0.5) / self.tau).detach()
        return x + (floor + torch.bernoulli(p_up) - x).detach()


class GumbelSoftRounding(AnnealedTemperature):
    """Stochastic Gumbel annealing (Yang, Bamler & Mandt, 2020).

    Two candidates ``floor(x)`` and ``ceil(x)`` with logits
    ``-atanh(clamp(r))/τ`` and ``-atanh(clamp(1-r))/τ``; the output is the
    Gumbel-softmax weighted mix, ``floor(x) + w_up``. As ``τ → 0`` it becomes
    stochastic hard rounding. Gradient: through the relaxed weights.
    """

    name = "gumbel"

    def __init__(self, tau_start: float = 0.5, tau_end: float = 0.05) -> None:
        super().__init__(tau_start, tau_end)

    def approximate(self, x: Tensor) -> Tensor:
        floor = torch.floor(x).detach()
        r = (x - floor).clamp(1e-4, 1 - 1e-4)
        logits = torch.stack([-torch.atanh(r), -torch.atanh(1 - r)], dim=-1) / self.tau
        weights = nn.functional.gumbel_softmax(logits, tau=1.0, hard=False, dim=-1)
        return floor + weights[..., 1]


class SigmoidSoftRounding(Quantizer):
    """Soft rounding with a fixed sharpness α (Agustsson & Theis, 2020).

    ``s_α(x) = m + ½·tanh(α·r)/tanh(α/2) + ½``, ``m = floor(x)``,
    ``r = x - m - ½`` — a sigmoid step between neighbouring integers that
    equals ``x`` as ``α → 0`` and ``round(x)`` as ``α → ∞``. Gradient: exact.
    """

    name = "sigmoid-soft"

    def __init__(self, alpha: float = 5.0) -> None:
        super().__init__()
        self.alpha = alpha

    def approximate(self, x: Tensor) -> Tensor:
        return soft_round(x, torch.as_tensor(self.alpha, device=x.device, dtype=x.dtype))


class DifferentiableSoftQuantization(Quantizer):
    """Differentiable soft quantization (Gong et al., 2019, "DSQ"), annealed to hard.

    The same tanh staircase as :class:`SigmoidSoftRounding` with sharpness
    ``α = softplus(a) + α_min(t)``: ``a`` is learned, so training decides how
    soft the decoder's view is, but a floor ``α_min(t) = α₀·(α₁/α₀)^min(t/t₁, 1)``
    rises geometrically with training progress. Without the floor the learned
    ``α`` settles near 1.6 on short CPU schedules, where the staircase is almost
    the identity: the encoder then hides information below the quantization
    step that hard rounding destroys (we measured 27 dB in training, 19 dB from
    real bitstreams). With ``α ≥ 32`` the staircase is hard rounding up to a
    few per cent. Gradient: exact, also with respect to ``a``.
    """

    name = "dsq"

    def __init__(
        self, alpha_init: float = 2.0, floor_start: float = 2.0, floor_end: float = 32.0, floor_at: float = 0.8
    ) -> None:
        super().__init__()
        self.raw_alpha = nn.Parameter(torch.tensor(math.log(math.expm1(alpha_init))))
        self.floor_start, self.floor_end, self.floor_at = floor_start, floor_end, floor_at

    @property
    def alpha_floor(self) -> float:
        t = min(self.progress / self.floor_at, 1.0)
        return self.floor_start * (self.floor_end / self.floor_start) ** t

    @property
    def alpha(self) -> Tensor:
        return nn.functional.softplus(self.raw_alpha) + self.alpha_floor

    def approximate(self, x: Tensor) -> Tensor:
        return soft_round(x, self.alpha.to(x.dtype))


class NoisySoftQuantization(DifferentiableSoftQuantization):
    """DSQ's staircase with noise between two soft roundings: ``s_α(s_α(x) + u)``, ``u ~ U(-½, ½)``.

    Agustsson & Theis (2020, "Universally quantized neural compression") pass
    the decoder this form so that it cannot read where a latent sits inside
    its quantization step. Plain DSQ is deterministic: a latent on the ramp
    between two integers reaches the decoder as its exact position, which
    hard rounding destroys. An encoder trained long enough learns to put
    latents there (our q2 put 8 % of them within 0.05 of a step boundary, and
    its decoder read 1.8 dB more through DSQ than through rounding:
    ``scripts/quantizer_leak.py``). With the
    noise a latent near a boundary reaches the decoder as one integer or the
    other, at random: how close it sits shifts the odds, not the value. Same
    learned sharpness and floor as :class:`DifferentiableSoftQuantization`;
    as ``α`` grows it tends to hard rounding, since ``round(round(x) + u)``
    is ``round(x)``.
    """

    name = "noisy-dsq"

    def approximate(self, x: Tensor) -> Tensor:
        alpha = self.alpha.to(x.dtype)
        return soft_round(soft_round(x, alpha) + torch.empty_like(x).uniform_(-0.5, 0.5), alpha)


class SoftThenHard(Quantizer):
    """Soft-then-hard (Guo et al., 2021): additive noise, then hard rounding.

    For ``t < switch`` it is :class:`AdditiveNoise`; afterwards it is
    :class:`StraightThrough`, so the decoder adapts to the true quantized
    latents for the last part of training.
    """

    name = "soft-then-hard"

    def __init__(self, switch: float = 0.8) -> None:
        super().__init__()
        self.switch = switch

    def approximate(self, x: Tensor) -> Tensor:
        if self.progress < self.switch:
            return x + torch.empty_like(x).uniform_(-0.5, 0.5)
        return round_ste(x)


def soft_round(x: Tensor, alpha: Tensor) -> Tensor:
    """The tanh staircase ``floor(x) + ½·tanh(α(r-½))/tanh(α/2) + ½``."""
    floor = torch.floor(x).detach()
    r = x - floor - 0.5
    return floor + 0.5 * torch.tanh(alpha * r) / torch.tanh(alpha / 2) + 0.5


QUANTIZERS: dict[str, type[Quantizer]] = {
    cls.name: cls
    for cls in (
        AdditiveNoise,
        StraightThrough,
        UniversalQuantization,
        StochasticRounding,
        AnnealedStochasticRounding,
        GumbelSoftRounding,
        SigmoidSoftRounding,
        DifferentiableSoftQuantization,
        NoisySoftQuantization,
        SoftThenHard,
    )
}


def make_quantizer(name: str) -> Quantizer:
    """A quantizer by its registry name (see :data:`QUANTIZERS`)."""
    try:
        return QUANTIZERS[name]()
    except KeyError:
        known = ", ".join(sorted(QUANTIZERS))
        raise CodecError(f"unknown quantizer {name!r}; choose one of: {known}") from None
