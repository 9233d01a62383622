"""The codec's own exceptions. Every message says what to do about it."""


class CodecError(Exception):
    """Base class of every error the codec raises on purpose."""


class ImageError(CodecError):
    """An input image that cannot be encoded (unsupported mode, bomb, unreadable)."""


class BitstreamError(CodecError):
    """A container that is malformed, truncated, or fails its payload checksum."""


class DesyncError(BitstreamError):
    """The entropy decoder produced symbols whose checksum differs from the encoder's."""


class ModelError(CodecError):
    """A model that cannot be found, loaded, or does not match a bitstream."""


class EvaluationError(CodecError):
    """Evaluation inputs that cannot be compared (no images, unreadable or mismatched results)."""
