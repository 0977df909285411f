"""The only package that talks to python-pptx: SlidePlans in, a Presentation out."""
