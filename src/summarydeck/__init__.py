"""summarydeck: structured YAML summaries in, a branded PowerPoint deck out."""

from __future__ import annotations

__version__ = "0.1.0"
