"""Slide kinds. Each kind lives in its own module under `layouts/kinds/` and registers itself.

A layout turns a slide entry and the content it names into `SlidePlan`s; where things go is decided
here, what they say comes from the content, and how they are drawn is the renderer's job.
"""
