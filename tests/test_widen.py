import pytest
import torch

from codec.errors import CodecError
from codec.models import QRCodec
from codec.widen import NEW_CHANNEL_SCALE, latent_channels, widen_weights
from conftest import make_tiny_model


def _hard_pass(model: QRCodec, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """The frozen-bitstream pass, plus the hyper-latent and the latent's bits per channel."""
    out = model(x, phase="predictive")
    return {**out, "z": model.hyper_latent(out["y"]), "bits": -torch.log2(out["likelihoods"]["y"]).sum((0, 2, 3))}


@torch.no_grad()
def test_a_widened_model_decodes_exactly_as_before():
    narrow = make_tiny_model()
    wide = QRCodec("mbt2018-mean", N=32, M=80, rectifier=narrow.rectifier.config)
    weights = narrow.state_dict()
    assert latent_channels(weights) == 48
    wide.load_state_dict(widen_weights(weights, wide), strict=False)
    x = torch.rand(1, 3, 128, 128)
    before, after = _hard_pass(narrow.eval(), x), _hard_pass(wide.eval(), x)
    torch.testing.assert_close(after["x_hat"], before["x_hat"])
    torch.testing.assert_close(after["z"], before["z"])
    torch.testing.assert_close(after["bits"][:48], before["bits"])
    torch.testing.assert_close(after["y_tilde"][:, :48], before["y_tilde"])
    # new channels start as scaled copies of old ones (their prior scaled alike), cheaper to code
    torch.testing.assert_close(after["y"][:, 48:], NEW_CHANNEL_SCALE * before["y"][:, :32])
    assert (after["bits"][48:] < before["bits"][:32]).all()


def test_widening_refuses_what_it_cannot_do():
    narrow = make_tiny_model()
    with pytest.raises(CodecError, match="narrow"):
        widen_weights(narrow.state_dict(), QRCodec("mbt2018-mean", N=32, M=24))
    hyperprior = QRCodec("bmshj2018-hyperprior", N=32, M=80)
    with pytest.raises(CodecError, match="mbt2018-mean only"):
        widen_weights(narrow.state_dict(), hyperprior)
    with pytest.raises(CodecError, match="no mbt2018-mean analysis"):
        latent_channels(hyperprior.rectifier.state_dict())
