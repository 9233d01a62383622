"""Shared fixtures: sample photos, and a small randomly initialized QR codec.

The small model is a real codec (real rANS bitstreams, integer hyper-synthesis,
rectifier): correctness of coding does not depend on training, so most tests
use it for speed; the shipped models are tested where quality matters.
"""

from __future__ import annotations

import io
import os
import secrets
import tarfile
from pathlib import Path

# Ray reads RAY_AUTH_MODE when it is imported, and test modules may import it
# at collection: token authentication is configured here, before any of them,
# the same way for this process, the subprocess drivers and `ray job submit`.
os.environ["RAY_AUTH_MODE"] = "token"
os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(16)
os.environ.pop("RAY_ADDRESS", None)

import numpy as np
import pytest
import torch

from codec.image_codec import ImageCodec
from codec.models import QRCodec
from codec.rectifier import RectifierConfig

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SHARD = ROOT / "pipeline" / "samples" / "sample-000000.tar"


@pytest.fixture(scope="session")
def sample_photos() -> dict[str, bytes]:
    """The bundled public-domain / CC0 photos, by key."""
    photos = {}
    with tarfile.open(SAMPLE_SHARD) as tar:
        for member in tar.getmembers():
            if member.name.endswith(".png"):
                photos[member.name[:-4]] = tar.extractfile(member).read()
    return photos


def make_tiny_model(seed: int = 0, prior: bool = False) -> QRCodec:
    torch.manual_seed(seed)
    model = QRCodec(
        "mbt2018-mean",
        N=32,
        M=48,
        rectifier=RectifierConfig(channels=32, kernel_size=3, res_blocks=1, heads=2, window=4, prior=prior),
    )
    # Untrained latents are all near zero; scale them up so the bitstream carries
    # real, image-dependent symbols, and make the rectifier non-identity.
    with torch.no_grad():
        model.base.g_a[-1].weight.mul_(20)
        model.base.h_s[-1].bias[: model.M].uniform_(0.2, 4.0)  # varied scales, many CDFs
    torch.nn.init.normal_(model.rectifier.project.weight, std=0.01)
    if prior:
        torch.nn.init.normal_(model.rectifier.prior_embed.weight, std=0.1)
    model.update()
    return model.eval()


@pytest.fixture(scope="session")
def tiny_model() -> QRCodec:
    return make_tiny_model()


@pytest.fixture(scope="session")
def tiny_codec(tiny_model) -> ImageCodec:
    return ImageCodec(tiny_model, "cpu")


@pytest.fixture(scope="session")
def tiny_model_file(tmp_path_factory, tiny_model) -> Path:
    from codec.registry import save_model_file

    path = tmp_path_factory.mktemp("models") / "tiny.pt"
    return save_model_file(tiny_model, path, card={"name": "tiny"}, half=False)


def png_bytes(array: np.ndarray, mode: str | None = None, **save) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(array, mode).save(buf, format=save.pop("format", "PNG"), **save)
    return buf.getvalue()


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray cluster for the whole session: 4 CPUs and 2 fake GPUs.

    Its session files go to a temporary folder that is removed after.
    """
    import shutil
    import socket
    import tempfile

    import ray

    temp = tempfile.mkdtemp(prefix="rt", dir="/tmp")  # short: Ray's socket paths have a length limit
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dashboard_port = s.getsockname()[1]
    context = ray.init(num_cpus=4, num_gpus=2, include_dashboard=True, dashboard_port=dashboard_port,
                       _temp_dir=temp, log_to_driver=False)
    os.environ["RAY_ADDRESS"] = context.address_info["address"]
    try:
        yield {"address": context.address_info["address"], "dashboard": f"http://127.0.0.1:{dashboard_port}"}
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)
        os.environ.pop("RAY_ADDRESS", None)
