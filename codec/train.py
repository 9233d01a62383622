"""Soft-to-predictive training of a QR codec from WebDataset shards.

The schedule of Luo et al. (arXiv:2403.17236), made explicit in phases
that share one bitstream:

1. **soft**: end-to-end rate–distortion training,
   ``L = R + λ·255²·MSE`` with ``R`` from the entropy-path quantizer and the
   synthesis fed by the decoder-path quantizer. The synthesis at the end of
   this phase is the ``soft`` decoder.
2. **predictive, without QR**: encoder, hyper-encoder, hyper-decoder and
   entropy models frozen (so the bitstream and rate are fixed); the synthesis
   is fine-tuned on the exact hard ``ŷ``. This is the ``qr-off`` decoder.
3. **rectifier** (optional, ``rectifier_steps``): bitstream and synthesis
   frozen, the rectifier alone learns what QR is for, predicting the
   unquantized latent: ``min ‖QR(ŷ) − y‖²``. Cheap (no synthesis pass), and
   a direct signal: trained only through the image distortion, from a zero
   start and jointly with a synthesis that adapts to ``ŷ`` by itself, the
   rectifiers of rounds 1–6 ended with ``QR(ŷ)`` *further* from ``y`` than
   ``ŷ`` at three of four rate points (docs/evaluation.md).
4. **predictive, with QR**: the synthesis (restored to the soft-phase
   decoder) and the rectifier fine-tuned jointly on distortion over the
   same frozen bitstream; this is the ``qr`` decoder.

Keeping (2) separates the gain of QR from the gain of merely fine-tuning the
decoder on hard latents, which the paper does not report separately.

Runs are resumable: the state (model, optimizers, step) is checkpointed
atomically every ``checkpoint_every`` steps into ``checkpoint_dir``.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import pickle
import random
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from pytorch_msssim import ms_ssim
from torch import Tensor

from .errors import CodecError
from .images import EXTENSIONS
from .metrics import MS_SSIM_MIN_SIDE
from .models import DECODER_MODULES, QUANTIZER_MODULES, QRCodec
from .precision import bf16_autocast, bf16_supported
from .rectifier import RectifierConfig
from .registry import (
    CODER_TABLES,
    WEIGHTS_DIR,
    model_file_or_none,
    save_model_file,
    training_weights,
)
from .widen import widen_weights

PHASES = ("soft", "predictive-off", "rectifier", "predictive-qr")


@dataclass
class TrainConfig:
    shards: list[str]
    checkpoint_dir: str
    lmbda: float = 0.0067
    architecture: str = "mbt2018-mean"
    N: int = 64
    M: int = 96
    rectifier: dict = field(default_factory=lambda: RectifierConfig().to_dict())
    entropy_quantizer: str = "universal"
    decoder_quantizer: str = "dsq"
    soft_steps: int = 2000
    predictive_steps: int = 500
    rectifier_steps: int = 0  # the rectifier phase (latent regression) before predictive-qr
    batch_size: int = 8
    crop: int = 256
    # Each crop is cut at a random scale in [min_scale, 1] (a larger region,
    # downsampled with an antialiasing filter): more distinct pixel grids from
    # few photos (the shipped models see 33, at two fixed scales), which took
    # the shipped soft phases further (docs/evaluation.md, session 58).
    min_scale: float = 1.0
    lr: float = 3e-4
    predictive_lr: float = 1e-4  # synthesis fine-tuning in the predictive phases
    rectifier_lr: float = 1e-3
    rectifier_phase_lr: float = 1e-3  # the rectifier alone, regressed onto y in the rectifier phase
    bf16: bool = True
    threads: int = 0
    init_from: str | None = None
    # Widen init_from's latent to this run's M (codec/widen.py) instead of
    # refusing weights with fewer latent channels.
    widen: bool = False
    # Start the rectifier from the identity instead of init_from's: when the
    # soft phase moved the latents far, a continued rectifier first corrects
    # errors they no longer have (round 6's q4 QR phase ended below qr-off).
    fresh_rectifier: bool = False
    # A model file whose fine-tuned decoders the predictive phases continue
    # (qr-off's synthesis; qr's synthesis and rectifier) instead of starting
    # from the soft decoder and the rectifier init_from gave. With no soft
    # steps and init_from the file or the checkpoint its bitstream came from
    # (the same encoder and entropy models), the decoders are continued as the
    # file has them: more decoder training on its bitstream, for a machine too
    # slow for a new soft phase. On another bitstream (soft steps, or another
    # run's encoder) each phase starts from whichever of the two decodes it
    # better on a few training crops: at q2 and q4,
    # 1,500-3,500 soft steps left the file's decoders about 4 dB below the
    # new soft synthesis (docs/evaluation.md, round 97).
    decoders_from: str | None = None
    # Offer the QR phase the qr-off decoder's synthesis as its start too (with
    # the rectifier it has): the identity rectifier on it decodes as qr-off,
    # so QR starts level with it instead of from the soft synthesis (at q2 QR
    # ended 0.001 dB behind qr-off, docs/evaluation.md, round 231).
    offer_off_synthesis: bool = False
    # The predictive phases' distortion is MSE + w·(1 − MS-SSIM) with this w
    # (0: MSE alone). Decoders fine-tuned on MSE alone gained PSNR and lost
    # MS-SSIM on q2's longer-trained bitstreams (docs/evaluation.md, rounds
    # 222-236); the rate is frozen there, so only the decoders' trade moves.
    decoder_ms_ssim_weight: float = 0.0
    # The same term in the soft phase, where it moves the rate too: q2's longer
    # soft phases gained PSNR and lost MS-SSIM (rounds 222, 243).
    soft_ms_ssim_weight: float = 0.0
    # Where annealed quantizers (DSQ's sharpness floor, temperatures) start, in
    # [0, 1]: 1 when continuing weights that already finished their anneal, so
    # that the decoder is not shown soft latents it has unlearned.
    anneal_from: float = 0.0
    checkpoint_every: int = 200
    log_every: int = 50
    val_images: list[str] = field(default_factory=list)
    val_every: int = 500
    seed: int = 0

    def steps(self, phase: str) -> int:
        return {"soft": self.soft_steps, "rectifier": self.rectifier_steps}.get(phase, self.predictive_steps)


# ----------------------------------------------------------------------- data
def iter_image_bytes(shards: list[str], rng: random.Random) -> Iterator[bytes]:
    """Image members of WebDataset shards, shard order shuffled each epoch, forever."""
    import webdataset as wds

    while True:
        order = list(shards)
        rng.shuffle(order)
        found = False
        for sample in wds.WebDataset(order, shardshuffle=False, empty_check=False):
            for key, value in sample.items():
                if key.lower() in EXTENSIONS and isinstance(value, bytes):
                    found = True
                    yield value
                    break
        if not found:
            raise CodecError(f"no images found in training shards {shards}")


def random_crops(
    shards: list[str], crop: int, crops_per_image: int, buffer: int, seed: int, min_scale: float = 1.0
) -> Iterator[Tensor]:
    """Random ``crop × crop`` RGB crops (uint8 CHW) with flips, from a shuffle buffer.

    Several crops are taken per decoded image to amortize JPEG decoding, and a
    buffer mixes crops of many images into each batch. With ``min_scale < 1``
    each crop covers a region ``crop / s`` pixels wide for a scale ``s`` drawn
    log-uniformly from ``[min_scale, 1]``, downsampled to ``crop`` (Lanczos):
    new pixel grids of the same photos, never upsampled ones.
    """
    if not 0.0 < min_scale <= 1.0:
        raise CodecError(f"min_scale must be in (0, 1], not {min_scale}")
    rng = random.Random(seed)
    pool: list[Tensor] = []
    for data in iter_image_bytes(shards, rng):
        with Image.open(io.BytesIO(data)) as im:
            im = im.convert("RGB")
        w, h = im.size
        if min(h, w) < crop:
            continue
        for _ in range(crops_per_image):
            # No draw at scale 1, so that earlier runs' crops stay reproducible.
            scale = math.exp(rng.uniform(math.log(min_scale), 0.0)) if min_scale < 1.0 else 1.0
            side = min(round(crop / scale), h, w)
            top, left = rng.randrange(h - side + 1), rng.randrange(w - side + 1)
            region = im.crop((left, top, left + side, top + side))
            if side != crop:
                region = region.resize((crop, crop), Image.LANCZOS)
            patch = torch.from_numpy(np.asarray(region).copy()).permute(2, 0, 1)
            if rng.random() < 0.5:
                patch = patch.flip(2)
            pool.append(patch)
        while len(pool) >= buffer:
            yield pool.pop(rng.randrange(len(pool)))


def validation_images(paths: list[str], limit: int = 512) -> list[Tensor]:
    """Centre crops (multiples of 64, at most ``limit`` a side) of held-out photos, as [0, 1] NCHW."""
    images = []
    for path in paths:
        with Image.open(path) as im:
            arr = np.asarray(im.convert("RGB"))
        h, w = (min(limit, d - d % 64) for d in arr.shape[:2])
        if h < 64 or w < 64:
            continue
        top, left = (arr.shape[0] - h) // 2, (arr.shape[1] - w) // 2
        crop = arr[top : top + h, left : left + w].copy()
        images.append(torch.from_numpy(crop).permute(2, 0, 1)[None].float().div_(255))
    return images


def batches(config: TrainConfig, seed: int) -> Iterator[Tensor]:
    crops = random_crops(config.shards, config.crop, 8, 128, seed, config.min_scale)
    while True:
        yield torch.stack([next(crops) for _ in range(config.batch_size)]).float().div_(255)


# ---------------------------------------------------------------------- model
def build_model(config: TrainConfig) -> QRCodec:
    return QRCodec(
        architecture=config.architecture,
        N=config.N,
        M=config.M,
        rectifier=RectifierConfig(**config.rectifier),
        entropy_quantizer=config.entropy_quantizer,
        decoder_quantizer=config.decoder_quantizer,
    )


def soft_phase_weights(state: dict) -> dict[str, Tensor]:
    """A training checkpoint's weights with the synthesis its soft phase ended with."""
    return {**state["model"], **{f"base.g_s.{k}": v for k, v in (state.get("soft_decoder") or {}).items()}}


