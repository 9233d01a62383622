import pytest
import torch

from codec.errors import CodecError
from codec.quantize import QUANTIZERS, make_quantizer

# Quantizers whose backward pass is the identity (straight-through or additive noise).
IDENTITY_GRADIENT = {"noise", "ste", "universal", "stochastic", "annealed-stochastic", "soft-then-hard"}
SOFT = {"gumbel", "sigmoid-soft", "dsq", "noisy-dsq"}


@pytest.mark.parametrize("name", sorted(QUANTIZERS))
def test_forward_stays_within_one_step_and_is_rounding_in_eval(name):
    torch.manual_seed(0)
    q = make_quantizer(name).train()
    x = torch.randn(2, 4, 8, 8) * 5
    out = q(x)
    assert out.shape == x.shape
    assert (out - x).abs().max() <= 1.0 + 1e-5
    q.eval()
    assert torch.equal(q(x), torch.round(x))


@pytest.mark.parametrize("name", sorted(QUANTIZERS))
def test_rounds_around_means_in_eval(name):
    q = make_quantizer(name).eval()
    x, means = torch.randn(3, 5) * 3, torch.randn(3, 5)
    assert torch.allclose(q(x, means), torch.round(x - means) + means)


@pytest.mark.parametrize("name", sorted(IDENTITY_GRADIENT))
def test_identity_gradient(name):
    q = make_quantizer(name).train()
    x = (torch.randn(64) * 3).requires_grad_()
    q(x).sum().backward()
    assert torch.allclose(x.grad, torch.ones_like(x))


@pytest.mark.parametrize("name", sorted(SOFT))
def test_soft_quantizers_have_shaped_gradients(name):
    torch.manual_seed(1)
    q = make_quantizer(name).train()
    x = (torch.rand(256) * 4 - 2).requires_grad_()
    q(x).sum().backward()
    assert torch.isfinite(x.grad).all()
    assert x.grad.abs().sum() > 0
    # Soft rounding: steep between integers, flat near them, so not the identity.
    assert not torch.allclose(x.grad, torch.ones_like(x))


def test_dsq_learns_its_sharpness():
    q = make_quantizer("dsq").train()
    x = torch.rand(100) * 4
    ((q(x) - torch.round(x)) ** 2).sum().backward()
    assert q.raw_alpha.grad is not None and q.raw_alpha.grad.abs() > 0


def test_dsq_is_annealed_to_hard_rounding():
    """The sharpness floor rises with progress, so the decoder ends up seeing (almost) hard rounding."""
    q = make_quantizer("dsq").train()
    x = torch.linspace(-3, 3, 6001)
    away_from_steps = (x - torch.floor(x) - 0.5).abs() > 0.1
    q.set_progress(0.0)
    early = (q(x) - torch.round(x)).abs()[away_from_steps].max()
    q.set_progress(1.0)
    late = (q(x) - torch.round(x)).abs()[away_from_steps].max()
    assert q.alpha.item() >= 32
    assert late < 0.01 < early


def test_noisy_dsq_hides_where_a_latent_sits_in_its_step():
    """Plain DSQ passes a latent near a step boundary on as its exact position (what an encoder
    can exploit); with noise between the soft roundings it arrives as 0 or 1, at random."""
    torch.manual_seed(3)
    x = torch.full((20000,), 0.48)
    plain, noisy = make_quantizer("dsq").train(), make_quantizer("noisy-dsq").train()
    plain.set_progress(1.0)
    noisy.set_progress(1.0)
    assert plain(x).unique().numel() == 1 and 0.1 < plain(x)[0] < 0.9  # deterministic, inside the step
    out = noisy(x)
    near_integers = (out - torch.round(out)).abs() < 0.05
    assert near_integers.float().mean() > 0.75
    assert 0.1 < (torch.round(out) == 1).float().mean() < 0.9  # both neighbours occur


def test_universal_shares_one_dither():
    torch.manual_seed(2)
    x = torch.linspace(-3, 3, 1000)
    out = make_quantizer("universal").train()(x)
    assert (out - x).abs().max() <= 0.5 + 1e-6
    # round(x - u) + u: every output sits on the same shifted integer grid.
    fractions = out - torch.floor(out)
    assert torch.allclose(fractions, fractions[0].expand_as(fractions), atol=1e-5)


def test_annealing_makes_stochastic_rounding_deterministic():
    torch.manual_seed(3)
    q = make_quantizer("annealed-stochastic").train()
    x = torch.rand(10000) * 10
    q.set_progress(1.0)
    assert (q(x) == torch.round(x)).float().mean() > 0.98
    q.set_progress(0.0)
    assert (q(x) == torch.round(x)).float().mean() < 0.9


def test_soft_then_hard_switches():
    q = make_quantizer("soft-then-hard").train()
    x = torch.rand(1000) * 10
    q.set_progress(0.1)
    assert not torch.equal(q(x), torch.round(x))
    q.set_progress(0.95)
    assert torch.equal(q(x), torch.round(x))


def test_unknown_quantizer_is_a_clear_error():
    with pytest.raises(CodecError, match="unknown quantizer 'bogus'"):
        make_quantizer("bogus")
