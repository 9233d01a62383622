from dataclasses import replace

import pytest
import torch

from codec.errors import ModelError
from codec.rectifier import QuantizationRectifier, RectifierConfig

CONFIG = RectifierConfig(channels=32, kernel_size=5, res_blocks=2, heads=4, window=4)


@pytest.mark.parametrize("shape", [(1, 16, 8, 8), (2, 16, 5, 7), (1, 16, 1, 1), (1, 16, 9, 13)])
def test_shape_is_preserved_for_any_latent_size(shape):
    qr = QuantizationRectifier(16, CONFIG)
    torch.nn.init.normal_(qr.project.weight, std=0.1)
    assert qr(torch.randn(shape)).shape == shape


def test_untrained_rectifier_is_the_identity():
    qr = QuantizationRectifier(16, CONFIG)
    y_hat = torch.round(torch.randn(1, 16, 6, 6) * 3)
    assert torch.equal(qr(y_hat), y_hat)


def test_output_is_input_plus_predicted_residual():
    torch.manual_seed(0)
    qr = QuantizationRectifier(16, CONFIG)
    torch.nn.init.normal_(qr.project.weight, std=0.1)
    y_hat = torch.round(torch.randn(1, 16, 6, 6) * 3)
    residual = qr.residual(y_hat)
    assert residual.abs().sum() > 0
    assert torch.allclose(qr(y_hat), y_hat + residual)


def test_padding_positions_do_not_leak_into_attention():
    """A 5×5 latent in 4×4 windows is padded; the result must not depend on the padding."""
    torch.manual_seed(1)
    qr = QuantizationRectifier(8, RectifierConfig(channels=16, kernel_size=3, res_blocks=1, heads=2, window=4))
    torch.nn.init.normal_(qr.project.weight, std=0.1)
    y = torch.randn(1, 8, 5, 5)
    full = qr(y)
    # The top-left 4×4 window holds only real positions: the same as on a 4×4 crop.
    features = qr.blocks(qr.embed(y))
    crop_attn = qr.attention(features[:, :, :4, :4])
    assert torch.allclose(qr.attention(features)[:, :, :4, :4], crop_attn, atol=1e-5)
    assert full.shape == y.shape


def test_learns_to_predict_the_quantization_error():
    """A few steps on smooth latents reduce ‖QR(ŷ) − y‖ below ‖ŷ − y‖."""
    torch.manual_seed(2)
    qr = QuantizationRectifier(4, RectifierConfig(channels=32, kernel_size=3, res_blocks=1, heads=2, window=4))
    opt = torch.optim.Adam(qr.parameters(), lr=1e-2)
    base = torch.nn.functional.interpolate(torch.randn(8, 4, 3, 3) * 4, size=(8, 8), mode="bilinear")
    y_hat = torch.round(base)
    for _ in range(60):
        opt.zero_grad()
        loss = ((qr(y_hat) - base) ** 2).mean()
        loss.backward()
        opt.step()
    before = ((y_hat - base) ** 2).mean()
    after = ((qr(y_hat) - base) ** 2).mean()
    assert after < 0.8 * before


def test_prior_conditioned_rectifier_starts_as_the_unconditioned_one():
    """Continuing an unconditioned rectifier with a prior embedding changes nothing until trained."""
    torch.manual_seed(3)
    plain = QuantizationRectifier(16, CONFIG)
    torch.nn.init.normal_(plain.project.weight, std=0.1)
    conditioned = QuantizationRectifier(16, replace(CONFIG, prior=True), prior_channels=32)
    missing, unexpected = conditioned.load_state_dict(plain.state_dict(), strict=False)
    assert not unexpected and all(k.startswith("prior_embed.") for k in missing)
    y_hat = torch.round(torch.randn(1, 16, 6, 6) * 3)
    assert torch.equal(conditioned(y_hat, torch.randn(1, 32, 6, 6)), plain(y_hat))


def test_a_conditioned_rectifier_without_its_prior_is_a_clear_error():
    conditioned = QuantizationRectifier(16, replace(CONFIG, prior=True), prior_channels=32)
    with pytest.raises(ModelError, match="conditioned on the prior"):
        conditioned(torch.zeros(1, 16, 4, 4))
    with pytest.raises(ModelError, match="prior_channels"):
        QuantizationRectifier(16, replace(CONFIG, prior=True))


def test_the_prior_tells_what_the_quantized_latent_cannot():
    """When the lost part depends on the prior alone, only the conditioned rectifier predicts it."""
    config = RectifierConfig(channels=16, kernel_size=3, res_blocks=1, heads=2, window=4)

    def sample(n: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        y_hat = torch.round(torch.randn(n, 4, 8, 8) * 3)
        prior = torch.randn(n, 4, 8, 8)  # stands in for log σ: independent of ŷ
        return y_hat, prior, y_hat + 0.4 * torch.tanh(2 * prior)

    torch.manual_seed(4)
    held_out = sample(16)
    errors = {}
    for conditioned in (False, True):
        torch.manual_seed(5)
        qr = QuantizationRectifier(4, replace(config, prior=conditioned), prior_channels=4 if conditioned else 0)
        opt = torch.optim.Adam(qr.parameters(), lr=1e-2)
        for _ in range(60):
            y_hat, prior, y = sample(8)
            opt.zero_grad()
            loss = ((qr(y_hat, prior if conditioned else None) - y) ** 2).mean()
            loss.backward()
            opt.step()
        y_hat, prior, y = held_out
        with torch.no_grad():
            errors[conditioned] = float(((qr(y_hat, prior if conditioned else None) - y) ** 2).mean())
    quantized = float(((held_out[0] - held_out[2]) ** 2).mean())
    assert errors[False] > 0.8 * quantized  # ŷ alone says nothing about the offset
    assert errors[True] < 0.3 * quantized