def psnr_of_mse(mse: float) -> float:
    """PSNR in dB of an MSE on [0, 1] images, floored so that a perfect fit stays finite."""
    return -10 * math.log10(max(mse, 1e-10))


def rd_loss(out: dict, x: Tensor, lmbda: float, ms_ssim_weight: float = 0.0) -> dict[str, Tensor]:
    """``R + λ·255²·D`` with R in bits per pixel and D the MSE on [0, 1] images,
    plus ``ms_ssim_weight · (1 − MS-SSIM)`` when that weight is not 0."""
    num_pixels = x.shape[0] * x.shape[2] * x.shape[3]
    bpp = sum(-torch.log2(lk.float()).sum() for lk in out["likelihoods"].values()) / num_pixels
    x_hat = out["x_hat"].float()
    mse = torch.mean((x_hat - x) ** 2)
    distortion = mse
    if ms_ssim_weight:
        # fp32 even under bf16 autocast: SSIM's variances are differences of
        # filtered squares, which bf16 convolutions cancel into noise
        with torch.autocast(x.device.type, enabled=False):
            similarity = ms_ssim(x_hat.clamp(0, 1), x.float(), data_range=1.0)
        distortion = mse + ms_ssim_weight * (1 - similarity)
    return {"loss": bpp + lmbda * 255**2 * distortion, "bpp": bpp, "mse": mse}


