"""content rules (one module per rule)."""
