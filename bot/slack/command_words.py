"""The sub-commands of `/sensur`, in Norwegian and English (SPEC §9.3)."""

from __future__ import annotations

from dataclasses import dataclass

WORDS: dict[str, tuple[str, ...]] = {
    "help": ("help", "hjelp"),
    "status": ("status",),
    "why": ("why", "hvorfor"),
    "template": ("template", "mal"),
    "approve": ("approve", "godkjenn"),
    "open": ("open", "åpne", "apne"),
    "export": ("export", "eksport"),
    "reopen": ("reopen", "gjenåpne", "gjenapne"),
    # `/sensur norsk` and `/sensur english` choose at once.
    "language": ("language", "språk", "sprak", "norsk", "english"),
    "done": ("done", "ferdig"),
}
_BY_WORD = {word: name for name, words in WORDS.items() for word in words}


@dataclass(frozen=True)
class ParsedCommand:
    name: str | None  # None: a word we do not know
    word: str  # what the person typed, for messages
    args: tuple[str, ...]


def parse_command(text: str | None) -> ParsedCommand:
    parts = (text or "").split()
    if not parts:
        return ParsedCommand("help", "", ())
    word = parts[0]
    return ParsedCommand(_BY_WORD.get(word.lower()), word, tuple(parts[1:]))
