"""Anomaly detection metrics: pixel AUROC, AUPRO, F1-max, and scorers for GridSearchCV."""

from ._pixel import aupro, f1_max, pixel_roc_auc, pro_curve
from ._scorers import (
    aupro_scorer,
    f1_max_scorer,
    make_anomaly_scorer,
    make_pixel_scorer,
    pixel_roc_auc_scorer,
)

__all__ = [
    "aupro",
    "aupro_scorer",
    "f1_max",
    "f1_max_scorer",
    "make_anomaly_scorer",
    "make_pixel_scorer",
    "pixel_roc_auc",
    "pixel_roc_auc_scorer",
    "pro_curve",
]
