"""Charts: alt text and number formats (pure), and matplotlib pictures (drawn at render time)."""
