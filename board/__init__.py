"""Forbedringstavle: a desktop improvement board for teams in Danish social services."""

__version__ = "0.1.0"
