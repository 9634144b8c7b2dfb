"""references rules: laws, plans, outdated wording (one module per rule)."""
