"""Slide plans: what goes where on a slide, as plain data. No python-pptx here."""
