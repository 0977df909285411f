"""One module per slide kind; each registers itself with `layouts.registry.register`."""
