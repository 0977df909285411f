"""Markdown inside text fields, turned into rich-text paragraphs and runs."""
