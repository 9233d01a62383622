"""Encoder-side latent refinement: more encoding effort, fewer bits, the same decoder.

The analysis transform ``g_a`` is *amortized*: one network pass guesses a
latent for any image, and that guess is not the best latent for the image at
hand (the amortization gap; Cremer, Li & Duvenaud, ICML 2018). Knowing the
image, the encoder can search for a better one (Campos, Meierhans, Djelouah &
Schroers, CVPR-W 2019; Yang, Bamler & Mandt, "Improving Inference for Neural
Image Compression", NeurIPS 2020):

    ŷ* = argmin_ŷ  R(ŷ | μ, σ) + λ · 255² · MSE(x, g_s(QR(ŷ)))

with the model's own λ and its own decoder, rectifier included. Rounding has
no useful gradient, so the search rounds with stochastic Gumbel annealing
(:class:`codec.quantize.GumbelSoftRounding`, Yang et al.'s SGA), whose
temperature falls with the search so that it ends at hard rounding.

The hyper-latent ``z``, and with it ``μ`` and ``σ``, stays as the amortized
encoder chose it, so the refined latent is entropy-coded against the same
integer hyper-synthesis: the bitstream format and every decoder are
unchanged, and decoders that predate refinement read refined bitstreams. The
search is seeded (the same image gives the same bytes on the same machine),
and the encoder keeps the amortized latent whenever the refined one does not
lower this image's rate-distortion cost, so refinement never makes an image
worse by its own measure.

Cost: each step is one synthesis forward and backward pass over the whole
image, run under bf16 autocast where the hardware has it (the final choice
between the two latents is made in fp32): 20 steps took 3.7 s for a
0.37-megapixel photo on 2 CPU cores with AMX (6.6 s in fp32, same result).
Memory grows with the image like a training step's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch
from compressai.entropy_models import GaussianConditional
from torch import Tensor

from .errors import CodecError, ModelError
from .precision import bf16_autocast
from .quantize import GumbelSoftRounding, make_quantizer

if TYPE_CHECKING:
    from .models import Prior, QRCodec


@dataclass(frozen=True)
class Refinement:
    """How hard the encoder searches: ``steps`` of Adam on the latent."""

    steps: int
    learning_rate: float = 0.03
    seed: int = 0

    def __post_init__(self) -> None:
        if self.steps < 0:
            raise CodecError(f"refinement steps must be 0 or more, not {self.steps}")
        if self.learning_rate <= 0:
            raise CodecError(f"refinement learning rate must be positive, not {self.learning_rate}")


def trained_lambda(model: QRCodec) -> float:
    """The λ the model was trained for, which the search must use, or a clear error."""
    if model.lmbda is None:
        raise ModelError("this model's card has no λ, so the encoder cannot refine its latents; "
                         "encode without refinement")
    return model.lmbda


def rd_cost(model: QRCodec, x: Tensor, y_hat: Tensor, prior: Prior,
            lmbda: float, visible: tuple[int, int], bf16: bool = False) -> Tensor:
    """``R + λ·255²·D`` of a latent: R in bits per visible pixel under the prior, D the MSE of its decoding.

    Only the ``visible`` (height, width) corner counts: the rest is the
    encoder's padding, which no one sees. With ``bf16``, the synthesis runs
    under bf16 autocast where that is fast (:mod:`codec.precision`); the rate
    and the loss stay fp32.
    """
    h, w = visible
    gc: GaussianConditional = model.base.gaussian_conditional
    likelihood = gc.likelihood_lower_bound(gc._likelihood(y_hat, prior.scales, prior.means))
    bpp = -torch.log2(likelihood).sum() / (h * w)
    with bf16_autocast(x.device, bf16):
        x_hat = model.decode_latent(y_hat, prior)
    return bpp + lmbda * 255**2 * torch.mean((x_hat[..., :h, :w].float() - x[..., :h, :w]) ** 2)


def refine_latent(model: QRCodec, x: Tensor, y: Tensor, prior: Prior,
                  refinement: Refinement, visible: tuple[int, int] | None = None) -> Tensor:
    """A latent for ``x`` with a lower rate-distortion cost than ``y``, or ``y`` itself.

    ``prior`` holds the entropy parameters the bitstream will use; the result
    is continuous and is rounded around the prior's means as usual.
    ``visible`` is the image's size inside the padded ``x`` (default: all of it).
    """
    lmbda = trained_lambda(model)
    visible = visible or (x.shape[2], x.shape[3])
    if refinement.steps == 0:
        return y
    rounding: GumbelSoftRounding = make_quantizer("gumbel").train()
    devices = [x.device] if x.device.type == "cuda" else []
    with torch.enable_grad(), torch.random.fork_rng(devices=devices):
        torch.manual_seed(refinement.seed)
        latent = y.detach().clone().requires_grad_(True)
        optimizer = torch.optim.Adam([latent], lr=refinement.learning_rate)
        for step in range(refinement.steps):
            rounding.set_progress(step / max(1, refinement.steps - 1))
            cost = rd_cost(model, x, rounding(latent, prior.means), prior, lmbda, visible, bf16=True)
            (grad,) = torch.autograd.grad(cost, [latent])  # the model's weights need no gradients
            optimizer.zero_grad(set_to_none=True)
            latent.grad = grad
            optimizer.step()
    refined = latent.detach()
    rounding.eval()  # hard rounding, as the bitstream will have it
    with torch.no_grad():
        costs = [float(rd_cost(model, x, rounding(v, prior.means), prior, lmbda, visible))
                 for v in (y, refined)]
    return refined if costs[1] < costs[0] else y