def check_ms_ssim_weight(option: str, weight: float, crop: int) -> None:
    if weight < 0:
        raise CodecError(f"{option} must not be negative, not {weight}")
    if weight and crop < MS_SSIM_MIN_SIDE:
        raise CodecError(f"MS-SSIM in the loss needs crops of at least {MS_SSIM_MIN_SIDE} pixels, "
                         f"not {crop}: raise crop or drop {option}")


def distortion_statement(cfg: TrainConfig) -> str:
    """The card's account of what the phases' distortion was."""
    terms = [f"{phases} MSE + {weight:g}·(1 − MS-SSIM)"
             for phases, weight in (("soft phase", cfg.soft_ms_ssim_weight),
                                    ("predictive phases", cfg.decoder_ms_ssim_weight)) if weight]
    return "; ".join(["MSE", *terms])


def latent_loss(model: QRCodec, x: Tensor) -> dict[str, Tensor]:
    """``‖QR(ŷ) − y‖²`` per latent element over the frozen bitstream, and ``‖ŷ − y‖²`` beside it."""
    y, y_hat, prior, _ = model.frozen_latents(x)
    latent_mse = torch.mean((model.rectify(y_hat, prior).float() - y) ** 2)
    return {"loss": latent_mse, "latent_mse": latent_mse, "latent_mse_quantized": torch.mean((y_hat - y) ** 2)}


@torch.no_grad()
def hard_rd(model: QRCodec, x: Tensor, phase: str) -> tuple[dict, float, float]:
    """One held-out image through a model in ``eval()`` mode: the pass's output, its bits and its MSE.

    In ``eval()`` mode every quantizer rounds, so the bits are what a real
    bitstream will take (up to the few bytes of rANS overhead) and the MSE is
    that of the clamped picture it decodes to.
    """
    out = model(x, phase=phase)
    bits = float(sum(-torch.log2(lk.float()).sum() for lk in out["likelihoods"].values()))
    return out, bits, float(torch.mean((out["x_hat"].float().clamp(0, 1) - x) ** 2))


