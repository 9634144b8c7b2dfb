"""The reviewer's season: comparisons across reports.

- compare.py: this year's report against the same unit's last one (`fazhi compare`)
- copying.py: paragraphs shared between reports of one batch (`copied-paragraph`)
- history.py: versions, scores, findings and reviewer decisions in SQLite (`--history`)
- baseline.py: a CI baseline file (`fazhi ci --baseline`)
"""
