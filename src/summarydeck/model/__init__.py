"""The typed content model: what a deck says, independent of how it is laid out."""
