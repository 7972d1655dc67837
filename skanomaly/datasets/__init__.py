"""Offline loaders and generators for image anomaly detection data (never a download)."""

from ._fashion_mnist import FASHION_MNIST_CLASSES, load_fashion_mnist
from ._mnist_5k import load_mnist_5k
from ._mvtec import load_mvtec_folder
from ._one_class import one_class_split, one_class_validation_split
from ._textures import DEFECT_KINDS, make_texture_defects

__all__ = [
    "DEFECT_KINDS",
    "FASHION_MNIST_CLASSES",
    "load_fashion_mnist",
    "load_mnist_5k",
    "load_mvtec_folder",
    "make_texture_defects",
    "one_class_split",
    "one_class_validation_split",
]
