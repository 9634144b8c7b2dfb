"""Every rule's own bad example triggers it and its good example does not.

The examples are the ones `fazhi rules SLUG` shows, so documentation and
behaviour cannot drift apart."""

import pytest

from fazhi.checker.rules import registry
from fazhi.checker.testing import findings_for

TEXT_RULES = [r for r in registry().values() if r.examples_are_text]


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.slug)
def test_bad_example_is_flagged(rule):
    found = findings_for(rule.bad, rule.slug, year=rule.example_year)
    assert found, f"{rule.slug}: bad example not flagged"


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.slug)
def test_good_example_is_clean(rule):
    found = findings_for(rule.good, rule.slug, year=rule.example_year)
    assert not found, f"{rule.slug}: good example flagged: {[f.message for f in found]}"


def test_every_rule_is_documented():
    for rule in registry().values():
        assert rule.summary and rule.explanation and rule.bad and rule.good, rule.slug
        assert rule.severity in ("error", "warning", "info"), rule.slug
        # A finding that rests only on practice is never an error (contract §2).
        if rule.basis.startswith("常见实务"):
            assert rule.severity != "error", rule.slug
