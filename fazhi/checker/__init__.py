"""The checker: reader → document model → outline → parts → rules → report.

`check_path(path, profile)` is the one entry point the CLI, the web app and the
formatters use."""

from fazhi.checker.engine import check_document, check_path  # noqa: F401
