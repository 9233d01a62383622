"""Integer hyper-synthesis: entropy-model parameters that every machine agrees on.

CompressAI's float models cannot decode a bitstream on a machine other than
the one that encoded it (CompressAI issues #279 and #309): the hyper-synthesis
``h_s`` computes the Gaussian scales in floating point, a different CPU, GPU,
BLAS or thread count changes a scale by one ulp, a scale near a table
boundary picks a different CDF, and the rANS decoder desynchronizes.

Following Ballé, Johnston & Minnen, "Integer networks for data compression with
latent-variable models" (ICLR 2019), the decoder-critical path here is integer
arithmetic. A trained float ``h_s`` is converted once, at load time, into a
fixed-point network:

* activations are integers at scale ``2^ACT_BITS`` and clamped to
  ``±ACT_LIMIT``; weights are ``round(w · 2^WEIGHT_BITS)``; biases are
  ``round(b · 2^(ACT_BITS + WEIGHT_BITS))``;
* each layer computes an exact integer sum of products, then rescales with
  ``floor(· / 2^WEIGHT_BITS)`` and applies an integer activation.

Why this is exact everywhere: every operand is an integer, and
:func:`IntegerHyperSynthesis.check_bounds` proves, from the actual weights,
that no partial sum can exceed ``2^53`` in magnitude. Integers below ``2^53``
are represented exactly in IEEE-754 binary64, so a float64 convolution returns
the exact integer result *in any summation order, with or without FMA*, on any
conforming hardware; the ``int64`` backend computes the same sums with integer
instructions as a cross-check. Rounding a float32 weight times a power of two
is also exact, so the conversion itself is reproducible. The convolutions run
on the CPU (the tensors are 1/64 of the image), away from GPU kernels such as
Winograd whose transforms are not exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from .errors import ModelError

ACT_BITS = 12
WEIGHT_BITS = 16
ACT_LIMIT = 2**23  # |activation| ≤ 2048.0 in real units
EXACT_LIMIT = 2**53
LEAKY_NUMERATOR = 41  # LeakyReLU slope 0.01 ≈ 41 / 4096
LEAKY_SHIFT = 4096

BACKENDS = ("float64", "int64")


@dataclass
class IntegerLayer:
    """One convolution (or transposed convolution) followed by an activation."""

    weight: Tensor  # int64 values in a float64 tensor
    bias: Tensor
    stride: int
    padding: int
    output_padding: int
    transposed: bool
    activation: str  # "relu" | "leaky" | "none"


class IntegerHyperSynthesis:
    """An exact, machine-independent replica of a float ``h_s``."""

    def __init__(self, layers: list[IntegerLayer]) -> None:
        self.layers = layers
        self.check_bounds()

    @classmethod
    def from_float(cls, h_s: nn.Sequential) -> IntegerHyperSynthesis:
        modules = list(h_s)
        layers: list[IntegerLayer] = []
        for i, module in enumerate(modules):
            if not isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
                continue
            following = modules[i + 1] if i + 1 < len(modules) else None
            layers.append(_convert(module, _activation_name(following)))
        return cls(layers)

    def check_bounds(self) -> None:
        """Prove that no partial sum can leave the exactly-representable range."""
        for index, layer in enumerate(self.layers):
            dims = (0, 2, 3) if layer.transposed else (1, 2, 3)
            worst = layer.weight.abs().sum(dim=dims) * ACT_LIMIT + layer.bias.abs()
            if float(worst.max()) >= EXACT_LIMIT:
                raise ModelError(
                    f"hyper-synthesis layer {index} has weights too large for exact "
                    f"integer evaluation (bound {float(worst.max()):.3g} ≥ 2^53)"
                )

    def __call__(self, z_fixed: Tensor, backend: str = "float64") -> Tensor:
        """Map fixed-point ``ẑ`` (scale ``2^ACT_BITS``) to fixed-point ``h_s(ẑ)``."""
        if backend not in BACKENDS:
            raise ModelError(f"unknown integer backend {backend!r}; choose one of {BACKENDS}")
        x = z_fixed.to(device="cpu", dtype=torch.float64).clamp(-ACT_LIMIT, ACT_LIMIT)
        for layer in self.layers:
            acc = _conv_float64(x, layer) if backend == "float64" else _conv_int64(x, layer)
            x = torch.floor(acc / 2**WEIGHT_BITS)
            x = _activate(x, layer.activation).clamp(-ACT_LIMIT, ACT_LIMIT)
        return x.to(torch.int64)


def _activation_name(module: nn.Module | None) -> str:
    if isinstance(module, nn.ReLU):
        return "relu"
    if isinstance(module, nn.LeakyReLU):
        if abs(module.negative_slope - 0.01) > 1e-9:
            raise ModelError("integer hyper-synthesis supports LeakyReLU(0.01) only")
        return "leaky"
    if module is None or isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
        return "none"
    raise ModelError(f"integer hyper-synthesis cannot convert {type(module).__name__}")


def _convert(module: nn.Conv2d | nn.ConvTranspose2d, activation: str) -> IntegerLayer:
    weight = module.weight.detach().to("cpu", torch.float64)
    bias = module.bias.detach().to("cpu", torch.float64)
    transposed = isinstance(module, nn.ConvTranspose2d)
    return IntegerLayer(
        weight=torch.round(weight * 2**WEIGHT_BITS),
        bias=torch.round(bias * 2 ** (WEIGHT_BITS + ACT_BITS)),
        stride=module.stride[0],
        padding=module.padding[0],
        output_padding=module.output_padding[0] if transposed else 0,
        transposed=transposed,
        activation=activation,
    )


def _activate(x: Tensor, activation: str) -> Tensor:
    if activation == "relu":
        return x.clamp_min(0)
    if activation == "leaky":
        return torch.where(x >= 0, x, torch.floor(x * LEAKY_NUMERATOR / LEAKY_SHIFT))
    return x


def _conv_float64(x: Tensor, layer: IntegerLayer) -> Tensor:
    bias = layer.bias
    if layer.transposed:
        return F.conv_transpose2d(
            x, layer.weight, bias, layer.stride, layer.padding, layer.output_padding
        )
    return F.conv2d(x, layer.weight, bias, layer.stride, layer.padding)


def _conv_int64(x: Tensor, layer: IntegerLayer) -> Tensor:
    """The same convolution with int64 instructions only (im2col + integer matmul)."""
    xi = x.to(torch.int64)
    weight = layer.weight.to(torch.int64)
    k = weight.shape[-1]
    if layer.transposed:
        # A transposed convolution is a stride-1 convolution of the zero-upsampled
        # input with the flipped, channel-swapped kernel.
        b, c, h, w = xi.shape
        s = layer.stride
        up = xi.new_zeros(b, c, (h - 1) * s + 1, (w - 1) * s + 1)
        up[:, :, ::s, ::s] = xi
        lo = k - 1 - layer.padding
        hi = lo + layer.output_padding
        xi = F.pad(up, (lo, hi, lo, hi))
        weight = weight.transpose(0, 1).flip(2, 3)
        stride, pad = 1, 0
    else:
        stride, pad = layer.stride, layer.padding
        xi = F.pad(xi, (pad, pad, pad, pad))
    b, c, h, w = xi.shape
    oh, ow = (h - k) // stride + 1, (w - k) // stride + 1
    cols = torch.stack(
        [
            xi[:, :, dy : dy + stride * (oh - 1) + 1 : stride, dx : dx + stride * (ow - 1) + 1 : stride]
            for dy in range(k)
            for dx in range(k)
        ],
        dim=2,
    ).reshape(b, c * k * k, oh * ow)
    out = weight.reshape(weight.shape[0], -1) @ cols
    out = out + layer.bias.to(torch.int64).view(1, -1, 1)
    return out.view(b, -1, oh, ow).to(torch.float64)


def to_fixed(x: Tensor) -> Tensor:
    """Float tensor → fixed-point integers at scale ``2^ACT_BITS`` (exact power-of-two multiply)."""
    return torch.round(x.to(torch.float64) * 2**ACT_BITS)


def from_fixed(x: Tensor) -> Tensor:
    """Fixed-point integers → float32; exact while ``|x| < 2^24``, which ``ACT_LIMIT`` ensures."""
    return (x.to(torch.float64) / 2**ACT_BITS).to(torch.float32)
