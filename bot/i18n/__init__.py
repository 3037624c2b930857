"""Norwegian bokmål and English texts.

Every user-facing sentence lives in a catalog module under `bot/i18n/catalog/`, one module
per capability, each key holding both languages side by side so that one cannot be added
without the other. Parameters use `str.format` names: `{test}`.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping
from functools import cache
from typing import Literal

from bot.i18n import catalog as _catalog_package

Language = Literal["nb", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "en")
_NORWEGIAN_PREFIXES = ("nb", "nn", "no")


class CatalogError(Exception):
    """A catalog is inconsistent: a missing language, a duplicate key, mismatched parameters."""


@cache
def messages() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for module_info in pkgutil.iter_modules(_catalog_package.__path__):
        module = importlib.import_module(f"{_catalog_package.__name__}.{module_info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise CatalogError(f"message key {key!r} defined twice (in {module_info.name})")
            _check_entry(key, texts)
            merged[key] = texts
    return merged


def _check_entry(key: str, texts: Mapping[str, str]) -> None:
    if set(texts) != set(LANGUAGES):
        raise CatalogError(f"message {key!r} must have exactly {LANGUAGES}, has {sorted(texts)}")
    fields = {lang: _fields(text) for lang, text in texts.items()}
    if fields["nb"] != fields["en"]:
        raise CatalogError(f"message {key!r} uses different parameters: {fields}")


def _fields(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def t(lang: str, key: str, **params: object) -> str:
    """The text for `key` in `lang`, with `params` filled in."""
    texts = messages()[key]
    return texts[lang if lang in texts else "nb"].format(**params)


def language_for_locale(locale: str | None, default: str) -> Language:
    """Slack locale (`nb-NO`, `nn-NO`, `no`, `en-US`, …) → nb or en."""
    value = (locale or "").strip().lower()
    if value.startswith(_NORWEGIAN_PREFIXES):
        return "nb"
    if value.startswith("en"):
        return "en"
    return "en" if default == "en" else "nb"
