"""Where a glossary entry sorts and which heading it falls under, in each language."""

from __future__ import annotations

import bisect
from typing import Any

# Katakana sorts as the hiragana it sounds like: Japanese readings mix both (だいきぼモデル, アイオーティー),
# and code-point order would put every katakana reading after the last hiragana one.
_KATAKANA_AS_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
# The first hiragana of each row of the gojūon table (small kana and voiced ones included), and its row.
_ROW_STARTS = [ord(c) for c in "ぁかさたなはまゃらゎ"]
_ROWS = "あかさたなはまやらわ"


def collation_key(text: str) -> str:
    """A glossary entry's place: by reading in the gojūon order, Latin letters first, case ignored."""
    return text.translate(_KATAKANA_AS_HIRAGANA).casefold()


def glossary_reading(term: Any, lang: str) -> str:
    """What a term is sorted by in ``lang``: its reading in Japanese when it has one, else the term."""
    reading: str | None = term.reading if lang == "ja" else None
    return reading or str(term.term[lang])


def initial(text: str) -> str:
    """The heading a term is found under: the kana row (か for が or カ), the capital letter, or the first character."""
    first = collation_key(text)[:1]
    code = ord(first) if first else 0
    if ord("ぁ") <= code <= ord("ゖ"):
        return _ROWS[bisect.bisect_right(_ROW_STARTS, code) - 1]
    return first.upper()
