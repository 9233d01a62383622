import importlib.util
import io
import itertools

import numpy as np
import pytest
import torch
from PIL import Image

from codec import images, metrics
from codec.errors import CodecError
from codec.image_codec import ImageCodec
from codec.quantize import make_quantizer
from codec.registry import load_model, model_card
from codec.train import (
    TrainConfig,
    Trainer,
    distortion_statement,
    export_trainer,
    g_s_state,
    random_crops,
    rd_loss,
    trained_learning_rates,
    validation_images,
)
from conftest import ROOT, SAMPLE_SHARD


@pytest.fixture(scope="module")
def trained(tmp_path_factory, sample_photos):
    root = tmp_path_factory.mktemp("train")
    val = root / "val.png"
    with Image.open(io.BytesIO(sample_photos["coffee"])) as im:
        im.crop((0, 0, 256, 192)).save(val)
    config = TrainConfig(
        shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(root / "ck"), N=16, M=24,
        rectifier={"channels": 16, "kernel_size": 3, "res_blocks": 1, "heads": 2, "window": 4},
        soft_steps=6, predictive_steps=4, rectifier_steps=4, batch_size=2, crop=64, checkpoint_every=3,
        log_every=2, val_images=[str(val)], val_every=3,
    )
    trainer = Trainer(config, log=lambda _: None)
    trainer.run()
    return trainer, export_trainer(trainer, "tiny", root / "weights")


def test_every_phase_runs_and_logs(trained):
    trainer, _ = trained
    assert trainer.phase == "done"
    phases = {entry["phase"] for entry in trainer.history}
    assert phases == {"soft", "predictive-off", "rectifier", "predictive-qr", "val:soft", "val:predictive-off",
                      "val:rectifier", "val:predictive-qr"}
    assert all(np.isfinite(e["loss"]) for e in trainer.history if "loss" in e)
    # validation with QR on says whether QR(ŷ) is closer to y than ŷ is
    assert all("latent_error_change_pct" in e for e in trainer.history if e["phase"] in ("val:rectifier",
                                                                                          "val:predictive-qr"))
    assert model_card(str(trained[1]))["steps"]["rectifier"] == 4


def test_validation_measures_what_real_bitstreams_give(trained, sample_photos):
    """Hard-rounding validation: its rate is the real bitstream's (minus the container), its PSNR the decoder's."""
    trainer, path = trained
    final = [e for e in trainer.history if e["phase"] == "val:predictive-qr"][-1]
    with Image.open(io.BytesIO(sample_photos["coffee"])) as im:
        rgb = np.asarray(im.convert("RGB").crop((0, 0, 256, 192)))
    codec = ImageCodec(load_model(str(path)), "cpu")
    data = codec.encode(images.PreparedImage.from_rgb(rgb)).data
    real_bpp = (len(data) - 80) * 8 / (256 * 192)
    assert final["bpp"] == pytest.approx(real_bpp, rel=0.05, abs=0.01)
    decoded = codec.decode(data).rgb
    assert final["psnr"] == pytest.approx(metrics.psnr(rgb, decoded), abs=0.3)  # fp16 storage of the weights


def test_predictive_phases_do_not_change_the_bitstream(trained, sample_photos):
    """Same model id, same bytes, whichever decoder: the frozen parts define the bitstream."""
    _, path = trained
    image = images.open_image(sample_photos["chelsea"])
    codecs = {d: ImageCodec(load_model(str(path), decoder=d), "cpu") for d in ("qr", "qr-off", "soft")}
    streams = {d: c.encode(image).data for d, c in codecs.items()}
    assert len(set(streams.values())) == 1
    decoded = {d: c.decode(streams["qr"]).rgb for d, c in codecs.items()}
    assert not np.array_equal(decoded["qr"], decoded["soft"])
    assert not np.array_equal(decoded["qr-off"], decoded["soft"])