def g_s_state(model: QRCodec) -> dict[str, Tensor]:
    """A copy of the synthesis transform's weights."""
    return copy.deepcopy(model.base.g_s.state_dict())


# -------------------------------------------------------------------- trainer
class Trainer:
    """Runs the phases in order, resuming from the latest checkpoint."""

    def __init__(self, config: TrainConfig, device: torch.device | None = None, log=print) -> None:
        self.config = config
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.log = log
        self.dir = Path(config.checkpoint_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        if config.threads:
            torch.set_num_threads(config.threads)
        self.use_bf16 = config.bf16 and bf16_supported(self.device)
        torch.manual_seed(config.seed)
        self.model = build_model(config).to(self.device)
        self.soft_decoder: dict[str, Tensor] | None = None
        self.off_decoder: dict[str, Tensor] | None = None
        self.phase, self.step = "soft", 0
        self.history: list[dict] = []
        self.val_images = validation_images(config.val_images)
        if config.decoders_from and config.fresh_rectifier:
            raise CodecError("decoders_from continues the file's rectifier; drop fresh_rectifier")
        for option in ("soft_ms_ssim_weight", "decoder_ms_ssim_weight"):
            check_ms_ssim_weight(option, getattr(config, option), config.crop)
        # The decoders_from file's decoders, and its encoder and entropy models (what its bitstream means)
        self.warm_decoders, self.warm_bitstream = (self._read_warm_file(config.decoders_from)
                                                   if config.decoders_from else (None, {}))
        self._probe: list[Tensor] | None = None  # training crops that pick a phase's start (_start_from)
        if not self._resume() and config.init_from:
            self._warm_start(config.init_from)
        self._make_optimizers()

    # -- state
    def _state_path(self) -> Path:
        return self.dir / "state.pt"

    def _resume(self) -> bool:
        path = self._state_path()
        if not path.exists():
            return False
        state = torch.load(path, map_location=self.device, weights_only=False)
        try:
            self.model.load_state_dict(state["model"])
        except RuntimeError as exc:
            raise CodecError(f"cannot resume {path}: it was trained with another architecture "
                             f"(N, M or rectifier options differ from this run's): {exc}") from exc
        self.phase, self.step = state["phase"], state["step"]
        self.soft_decoder, self.off_decoder = state["soft_decoder"], state["off_decoder"]
        self.history = state.get("history", [])
        self._pending_optim = state.get("optim") if self.phase != "done" else None
        self.log(f"resumed {path} at phase {self.phase} step {self.step}")
        return True

    def _without_other_quantizers(self, weights: dict) -> dict:
        """Drop the learned parameters of quantizers this run does not use (DSQ's sharpness).

        A run may continue weights trained with another approximation pair,
        e.g. a decoder trained through DSQ continued with straight-through
        rounding; the transforms carry over, the old quantizer's state cannot.
        """
        own = self.model.state_dict()
        return {k: v for k, v in weights.items() if not (k.startswith(QUANTIZER_MODULES) and k not in own)}

    def _warm_start(self, path: str) -> None:
        """Start from another run's soft-phase weights: a ``state.pt`` or a shipped model file.

        A model file lets a new round continue the shipped weights on a machine
        that has none of the checkpoints they were trained in (fp16-stored
        transforms come back as fp32). With ``widen``, weights with fewer
        latent channels are widened to this run's M, decoding as before.
        """
        if not Path(path).is_file():
            raise CodecError(f"cannot warm-start from {path}: no such file")
        if (blob := model_file_or_none(path)) is not None:
            weights = training_weights(blob, "soft")
        else:
            state = torch.load(path, map_location="cpu", weights_only=False)
            weights = soft_phase_weights(state)
        weights = {k: v for k, v in weights.items() if not k.endswith(CODER_TABLES)}  # update() resizes them
        if self.config.widen:
            weights = widen_weights(weights, self.model)
        if self.config.fresh_rectifier:
            weights = {k: v for k, v in weights.items() if not k.startswith("rectifier.")}
        weights = self._without_other_quantizers(weights)
        try:
            missing, unexpected = self.model.load_state_dict(weights, strict=False)
        except RuntimeError as exc:  # shape mismatches
            hint = "" if self.config.widen else " (--widen widens a narrower latent to this run's M)"
            raise CodecError(f"{path} does not fit this run's architecture (N, M, rectifier){hint}: {exc}") from exc
        # A rectifier conditioned on the prior may continue an unconditioned one:
        # its prior embedding starts at zero, so it starts as the same function.
        fresh = ("rectifier.",) if self.config.fresh_rectifier else ("rectifier.prior_embed.",)
        if unexpected or any(not (k.endswith(CODER_TABLES) or k.startswith(fresh)) for k in missing):
            raise CodecError(f"{path} does not fit this run's architecture: missing {missing}, "
                             f"unexpected {unexpected}")
        self.log(f"warm start from {path}" + (f" (latent widened to M={self.config.M})" if self.config.widen else ""))

    def _read_warm_file(self, path: str) -> tuple[dict[str, dict[str, Tensor]], dict[str, Tensor]]:
        """The fine-tuned decoders of a model file, as this model's weights (see ``decoders_from``),
        and its bitstream's modules as the file stores them (``_bitstream_is_the_files``)."""
        blob = model_file_or_none(path) if Path(path).is_file() else None
        if blob is None:
            raise CodecError(f"cannot continue the decoders of {path}: not a model file")
        qr = training_weights(blob, "qr")
        own = self.model.state_dict()
        bitstream = {k: v for k, v in blob["state_dict"].items()
                     if not k.startswith(DECODER_MODULES + QUANTIZER_MODULES) and not k.endswith(CODER_TABLES)}
        decoders = {
            "qr-off": {k.removeprefix("base.g_s."): v
                       for k, v in training_weights(blob, "qr-off").items() if k.startswith("base.g_s.")},
            "qr": {k.removeprefix("base.g_s."): v for k, v in qr.items() if k.startswith("base.g_s.")},
            "rectifier": {k.removeprefix("rectifier."): v for k, v in qr.items() if k.startswith("rectifier.")},
        }
        mismatched = [k for k, v in qr.items()
                      if k.startswith(DECODER_MODULES) and (k not in own or own[k].shape != v.shape)]
        if mismatched:
            raise CodecError(f"the decoders of {path} do not fit this run's architecture: {mismatched[:3]}")
        return decoders, bitstream

    def _make_optimizers(self) -> None:
        cfg = self.config
        self.model.train()
        if self.phase == "soft":
            self.model.use_rectifier = False
            for p in self.model.parameters():
                p.requires_grad_(True)
            for p in self.model.rectifier.parameters():
                p.requires_grad_(False)
        else:
            self.model.use_rectifier = self.phase in ("rectifier", "predictive-qr")
            self.model.freeze_bitstream()
            if not self.model.use_rectifier:
                for p in self.model.rectifier.parameters():
                    p.requires_grad_(False)
            if self.phase == "rectifier":
                for p in self.model.base.g_s.parameters():
                    p.requires_grad_(False)
        trainable = [(n, p) for n, p in self.model.named_parameters()
                     if p.requires_grad and not n.endswith("quantiles")]
        if self.phase == "soft":
            groups = [{"params": [p for _, p in trainable], "base_lr": cfg.lr}]
        else:  # the rectifier starts from zero and learns faster than the synthesis it feeds
            rectifier_lr = cfg.rectifier_phase_lr if self.phase == "rectifier" else cfg.rectifier_lr
            groups = [{"params": [p for n, p in trainable if not n.startswith("rectifier.")],
                       "base_lr": cfg.predictive_lr},
                      {"params": [p for n, p in trainable if n.startswith("rectifier.")],
                       "base_lr": rectifier_lr}]
        self.optimizer = torch.optim.Adam([g for g in groups if g["params"]], lr=cfg.lr)
        aux = [p for n, p in self.model.named_parameters() if n.endswith("quantiles")]
        self.aux_optimizer = torch.optim.Adam(aux, lr=1e-3)
        pending = getattr(self, "_pending_optim", None)
        if pending is not None:
            base_lrs = [g["base_lr"] for g in self.optimizer.param_groups]
            self.optimizer.load_state_dict(pending["main"])
            for group, base_lr in zip(self.optimizer.param_groups, base_lrs):  # this run's rates win
                group["base_lr"] = base_lr
            self.aux_optimizer.load_state_dict(pending["aux"])
            self._pending_optim = None

    def save(self) -> None:
        state = {
            "config": asdict(self.config),
            "model": self.model.state_dict(),
            "phase": self.phase,
            "step": self.step,
            "soft_decoder": self.soft_decoder,
            "off_decoder": self.off_decoder,
            "history": self.history,
            "optim": {"main": self.optimizer.state_dict(), "aux": self.aux_optimizer.state_dict()},
        }
        tmp = self._state_path().with_suffix(".tmp")
        torch.save(state, tmp)
        os.replace(tmp, self._state_path())

    # -- loop
    def _lr_at(self, step: int, total: int, base: float) -> float:
        """Cosine decay to a tenth of the base rate, after a short warm-up."""
        warm = min(100, total // 10)
        if step < warm:
            return base * (step + 1) / warm
        t = (step - warm) / max(1, total - warm)
        return base * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t)))

    def train_step(self, x: Tensor) -> dict[str, float]:
        cfg = self.config
        total = cfg.steps(self.phase)
        for group in self.optimizer.param_groups:
            group["lr"] = self._lr_at(self.step, total, group["base_lr"])
        self.model.set_progress(cfg.anneal_from + (1 - cfg.anneal_from) * self.step / max(1, total))
        phase = "soft" if self.phase == "soft" else "predictive"
        with bf16_autocast(self.device, self.use_bf16):
            if self.phase == "rectifier":
                losses = latent_loss(self.model, x)
            else:
                weight = cfg.soft_ms_ssim_weight if self.phase == "soft" else cfg.decoder_ms_ssim_weight
                losses = rd_loss(self.model(x, phase=phase), x, cfg.lmbda, weight)
        self.optimizer.zero_grad(set_to_none=True)
        losses["loss"].backward()
        torch.nn.utils.clip_grad_norm_(
            [p for g in self.optimizer.param_groups for p in g["params"]], 1.0
        )
        self.optimizer.step()
        if self.phase == "soft":
            aux = self.model.base.aux_loss()
            self.aux_optimizer.zero_grad(set_to_none=True)
            aux.backward()
            self.aux_optimizer.step()
        return {k: float(v.detach()) for k, v in losses.items()}

    def run(self) -> None:
        cfg = self.config
        data = batches(cfg, cfg.seed + self.step)
        while self.phase != "done":
            total = cfg.steps(self.phase)
            started, window = time.time(), []
            while self.step < total:
                x = next(data).to(self.device, memory_format=torch.channels_last)
                window.append(self.train_step(x))
                self.step += 1
                if self.step % cfg.log_every == 0 or self.step == total:
                    self._log_window(window, time.time() - started)
                    started, window = time.time(), []
                if self.val_images and (self.step % cfg.val_every == 0 or self.step == total):
                    self.validate()
                if self.step % cfg.checkpoint_every == 0:
                    self.save()
            self._finish_phase()
            self.save()

    @torch.no_grad()
    def validate(self) -> dict:
        """Rate and PSNR with *hard* quantization on the held-out photos (:func:`hard_rd`).

        What real bitstreams will give, rather than the training surrogate,
        which can be far more optimistic.
        """
        self.model.eval()
        bits = pixels = 0.0
        psnrs, latent_errors = [], []
        for x in self.val_images:
            x = x.to(self.device)
            out, image_bits, mse = hard_rd(self.model, x, "soft" if self.phase == "soft" else "predictive")
            bits += image_bits
            pixels += x.shape[2] * x.shape[3]
            psnrs.append(psnr_of_mse(mse))
            if self.model.use_rectifier:  # only in the predictive phases, whose pass returns y, ŷ and ỹ
                latent_errors.append((float(torch.sum((out["y_tilde"] - out["y"]) ** 2)),
                                      float(torch.sum((out["y_hat"] - out["y"]) ** 2))))
        self.model.train()
        entry = {"phase": f"val:{self.phase}", "step": self.step, "bpp": round(bits / pixels, 4),
                 "psnr": round(sum(psnrs) / len(psnrs), 3)}
        if latent_errors:  # does QR(ŷ) predict y? negative: closer to y than ŷ is
            rectified, quantized = (sum(e) for e in zip(*latent_errors))
            entry["latent_error_change_pct"] = round(100 * (rectified / max(quantized, 1e-12) - 1), 2)
        self.history.append(entry)
        self.log(json.dumps(entry))
        return entry

    def _log_window(self, window: list[dict], seconds: float) -> None:
        mean = {k: sum(w[k] for w in window) / len(window) for k in window[0]}
        entry = {"phase": self.phase, "step": self.step, "loss": round(mean["loss"], 4)}
        if "mse" in mean:
            entry.update(bpp=round(mean["bpp"], 4), psnr=round(psnr_of_mse(mean["mse"]), 3))
        else:
            entry.update(latent_mse=round(mean["latent_mse"], 5),
                         latent_mse_quantized=round(mean["latent_mse_quantized"], 5))
        entry["steps_per_s"] = round(len(window) / max(seconds, 1e-9), 3)
        self.history.append(entry)
        self.log(json.dumps(entry))

    def _finish_phase(self) -> None:
        warm = self.warm_decoders
        if self.phase == "soft":
            self.soft_decoder = g_s_state(self.model)
            self.phase = "predictive-off"
            if warm:
                self._start_from({"file": {"g_s": warm["qr-off"]}, "soft synthesis": {}})
        elif self.phase == "predictive-off":
            self.off_decoder = g_s_state(self.model)
            self.model.base.g_s.load_state_dict(self.soft_decoder)
            self.phase = "rectifier" if self.config.rectifier_steps else "predictive-qr"
            candidates: dict[str, dict[str, dict[str, Tensor]]] = {"soft synthesis": {}}
            if warm:
                candidates = {"file": {"g_s": warm["qr"], "rectifier": warm["rectifier"]}, **candidates}
            if self.config.offer_off_synthesis:
                candidates["qr-off synthesis"] = {"g_s": self.off_decoder}
            if len(candidates) > 1:
                self._start_from(candidates)
        elif self.phase == "rectifier":
            self.phase = "predictive-qr"
        else:
            self.phase = "done"
        self.step = 0
        if self.phase != "done":
            self._make_optimizers()
        self.log(f"phase -> {self.phase}")

    def _start_from(self, candidates: dict[str, dict[str, dict[str, Tensor]]]) -> None:
        """Start the next phase from a candidate's modules (``g_s``, ``rectifier``; none: the model as it is).

        The file's decoders (``decoders_from``) are continued as they are when
        the bitstream is still the file's (``_bitstream_is_the_files``).
        Otherwise the candidate that decodes a fixed set of training crops with
        the smaller error wins, and the choice is logged.
        """
        if "file" in candidates and self._bitstream_is_the_files():
            self._load_modules(candidates["file"])
            self.log(f"{self.phase}: the decoders of {self.config.decoders_from} continued (its bitstream)")
            return
        current = {"g_s": g_s_state(self.model), "rectifier": copy.deepcopy(self.model.rectifier.state_dict())}
        psnrs = {}
        for name, modules in candidates.items():
            self._load_modules({**current, **modules})
            psnrs[name] = round(psnr_of_mse(self._probe_mse()), 3)
        best = max(psnrs, key=psnrs.get)
        self._load_modules({**current, **candidates[best]})
        entry = {"phase": f"start:{self.phase}", "start": best, "psnr": psnrs}
        self.history.append(entry)
        self.log(json.dumps(entry))

    def _bitstream_is_the_files(self) -> bool:
        """Whether this run codes as the ``decoders_from`` file does: no soft steps, and an
        encoder and entropy models equal to the file's as it stores them (fp16 or fp32).

        A probe of a few crops cannot tell decoders apart that differ by a few
        thousandths of a dB, and a wrong pick restarts a trained rectifier from
        the soft synthesis (docs/evaluation.md, round 104).
        """
        if self.config.soft_steps:
            return False
        own = self.model.state_dict()
        return all(k in own and torch.equal(own[k].detach().cpu().to(v.dtype), v)
                   for k, v in self.warm_bitstream.items())

    def _load_modules(self, modules: dict[str, dict[str, Tensor]]) -> None:
        if "g_s" in modules:
            self.model.base.g_s.load_state_dict(modules["g_s"])
        if "rectifier" in modules:
            self.model.rectifier.load_state_dict(modules["rectifier"])

    @torch.no_grad()
    def _probe_mse(self, n_batches: int = 2) -> float:
        """MSE of the next phase's hard-latent pass on a fixed set of training crops."""
        if self._probe is None:
            data = batches(self.config, self.config.seed + 7919)
            self._probe = [next(data).to(self.device) for _ in range(n_batches)]
        self.model.eval()
        self.model.use_rectifier = self.phase in ("rectifier", "predictive-qr")
        mse = sum(hard_rd(self.model, x, "predictive")[2] for x in self._probe) / len(self._probe)
        self.model.train()
        return mse


