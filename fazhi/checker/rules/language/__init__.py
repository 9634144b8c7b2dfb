"""language rules (one module per rule)."""