def test_resume_continues_where_it_stopped(tmp_path):
    config = TrainConfig(
        shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=16, M=24,
        rectifier={"channels": 16, "kernel_size": 3, "res_blocks": 1, "heads": 2, "window": 4},
        soft_steps=4, predictive_steps=2, batch_size=2, crop=64, checkpoint_every=2, log_every=2,
    )
    first = Trainer(config, log=lambda _: None)
    batch = torch.rand(2, 3, 64, 64)
    for _ in range(2):
        first.train_step(batch)
        first.step += 1
    first.save()
    second = Trainer(config, log=lambda _: None)
    assert (second.phase, second.step) == ("soft", 2)
    for a, b in zip(first.model.state_dict().values(), second.model.state_dict().values()):
        assert torch.equal(a, b)


def test_export_refuses_an_unfinished_run(tmp_path):
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=16, M=24)
    with pytest.raises(CodecError, match="not finished"):
        export_trainer(Trainer(config, log=lambda _: None), "x", tmp_path)


def test_a_warm_started_run_states_its_lineage(trained, tmp_path):
    """The next round starts from the soft-phase weights, and its card counts every step they had."""
    first, _ = trained
    config = TrainConfig(
        shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
        rectifier=first.config.rectifier, soft_steps=2, predictive_steps=1, batch_size=2, crop=64,
        min_scale=0.5, init_from=str(first.dir / "state.pt"),
    )
    second = Trainer(config, log=lambda _: None)
    for name, value in first.soft_decoder.items():
        assert torch.equal(second.model.base.g_s.state_dict()[name], value)
    second.run()
    card = model_card(str(export_trainer(second, "tiny2", tmp_path)))
    assert card["lineage"] == [{"checkpoint": config.init_from, "M": 24, "lambda": first.config.lmbda, "soft_steps": 6,
                                "predictive_steps": 4, "crop": 64, "anneal_from": 0.0,
                                "soft_lr": first.config.lr}]
    assert card["soft_steps_total"] == 8
    assert card["learning_rates"]["soft"] == config.lr
    assert card["min_scale"] == 0.5  # and the first run's crops were not rescaled: its entry says nothing


def _mean_gradient(patches: list[torch.Tensor]) -> float:
    return float(np.mean([p.float().diff(dim=2).abs().mean() for p in patches]))


def test_crops_at_random_scales_are_downsampled_larger_regions():
    """A crop at scale s covers 1/s as much of the photo, so its detail is denser, never blurred by upsampling."""
    shard = [str(SAMPLE_SHARD)]
    plain = list(itertools.islice(random_crops(shard, 64, 8, 16, seed=1), 64))
    rescaled = list(itertools.islice(random_crops(shard, 64, 8, 16, seed=1, min_scale=0.25), 64))
    assert all(p.shape == (3, 64, 64) and p.dtype == torch.uint8 for p in plain + rescaled)
    assert _mean_gradient(rescaled) > 1.1 * _mean_gradient(plain)


@pytest.mark.parametrize("min_scale", [0.0, -0.5, 1.5])
def test_a_crop_scale_outside_0_to_1_is_refused(min_scale):
    with pytest.raises(CodecError, match="min_scale"):
        next(random_crops([str(SAMPLE_SHARD)], 64, 8, 16, seed=0, min_scale=min_scale))


def test_the_decoders_ms_ssim_term_charges_structure_that_mse_does_not_see():
    """Two reconstructions with the same MSE, a uniform shift and noise: MSE alone charges them
    alike, the MS-SSIM term charges the noise more (it destroys structure), a perfect one nothing."""
    x = torch.rand(2, 3, 176, 176, generator=torch.Generator().manual_seed(0)) * 0.5 + 0.25
    noise = torch.randn(x.shape, generator=torch.Generator().manual_seed(1))
    shifted, noisy = x + 0.02, x + 0.02 * noise / noise.pow(2).mean().sqrt()
    likelihoods = {"y": torch.full((2, 4, 11, 11), 0.5)}

    def loss(x_hat: torch.Tensor, weight: float) -> float:
        return float(rd_loss({"x_hat": x_hat, "likelihoods": likelihoods}, x, 0.01, weight)["loss"])

    assert loss(shifted, 0.0) == pytest.approx(loss(noisy, 0.0), rel=1e-4)
    assert loss(noisy, 0.01) - loss(noisy, 0.0) > 2 * (loss(shifted, 0.01) - loss(shifted, 0.0)) > 0
    assert loss(x, 0.01) == pytest.approx(loss(x, 0.0), abs=1e-6)
    with torch.autocast("cpu", dtype=torch.bfloat16):  # as training runs it: the term stays fp32
        under_autocast = loss(noisy, 0.01)
    assert under_autocast == pytest.approx(loss(noisy, 0.01), rel=1e-5)