def trained_learning_rates(config: TrainConfig) -> dict[str, float]:
    """The base learning rates of the phases this run trained; a phase of no steps had none
    (a decoders-only round's card does not show the default soft rate it never used)."""
    rates = {"soft": (config.lr, config.soft_steps),
             "predictive": (config.predictive_lr, config.predictive_steps),
             "rectifier": (config.rectifier_lr, config.predictive_steps),
             "rectifier_phase": (config.rectifier_phase_lr, config.rectifier_steps)}
    return {phase: lr for phase, (lr, steps) in rates.items() if steps}


def _soft_lr(lr: float | None, soft_steps: int) -> dict:
    """A lineage entry's soft-phase learning rate, when it had soft steps and states one."""
    return {"soft_lr": lr} if soft_steps and lr is not None else {}


def _min_scale(min_scale: float) -> dict:
    """A lineage entry's crop-scale range, when its crops were rescaled."""
    return {"min_scale": min_scale} if min_scale != 1.0 else {}


def training_lineage(config: TrainConfig) -> list[dict]:
    """The runs a model's soft-phase weights descend from through ``init_from``, oldest first.

    Read from their checkpoints at export time, so a model card states every
    step its weights had, not just those of the last round (and, through
    ``M``, where a latent was widened).
    """
    chain: list[dict] = []
    path, seen = config.init_from, set()
    while path and path not in seen:
        seen.add(path)
        if (blob := model_file_or_none(path)) is not None:  # a shipped model: its card holds its lineage
            card = blob["card"]
            soft_steps = card.get("steps", {}).get("soft", 0)
            chain.append({"model": card.get("name", path), "M": card.get("M"), "lambda": card.get("lambda"),
                          "soft_steps": soft_steps,
                          "predictive_steps": card.get("steps", {}).get("predictive-qr", 0),
                          "crop": card.get("crop"), **_min_scale(card.get("min_scale", 1.0)),
                          "anneal_from": card.get("anneal_from", 0.0),
                          **_soft_lr(card.get("learning_rates", {}).get("soft"), soft_steps)})
            chain.extend(reversed(card.get("lineage", [])))
            break
        try:
            parent = torch.load(path, map_location="cpu", weights_only=False)["config"]
        except (OSError, RuntimeError, KeyError, pickle.UnpicklingError) as exc:
            chain.append({"checkpoint": path, "unavailable": str(exc)[:200]})
            break
        chain.append({"checkpoint": path, "M": parent["M"], "lambda": parent["lmbda"],
                      "soft_steps": parent["soft_steps"], "predictive_steps": parent["predictive_steps"],
                      "crop": parent["crop"], **_min_scale(parent.get("min_scale", 1.0)),
                      "anneal_from": parent.get("anneal_from", 0.0),
                      **_soft_lr(parent.get("lr"), parent["soft_steps"])})
        path = parent.get("init_from")
    return chain[::-1]


