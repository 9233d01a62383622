import pytest
import torch

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