@pytest.mark.parametrize("option", ["soft_ms_ssim_weight", "decoder_ms_ssim_weight"])
@pytest.mark.parametrize(("weight", "crop", "match"), [(-0.1, 192, "negative"), (0.003, 64, "at least 161")])
def test_an_unusable_ms_ssim_weight_is_refused(tmp_path, option, weight, crop, match):
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=16, M=24, crop=crop,
                         **{option: weight})
    with pytest.raises(CodecError, match=match) as refused:
        Trainer(config, log=lambda _: None)
    assert option in str(refused.value)  # the user is told which option to change


def test_the_soft_phase_uses_its_own_ms_ssim_weight(tmp_path):
    x = torch.rand(1, 3, 192, 192, generator=torch.Generator().manual_seed(0))

    def first_soft_loss(**weights: float) -> float:
        config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / str(weights)),
                             N=16, M=24, crop=192, seed=0, **weights)
        trainer = Trainer(config, log=lambda _: None)
        assert trainer.phase == "soft"
        torch.manual_seed(1)  # the same quantization noise for each
        return trainer.train_step(x)["loss"]

    mse_alone = first_soft_loss()
    assert first_soft_loss(decoder_ms_ssim_weight=1.0) == pytest.approx(mse_alone, rel=1e-6)
    assert first_soft_loss(soft_ms_ssim_weight=1.0) > mse_alone * 1.01


def test_a_card_states_each_phase_s_ms_ssim_term():
    def statement(soft: float, decoder: float) -> str:
        return distortion_statement(TrainConfig(shards=[], checkpoint_dir="", soft_ms_ssim_weight=soft,
                                                decoder_ms_ssim_weight=decoder))

    assert statement(0, 0) == "MSE"
    assert statement(0, 0.003) == "MSE; predictive phases MSE + 0.003·(1 − MS-SSIM)"
    assert statement(0.01, 0.003) == ("MSE; soft phase MSE + 0.01·(1 − MS-SSIM); "
                                      "predictive phases MSE + 0.003·(1 − MS-SSIM)")


def test_a_card_states_only_the_learning_rates_of_phases_that_ran():
    config = TrainConfig(shards=[], checkpoint_dir="", soft_steps=0, predictive_steps=5, rectifier_steps=0,
                         lr=5e-5, predictive_lr=2e-4)
    assert trained_learning_rates(config) == {"predictive": 2e-4, "rectifier": config.rectifier_lr}


def test_a_run_continues_a_shipped_model_file(trained, tmp_path):
    """A new round on a machine without the old checkpoints: the model file's soft decoder is
    the starting point, its card's steps count in the new card, and the run resumes normally."""
    first, path = trained
    config = TrainConfig(
        shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
        rectifier=first.config.rectifier, soft_steps=2, predictive_steps=1, batch_size=2, crop=64,
        checkpoint_every=1, init_from=str(path),
    )
    second = Trainer(config, log=lambda _: None)
    for name, value in first.soft_decoder.items():  # fp16 storage of the transforms
        assert torch.allclose(second.model.base.g_s.state_dict()[name], value.float(), atol=2e-3, rtol=2e-3)
    second.run()
    resumed = Trainer(config, log=lambda _: None)
    assert resumed.phase == "done"
    card = model_card(str(export_trainer(resumed, "tiny3", tmp_path)))
    assert card["lineage"][-1]["model"] == "tiny"
    assert card["soft_steps_total"] == 2 + 6


