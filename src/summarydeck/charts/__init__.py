"""Charts: alt text and number formats (pure), native charts and matplotlib pictures (render-time)."""
