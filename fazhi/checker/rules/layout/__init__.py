"""layout rules (one module per rule)."""