def continuing_decoders(trained, tmp_path, soft_steps: int, init_from: str | None = None) -> TrainConfig:
    """A tiny run from the trained model file (or ``init_from``) that continues the file's
    decoders, at learning rate 0."""
    path = str(trained[1])
    return TrainConfig(
        shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
        rectifier=trained[0].config.rectifier, soft_steps=soft_steps, predictive_steps=1, batch_size=2, crop=64,
        predictive_lr=0.0, rectifier_lr=0.0, init_from=init_from or path, decoders_from=path, anneal_from=1.0,
    )


@pytest.mark.parametrize("start", ["model file", "its checkpoint"])
def test_a_run_continues_the_fine_tuned_decoders_of_a_model_file(trained, tmp_path, start):
    """No soft steps, the model file's fine-tuned decoders continued, whether the bitstream comes
    from the file or from the checkpoint the file was exported from (its fp32 encoder): at learning
    rate 0 every decoder comes back as the file had it, and so does the bitstream, with no probe."""
    first, path = trained
    init_from = str(first.dir / "state.pt") if start == "its checkpoint" else None
    config = continuing_decoders(trained, tmp_path, soft_steps=0, init_from=init_from)
    continued = Trainer(config, log=lambda _: None)
    continued.run()
    assert not [e for e in continued.history if e["phase"].startswith("start:")]
    card = model_card(str(export_trainer(continued, "tiny-decoders", tmp_path)))
    assert card["decoders_continued_from"] == str(path)
    for decoder in ("qr", "qr-off", "soft"):
        before, after = load_model(str(path), decoder), load_model(str(tmp_path / "tiny-decoders.pt"), decoder)
        for name, value in before.state_dict().items():
            assert torch.equal(after.state_dict()[name], value), (decoder, name)
    # without decoders_from the same run starts them from the soft decoder: they differ
    fresh = Trainer(TrainConfig(**{**config.__dict__, "checkpoint_dir": str(tmp_path / "ck2"),
                                   "decoders_from": None}), log=lambda _: None)
    fresh.run()
    off = load_model(str(path), "qr-off").base.g_s.state_dict()
    assert any(not torch.equal(fresh.off_decoder[k], off[k]) for k in off)


def test_without_soft_steps_another_encoder_still_picks_each_start(trained, tmp_path):
    """An encoder that is not the file's (here one weight moved) codes another bitstream:
    each phase's start is probed and logged, as after soft steps."""
    trainer = Trainer(continuing_decoders(trained, tmp_path, soft_steps=0), log=lambda _: None)
    name = next(k for k in trainer.warm_bitstream if k.startswith("base.g_a."))
    trainer.warm_bitstream[name] = trainer.warm_bitstream[name] + 1
    trainer.run()
    starts = {e["phase"] for e in trainer.history if e["phase"].startswith("start:")}
    assert starts == {"start:predictive-off", "start:predictive-qr"}


def test_after_soft_steps_each_phase_starts_from_the_decoder_that_fits_the_new_bitstream(trained, tmp_path):
    """After soft steps the file's decoders may no longer fit the bitstream: one that decodes it
    badly (here a zeroed synthesis) loses to the new soft synthesis, and every choice is logged."""
    trainer = Trainer(continuing_decoders(trained, tmp_path, soft_steps=1), log=lambda _: None)
    trainer.warm_decoders["qr-off"] = {k: torch.zeros_like(v) for k, v in trainer.warm_decoders["qr-off"].items()}
    trainer.run()
    starts = {e["phase"]: e for e in trainer.history if e["phase"].startswith("start:")}
    assert set(starts) == {"start:predictive-off", "start:predictive-qr"}
    off = starts["start:predictive-off"]
    assert off["start"] == "soft synthesis" and off["psnr"]["soft synthesis"] > off["psnr"]["file"]
    for name, value in trainer.soft_decoder.items():  # at learning rate 0 it ends where it started
        assert torch.equal(trainer.off_decoder[name], value), name
    qr = starts["start:predictive-qr"]
    assert qr["start"] == max(qr["psnr"], key=qr["psnr"].get)
    chosen = trainer.warm_decoders["qr"] if qr["start"] == "file" else trainer.soft_decoder
    for name, value in chosen.items():
        assert torch.equal(trainer.model.base.g_s.state_dict()[name], value.float()), name


