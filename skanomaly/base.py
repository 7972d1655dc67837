"""Public access to the base class, for people who write their own detectors."""

from ._base import BaseDetector

__all__ = ["BaseDetector"]
