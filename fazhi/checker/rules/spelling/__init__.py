"""Spelling: 错别字 (typo), 异形词 (variant-word), 繁体字/异体字 (nonstandard-char)."""
