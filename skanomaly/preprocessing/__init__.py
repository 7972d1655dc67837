"""Image transformers (Pillow-based) to put in front of a detector in a Pipeline."""

from ._images import Grayscale, ImageResizer

__all__ = ["Grayscale", "ImageResizer"]
