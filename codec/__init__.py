"""A learned image codec with a quantization rectifier, on top of CompressAI."""

import warnings

# compressai 1.2.x scripts a helper with torch.jit at import time, which recent
# torch releases deprecate; the warning is about compressai's code, not ours.
warnings.filterwarnings("ignore", message=r"`torch.jit.script` is deprecated", category=FutureWarning)

from .errors import BitstreamError, CodecError, DesyncError, ImageError, ModelError  # noqa: E402

__all__ = ["BitstreamError", "CodecError", "DesyncError", "ImageError", "ModelError"]
