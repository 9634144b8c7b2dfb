"""Spelling: 错别字 (typo), 异形词 (variant-word), 繁体字/异体字 (nonstandard-char)."""


def load_detector_data() -> None:
    """Load the typo detector's lexicon and confusion sets now (fazhi.batch does,
    before forking its workers, so that they share one copy)."""
    from fazhi.checker.rules.spelling import _lexicon

    _lexicon.lexicon()
