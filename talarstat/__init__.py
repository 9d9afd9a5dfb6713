"""talarstat: gender-split speaker statistics for meetings (könsuppdelad talarstatistik)."""

__version__ = "0.1.0"
