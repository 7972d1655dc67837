"""Plotting: anomaly maps overlaid on images (needs matplotlib)."""

from ._anomaly_map import AnomalyMapDisplay

__all__ = ["AnomalyMapDisplay"]