def test_continuing_decoders_refuses_a_fresh_rectifier_and_other_files(trained, tmp_path):
    first, path = trained
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
                         rectifier=first.config.rectifier, decoders_from=str(path), fresh_rectifier=True)
    with pytest.raises(CodecError, match="fresh_rectifier"):
        Trainer(config, log=lambda _: None)
    with pytest.raises(CodecError, match="not a model file"):
        Trainer(TrainConfig(**{**config.__dict__, "fresh_rectifier": False,
                               "decoders_from": str(first.dir / "state.pt")}), log=lambda _: None)
    with pytest.raises(CodecError, match="do not fit"):
        Trainer(TrainConfig(**{**config.__dict__, "fresh_rectifier": False, "N": 24}), log=lambda _: None)


def test_a_fresh_rectifier_starts_from_the_identity(trained, tmp_path):
    first, _ = trained
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
                         rectifier=first.config.rectifier, init_from=str(first.dir / "state.pt"))
    continued = Trainer(config, log=lambda _: None)
    fresh = Trainer(TrainConfig(**{**config.__dict__, "checkpoint_dir": str(tmp_path / "ck2"),
                                   "fresh_rectifier": True}), log=lambda _: None)
    assert continued.model.rectifier.project.weight.abs().sum() > 0  # the trained rectifier
    assert fresh.model.rectifier.project.weight.abs().sum() == 0  # ỹ = ŷ until it trains
    for name, value in continued.model.base.state_dict().items():  # everything else as before
        assert torch.equal(fresh.model.base.state_dict()[name], value)


def test_the_qr_phase_may_start_from_the_qr_off_synthesis(trained, tmp_path):
    """Offered the qr-off decoder's synthesis, the QR phase starts from whichever of it and the
    soft synthesis decodes the probe crops better, logs the choice, and starts from exactly it."""
    config = TrainConfig(
        shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
        rectifier=trained[0].config.rectifier, soft_steps=0, predictive_steps=2, batch_size=2, crop=64,
        predictive_lr=1e-3, init_from=str(trained[1]), fresh_rectifier=True, anneal_from=1.0,
        offer_off_synthesis=True,
    )
    started: dict[str, dict[str, torch.Tensor]] = {}

    def log(line: str) -> None:
        if '"start:predictive-qr"' in line:
            started.update(g_s=g_s_state(trainer.model))

    trainer = Trainer(config, log=log)
    trainer.run()
    start = next(e for e in trainer.history if e["phase"] == "start:predictive-qr")
    assert set(start["psnr"]) == {"soft synthesis", "qr-off synthesis"}
    assert start["start"] == max(start["psnr"], key=start["psnr"].get)
    chosen = trainer.off_decoder if start["start"] == "qr-off synthesis" else trainer.soft_decoder
    assert any(not torch.equal(trainer.off_decoder[k], v) for k, v in trainer.soft_decoder.items())
    for name, value in chosen.items():
        assert torch.equal(started["g_s"][name], value), name
    # not offered, the QR phase starts from the soft synthesis with no probe
    plain = Trainer(TrainConfig(**{**config.__dict__, "checkpoint_dir": str(tmp_path / "ck2"),
                                   "offer_off_synthesis": False}), log=lambda _: None)
    plain.run()
    assert not [e for e in plain.history if e["phase"].startswith("start:")]


def test_a_run_may_continue_weights_with_another_decoder_quantizer(trained, tmp_path):
    """DSQ-trained weights continued with straight-through rounding: the transforms carry over,
    DSQ's learned sharpness is dropped, and the card names the new pair."""
    first, _ = trained
    assert "decoder_quantizer.raw_alpha" in first.model.state_dict()
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
                         rectifier=first.config.rectifier, init_from=str(first.dir / "state.pt"),
                         decoder_quantizer="ste", soft_steps=1, predictive_steps=1, batch_size=2, crop=64)
    continued = Trainer(config, log=lambda _: None)
    assert not any(k.startswith("decoder_quantizer.") for k in continued.model.state_dict())
    for name, value in first.model.base.g_a.state_dict().items():
        assert torch.equal(continued.model.base.g_a.state_dict()[name], value)
    continued.run()
    card = model_card(str(export_trainer(continued, "tiny-ste", tmp_path)))
    assert card["quantizers"] == {"entropy": "universal", "decoder": "ste"}


