"""Reading content files while remembering where every value came from."""
