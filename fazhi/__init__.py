"""fazhi — checks township 法治政府建设年度报告 against the statutory five-part structure."""

__version__ = "0.1.0"