def test_a_rectifier_conditioned_on_the_prior_continues_an_unconditioned_one(trained, tmp_path):
    """Its prior embedding starts at zero: the continued rectifier decodes as before until it trains."""
    first, _ = trained
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "ck"), N=16, M=24,
                         rectifier=first.config.rectifier, init_from=str(first.dir / "state.pt"))
    plain = Trainer(config, log=lambda _: None).model.eval()
    conditioned_config = TrainConfig(**{**config.__dict__, "checkpoint_dir": str(tmp_path / "ck2"),
                                        "rectifier": {**first.config.rectifier, "prior": True}})
    conditioned = Trainer(conditioned_config, log=lambda _: None).model.eval()
    assert conditioned.rectifier.project.weight.abs().sum() > 0  # the trained rectifier, continued
    with torch.no_grad():
        _, y_hat, prior, _ = conditioned.frozen_latents(torch.rand(1, 3, 64, 64))
        assert torch.equal(conditioned.decode_latent(y_hat, prior), plain.decode_latent(y_hat))
    conditioned_config.checkpoint_dir = str(tmp_path / "ck")  # plain's checkpoint
    Trainer(config, log=lambda _: None).save()
    with pytest.raises(CodecError, match="cannot resume"):
        Trainer(conditioned_config, log=lambda _: None)


def test_a_model_file_of_another_architecture_is_refused(trained, tmp_path):
    _, path = trained
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=24, M=32,
                         init_from=str(path))
    with pytest.raises(CodecError, match="does not fit"):
        Trainer(config, log=lambda _: None)


def test_a_run_widens_a_narrower_model_file_when_asked(trained, tmp_path):
    first, path = trained
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path / "a"), N=16, M=40,
                         rectifier=first.config.rectifier, init_from=str(path))
    with pytest.raises(CodecError, match="--widen"):
        Trainer(config, log=lambda _: None)
    config.checkpoint_dir, config.widen = str(tmp_path / "b"), True
    wide = Trainer(config, log=lambda _: None).model
    narrow = load_model(str(path), decoder="soft")
    wide.use_rectifier = False
    wide.update()
    x = torch.rand(1, 3, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(wide.eval().synthesize(wide.compress_latents(x).y_hat),
                                   narrow.synthesize(narrow.compress_latents(x).y_hat), atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("anneal_from, floor", [(0.0, 2.0), (1.0, 32.0)])
def test_continued_runs_keep_quantizers_annealed(tmp_path, anneal_from, floor):
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=16, M=24,
                         rectifier={"channels": 16, "kernel_size": 3, "res_blocks": 1, "heads": 2, "window": 4},
                         soft_steps=4, anneal_from=anneal_from)
    trainer = Trainer(config, log=lambda _: None)
    trainer.train_step(torch.rand(2, 3, 64, 64))
    assert trainer.model.decoder_quantizer.alpha_floor == pytest.approx(floor)


def test_the_rectifier_learns_at_its_own_rate(tmp_path):
    """It starts from zero output, so it gets a higher rate than the synthesis it feeds."""
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=16, M=24,
                         rectifier={"channels": 16, "kernel_size": 3, "res_blocks": 1, "heads": 2, "window": 4},
                         lr=3e-4, predictive_lr=1e-4, rectifier_lr=1e-3)
    trainer = Trainer(config, log=lambda _: None)
    assert [g["base_lr"] for g in trainer.optimizer.param_groups] == [3e-4]
    trainer._finish_phase()
    trainer._finish_phase()
    assert trainer.phase == "predictive-qr"
    rectifier = {id(p) for p in trainer.model.rectifier.parameters()}
    rates = {g["base_lr"]: {id(p) in rectifier for p in g["params"]} for g in trainer.optimizer.param_groups}
    assert rates == {1e-4: {False}, 1e-3: {True}}