def export_trainer(trainer: Trainer, name: str, directory: str | Path | None = None) -> Path:
    """Write a finished run as a model file with its three decoders and a model card."""
    if trainer.phase != "done":
        raise CodecError(f"training is not finished (phase {trainer.phase}); run it to the end first")
    cfg = trainer.config
    model = trainer.model.cpu()
    model.use_rectifier = True
    model.update(force=True)
    finals = {e["phase"]: e for e in trainer.history}
    lineage = training_lineage(cfg)
    card = {
        "name": name,
        "architecture": cfg.architecture,
        "N": cfg.N,
        "M": cfg.M,
        "lambda": cfg.lmbda,
        "distortion": distortion_statement(cfg),
        "quantizers": {"entropy": cfg.entropy_quantizer, "decoder": cfg.decoder_quantizer},
        "steps": {phase: cfg.steps(phase) for phase in PHASES},
        "learning_rates": trained_learning_rates(cfg),
        "batch_size": cfg.batch_size,
        "crop": cfg.crop,
        **_min_scale(cfg.min_scale),
        "warm_start": cfg.init_from,
        **({"decoders_continued_from": cfg.decoders_from} if cfg.decoders_from else {}),
        "anneal_from": cfg.anneal_from,
        "lineage": lineage,
        "soft_steps_total": cfg.soft_steps + sum(run.get("soft_steps", 0) for run in lineage),
        "data": "jobs/prepare_photos.py: Debian wallpaper photographs (plasma-workspace-wallpapers, "
        "mate-backgrounds, lomiri-wallpapers-16.04, palapeli-data), validation photos held out",
        "training_end": finals,
        "decoders": ["qr", "qr-off", "soft"],
    }
    target = Path(directory) if directory else WEIGHTS_DIR
    return save_model_file(
        model, target / f"{name}.pt", {"soft": trainer.soft_decoder, "qr-off": trainer.off_decoder}, card
    )
