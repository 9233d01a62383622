"""What every shard worker shares: its device, its identity, and prefetching.

Workers are plain classes that the scheduler turns into Ray actors
(``ray.remote(cls).options(num_gpus=..., num_cpus=...)``), so they also run
without Ray, in a test or a benchmark loop. The model is loaded once, in the
constructor; ``run(shard)`` processes one shard and returns its stats.
"""

from __future__ import annotations

import os
import queue
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import torch

T = TypeVar("T")
R = TypeVar("R")
_DONE = object()


def select_device(requested: str | None = None) -> tuple[torch.device, list[int]]:
    """The device of this worker, and the GPU ids Ray assigned to it.

    Ray pins a GPU actor by setting ``CUDA_VISIBLE_DEVICES``, so ``cuda`` here
    is the assigned GPU. When the cluster advertises GPUs that CUDA cannot see
    (e.g. ``ray.init(num_gpus=2)`` on a CPU machine), the worker runs on the CPU.
    """
    gpu_ids: list[int] = []
    try:
        import ray

        if ray.is_initialized():
            gpu_ids = [int(g) for g in ray.get_gpu_ids()]
    except Exception:
        gpu_ids = []
    if requested:
        return torch.device(requested), gpu_ids
    return torch.device("cuda" if torch.cuda.is_available() else "cpu"), gpu_ids


def worker_identity(device: torch.device, gpu_ids: list[int]) -> dict:
    return {"host": socket.gethostname(), "pid": os.getpid(), "device": str(device), "gpu_ids": gpu_ids,
            "node_id": _node_id()}


def _node_id() -> str | None:
    try:
        import ray

        return ray.get_runtime_context().get_node_id() if ray.is_initialized() else None
    except Exception:
        return None


def prefetch(items: Iterable[T], fn: Callable[[T], R], depth: int = 4) -> Iterator[tuple[T, R | Exception]]:
    """Apply ``fn`` to ``items`` in a background thread, ``depth`` ahead of the consumer.

    Image decoding (Pillow) and the codec (torch) both release the GIL, so
    decoding the next images overlaps with coding the current one. Exceptions
    raised by ``fn`` are returned in place of the result, per item.
    """
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                try:
                    result: R | Exception = fn(item)
                except Exception as exc:
                    result = exc
                buffer.put((item, result))
        except Exception as exc:
            buffer.put((None, exc))
        finally:
            buffer.put(_DONE)

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    try:
        while (entry := buffer.get()) is not _DONE:
            yield entry
    finally:
        stop.set()
        while thread.is_alive():
            try:
                buffer.get(timeout=0.1)
            except queue.Empty:
                pass