def _rectifier_phase_trainer(tmp_path, **overrides) -> Trainer:
    config = TrainConfig(shards=[str(SAMPLE_SHARD)], checkpoint_dir=str(tmp_path), N=16, M=24,
                         rectifier={"channels": 16, "kernel_size": 3, "res_blocks": 1, "heads": 2, "window": 4},
                         rectifier_steps=40, **overrides)
    trainer = Trainer(config, log=lambda _: None)
    with torch.no_grad():  # untrained latents are all near zero: give them symbols worth predicting
        trainer.model.base.g_a[-1].weight.mul_(20)
    trainer._finish_phase()
    trainer._finish_phase()
    return trainer


def test_the_rectifier_phase_trains_the_rectifier_alone_at_its_own_rate(tmp_path):
    trainer = _rectifier_phase_trainer(tmp_path, rectifier_lr=3e-4, rectifier_phase_lr=2e-3)
    assert trainer.phase == "rectifier"
    assert [g["base_lr"] for g in trainer.optimizer.param_groups] == [2e-3]
    assert {id(p) for p in trainer.optimizer.param_groups[0]["params"]} == {
        id(p) for p in trainer.model.rectifier.parameters()}
    trainer._finish_phase()
    assert trainer.phase == "predictive-qr"
    assert sorted(g["base_lr"] for g in trainer.optimizer.param_groups) == [1e-4, 3e-4]


def test_the_rectifier_phase_learns_to_predict_the_unquantized_latent(tmp_path, sample_photos):
    """QR's job: QR(ŷ) closer to y than ŷ is, with the bitstream and the synthesis untouched."""
    trainer = _rectifier_phase_trainer(tmp_path)
    with Image.open(io.BytesIO(sample_photos["coffee"])) as im:
        rgb = torch.from_numpy(np.array(im.convert("RGB"))).permute(2, 0, 1).float().div(255)
    x = torch.stack([rgb[:, :64, :64], rgb[:, 64:128, 64:128]])
    before = {k: v.clone() for k, v in trainer.model.base.state_dict().items()}
    losses = [trainer.train_step(x) for _ in range(40)]
    assert losses[0]["latent_mse"] == pytest.approx(losses[0]["latent_mse_quantized"])  # starts as ỹ = ŷ
    assert losses[-1]["latent_mse"] < 0.8 * losses[-1]["latent_mse_quantized"]
    assert all(torch.equal(v, before[k]) for k, v in trainer.model.base.state_dict().items())


def test_the_leak_measure_sees_no_gap_through_rounding_itself(trained):
    """scripts/quantizer_leak.py: a decoder fed through straight-through rounding sees exactly the
    rounded latents, so its gap must be zero; through DSQ it is measured, not assumed."""
    spec = importlib.util.spec_from_file_location("quantizer_leak", ROOT / "scripts" / "quantizer_leak.py")
    leak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(leak)
    trainer, _ = trained
    images = validation_images(trainer.config.val_images)
    model = leak.load_soft_model(str(trainer.dir / "state.pt"))
    through_dsq = leak.measure(model, images)
    assert model.decoder_quantizer.name == "dsq"
    assert 0.0 <= through_dsq["near_boundary"] <= 1.0 and np.isfinite(through_dsq["soft_psnr"])
    model.decoder_quantizer = make_quantizer("ste")
    through_rounding = leak.measure(model, images)
    assert through_rounding["soft_psnr"] == pytest.approx(through_rounding["hard_psnr"], abs=1e-9)
    assert through_rounding["hard_psnr"] == pytest.approx(through_dsq["hard_psnr"], abs=1e-9)


def test_the_train_job_refuses_a_crop_scale_outside_0_to_1(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("train_job", ROOT / "jobs" / "train.py")
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    with pytest.raises(SystemExit) as exit_info:
        job.main(["--shards", str(SAMPLE_SHARD), "--checkpoint-dir", str(tmp_path), "--min-scale", "0"])
    assert exit_info.value.code == 2
    assert "--min-scale must be in (0, 1]" in capsys.readouterr().err
