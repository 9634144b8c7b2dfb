"""language rules (one module per rule)."""

# The placeholder patterns, public: part substance (fazhi.checker.substance) takes
# template guidance and placeholders out before it looks for facts.
from fazhi.checker.rules.language._data import placeholders  # noqa: F401
