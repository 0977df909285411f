"""Writing the package: deterministic bytes, atomic replacement, and checks of the result."""
