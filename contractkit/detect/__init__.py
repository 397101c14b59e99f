"""Detect stage: find taxonomy clause types in segmented text and extract typed attributes."""
