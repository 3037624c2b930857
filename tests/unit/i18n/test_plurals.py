"""Every catalog entry read with counts 0, 1 and 2 in both languages, as a reader would: no
"1 kandidater", "1 candidates", "alle 1" (SPEC §3.9)."""

from __future__ import annotations

import itertools
import re
import string

import pytest

from bot.i18n import LANGUAGES, is_count, messages, t

# A count of 1 followed by a plural of the words Sensorbot counts, or a count after a word
# that wants many ("alle 1", "both 2" reads as "begge"/"both" alone).
_NB_PLURALS = (
    "kandidater|kandidatene|kommisjoner|kommisjonene|sensorer|sensorene|karakterer|"
    "karakterene|prøver|prøvene|rader|dager|uker|timer|meldinger|saker|studiekonsulenter|"
    "problemer|endringer|forskjeller|nye|andre|ulike"
)
_EN_PLURALS = (
    "candidates|committees|graders|grades|tests|rows|days|weeks|hours|messages|cases|"
    "consultants|problems|errors|changes|differences|others"
)
WRONG = {
    "nb": re.compile(rf"(?<![\d.,\xa0])1 (?:{_NB_PLURALS})\b|\b(?:alle|begge) [0-2]\b"),
    "en": re.compile(rf"(?<![\d.,])1 (?:{_EN_PLURALS})\b|\b(?:all|both) [0-2]\b"),
}


def _parameters(key: str) -> set[str]:
    entry = messages()[key]
    names: set[str] = set()
    for lang in LANGUAGES:
        texts = entry[lang]
        for text in texts.values() if isinstance(texts, dict) else [texts]:
            names |= {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return names


def _readings(key: str):
    params = _parameters(key)
    counts = sorted(name for name in params if is_count(name))
    others = {name: "X" for name in params if not is_count(name)}
    for values in itertools.product((0, 1, 2), repeat=len(counts)):
        yield {**others, **dict(zip(counts, values, strict=True))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_reads_wrong_with_counts_0_1_and_2(lang):
    wrong = []
    for key in sorted(messages()):
        for params in _readings(key):
            text = t(lang, key, **params)
            found = WRONG[lang].search(text)
            if found:
                wrong.append(f"{key} {params}: …{found.group(0)}…")
                break
    assert not wrong, "entries that read wrong:\n" + "\n".join(wrong)
