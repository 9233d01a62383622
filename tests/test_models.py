import io

import numpy as np
import pytest
import torch
from compressai.models import MeanScaleHyperprior, ScaleHyperprior

from codec import bitstream, images, metrics
from codec.errors import ModelError
from codec.image_codec import ImageCodec
from codec.models import QRCodec
from codec.rectifier import RectifierConfig
from codec.registry import XZ_MAGIC, load_model, model_file_or_none, read_model_file, save_model_file

SMALL_QR = RectifierConfig(channels=16, kernel_size=3, res_blocks=1, heads=2, window=4)


@pytest.mark.parametrize(("architecture", "cls"), [("mbt2018-mean", MeanScaleHyperprior),
                                                   ("bmshj2018-hyperprior", ScaleHyperprior)])
def test_compressai_state_dict_loads_and_decodes_like_compressai(architecture, cls, sample_photos):
    """Zoo-style weights load into the base model; with an identity QR the result matches CompressAI."""
    torch.manual_seed(0)
    reference = cls(N=32, M=48)
    with torch.no_grad():
        reference.g_a[-1].weight.mul_(20)
    reference.update()
    reference.eval()
    model = QRCodec(architecture, N=32, M=48, rectifier=SMALL_QR)
    model.load_compressai_state_dict(reference.state_dict())
    for key, value in reference.state_dict().items():
        assert torch.equal(model.base.state_dict()[key], value), key

    image = images.open_image(sample_photos["astronaut"])
    ours = ImageCodec(model.eval(), "cpu")
    encoded = ours.encode(image)
    decoded = ours.decode(encoded.data)
    x = torch.from_numpy(image.rgb).permute(2, 0, 1)[None].float() / 255
    with torch.no_grad():
        out = reference.decompress(**reference.compress(x))["x_hat"]
    theirs = (out[0].permute(1, 2, 0).numpy() * 255).round().clip(0, 255).astype(np.uint8)
    # Same weights, same rounding; only the fixed-point hyper-synthesis differs, by < 2^-12.
    assert metrics.psnr(theirs, decoded.rgb) > 40


def test_incompatible_state_dict_is_a_clear_error():
    reference = MeanScaleHyperprior(N=32, M=48)
    reference.update()
    model = QRCodec("mbt2018-mean", N=64, M=96)
    with pytest.raises(ModelError, match="does not fit mbt2018-mean with N=64, M=96"):
        model.load_compressai_state_dict(reference.state_dict())


def test_unknown_architecture():
    with pytest.raises(ModelError, match="unknown architecture"):
        QRCodec("cheng2020-attn")


def test_model_id_covers_the_bitstream_side_only(tiny_model):
    import copy

    other = copy.deepcopy(tiny_model)
    with torch.no_grad():
        other.base.g_s[0].weight.add_(1)
        other.rectifier.project.weight.add_(1)
    assert other.model_id() == tiny_model.model_id()
    assert other.decoder_id() != tiny_model.decoder_id()
    with torch.no_grad():
        other.base.g_a[0].weight.add_(1e-3)
    assert other.model_id() != tiny_model.model_id()


def test_bitstream_from_another_model_is_refused(tiny_codec, sample_photos):
    from conftest import make_tiny_model

    other = ImageCodec(make_tiny_model(seed=1), "cpu")
    data = other.encode(images.open_image(sample_photos["chelsea"])).data
    with pytest.raises(ModelError, match="made with model"):
        tiny_codec.decode(data)


def test_model_files_are_compressed_and_old_plain_files_still_load(tiny_model_file, tmp_path):
    assert tiny_model_file.read_bytes().startswith(XZ_MAGIC)
    blob = read_model_file(tiny_model_file)
    plain = tmp_path / "plain.pt"
    torch.save(blob, plain)  # how earlier releases wrote model files
    assert read_model_file(plain)["card"] == blob["card"]
    damaged = tmp_path / "damaged.pt"
    damaged.write_bytes(tiny_model_file.read_bytes()[:5000])
    with pytest.raises(ModelError, match="damaged"):
        read_model_file(damaged)
    checkpoint = tmp_path / "state.pt"
    torch.save({"model": {}, "history": [io.BytesIO()]}, checkpoint)  # pickled objects: not a model file
    assert model_file_or_none(checkpoint) is None


def test_a_rectifier_conditioned_on_the_prior_decodes_what_the_encoder_saw(tmp_path, sample_photos):
    """The decoder rebuilds the prior from ẑ, so the picture matches the encoder's bit for bit."""
    from conftest import make_tiny_model

    path = save_model_file(make_tiny_model(prior=True), tmp_path / "prior.pt", card={"name": "prior"}, half=False)
    codec = ImageCodec(load_model(str(path)), "cpu")
    assert codec.model.config()["rectifier"]["prior"] is True
    image = images.open_image(sample_photos["chelsea"])
    encoded = codec.encode(image)
    decoded = codec.decode(encoded.data)
    np.testing.assert_array_equal(decoded.rgb, encoded.reconstruction)
    torch.nn.init.zeros_(codec.model.rectifier.prior_embed.weight)  # the prior's part of the picture, removed
    assert not np.array_equal(codec.decode(encoded.data).rgb, decoded.rgb)
    y_hat, _ = codec.model.decompress_latents(*(getattr(bitstream.unpack(encoded.data), f) for f in
                                                ("y_string", "z_string", "y_shape", "z_shape", "symbols_digest")))
    with pytest.raises(ModelError, match="conditioned on the hyperprior"):
        codec.model.synthesize(y_hat)
