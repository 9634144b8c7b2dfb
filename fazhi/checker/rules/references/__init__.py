"""references rules: laws, plans, outdated wording (one module per rule)."""

from fazhi.checker.rules._datafiles import validate_profile_data  # noqa: F401
