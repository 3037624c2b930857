"""Norwegian bokmål and English texts.

Every user-facing sentence lives in a catalog module under `bot/i18n/catalog/`, one module
per capability, each key holding both languages side by side so that one cannot be added
without the other. Parameters use `str.format` names: `{test}`.

A parameter that is a number of things is named `count` or ends in `_count`, and its entry
gives the plural forms of each language (CLDR's categories, through Babel), optionally with
exact forms such as `"=2"` ("begge kommisjonene"):

    "home.more_tests": {
        "nb": {"one": "… og én prøve til", "other": "… og {count} prøver til"},
        "en": {"one": "… and one more test", "other": "… and {count} more tests"},
    }

An entry with several counts names the one its form follows: `"plural": "submitted_count"`.
Counts are written as numbers of the reader's language (`12 000`, `12,000`).
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Literal, cast

from babel import Locale
from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal

from bot.i18n import catalog as _catalog_package

Language = Literal["nb", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "en")
_NORWEGIAN_PREFIXES = ("nb", "nn", "no")
PLURAL_KEY = "plural"

ListStyle = Literal["standard", "or"]
Forms = Mapping[str, str]
Entry = Mapping[str, "str | Forms"]


class CatalogError(Exception):
    """A catalog is inconsistent: a missing language, a duplicate key, mismatched parameters,
    a count without plural forms."""


@cache
def messages() -> Mapping[str, Entry]:
    merged: dict[str, Entry] = {}
    for module_info in pkgutil.iter_modules(_catalog_package.__path__):
        module = importlib.import_module(f"{_catalog_package.__name__}.{module_info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise CatalogError(f"message key {key!r} defined twice (in {module_info.name})")
            _check_entry(key, texts)
            merged[key] = texts
    return merged


def is_count(name: str) -> bool:
    """Whether a parameter of this name is a number of things (and so needs plural forms)."""
    return name == "count" or name.endswith("_count")


@cache
def plural_categories(lang: str) -> frozenset[str]:
    """CLDR's plural categories of `lang`: {"one", "other"} for both nb and en."""
    return frozenset(_locale(lang).plural_form.tags) | {"other"}


def _check_entry(key: str, entry: Mapping[str, object]) -> None:
    languages = set(entry) - {PLURAL_KEY}
    if languages != set(LANGUAGES):
        raise CatalogError(f"message {key!r} must have exactly {LANGUAGES}, has {sorted(entry)}")
    fields = {lang: _entry_fields(key, lang, entry[lang]) for lang in LANGUAGES}
    if fields["nb"] != fields["en"]:
        raise CatalogError(f"message {key!r} uses different parameters: {fields}")
    counts = sorted(name for name in fields["nb"] if is_count(name))
    counted = [isinstance(entry[lang], Mapping) for lang in LANGUAGES]
    if any(counted) and not all(counted):
        raise CatalogError(f"message {key!r} has plural forms in one language only")
    if counts and not all(counted):
        raise CatalogError(
            f"message {key!r} counts {', '.join(counts)} but has no plural forms: give "
            f"{{'one': …, 'other': …}} for each language"
        )
    if not all(counted):
        if PLURAL_KEY in entry:
            raise CatalogError(f"message {key!r} names a plural parameter but has no forms")
        return
    selector = entry.get(PLURAL_KEY)
    if selector is None:
        if len(counts) != 1:
            raise CatalogError(
                f"message {key!r} has plural forms but {len(counts)} counts {counts}: "
                f"name the one the form follows with {PLURAL_KEY!r}"
            )
    elif selector not in counts:
        raise CatalogError(f"message {key!r}: {PLURAL_KEY} {selector!r} is not one of {counts}")
    for lang in LANGUAGES:
        forms = cast(Forms, entry[lang])
        categories = {form for form in forms if not form.startswith("=")}
        if categories != plural_categories(lang):
            raise CatalogError(
                f"message {key!r} ({lang}) must have the plural forms "
                f"{sorted(plural_categories(lang))}, has {sorted(categories)}"
            )
        exact = [form for form in forms if form.startswith("=")]
        if any(not form[1:].isdigit() for form in exact):
            raise CatalogError(f"message {key!r} ({lang}): exact forms look like '=2': {exact}")


def _entry_fields(key: str, lang: str, text: object) -> frozenset[str]:
    if isinstance(text, str):
        if not text.strip():
            raise CatalogError(f"message {key!r} ({lang}) is empty")
        return _fields(text)
    if isinstance(text, Mapping):
        forms = [_entry_fields(key, lang, form) for form in text.values()]
        # A form may leave out the count it is chosen by ("one": "one more test").
        return frozenset().union(*forms) if forms else frozenset()
    raise CatalogError(f"message {key!r} ({lang}) is neither a text nor plural forms")


def _fields(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def selector(key: str) -> str | None:
    """The parameter that chooses the plural form of `key`, or None for a plain text."""
    entry = messages()[key]
    if not isinstance(entry["nb"], Mapping):
        return None
    named = entry.get(PLURAL_KEY)
    if isinstance(named, str):
        return named
    return next(name for name in _entry_fields(key, "nb", entry["nb"]) if is_count(name))


def t(lang: str, key: str, **params: object) -> str:
    """The text for `key` in `lang`, with `params` filled in: the plural form that fits the
    count, and counts written as numbers of `lang`."""
    entry = messages()[key]
    lang = lang if lang in LANGUAGES else "nb"
    text = entry[lang]
    if isinstance(text, Mapping):
        name = selector(key)
        assert name is not None
        text = plural_form(lang, text, params[name])
    filled = {
        name: number(lang, value) if is_count(name) and isinstance(value, int) else value
        for name, value in params.items()
    }
    return text.format(**filled)


def plural_form(lang: str, forms: Forms, count: object) -> str:
    if not isinstance(count, int) or isinstance(count, bool):
        raise TypeError(f"a count must be an int, got {count!r}")
    exact = forms.get(f"={count}")
    if exact is not None:
        return exact
    return forms[_locale(lang).plural_form(abs(count))]


def number(lang: str, value: int) -> str:
    """`12000` as the reader writes it: "12 000" in Norwegian, "12,000" in English."""
    return format_decimal(value, locale=_locale(lang))


def format_list(lang: str, items: Iterable[str], style: ListStyle = "standard") -> str:
    """ "a, b og c" / "a, b and c" (`style="or"`: "a, b eller c" / "a, b or c")."""
    return _babel_list(list(items), style=style, locale=_locale(lang))


@lru_cache(maxsize=8)  # a few languages; whatever else is asked for does not pile up
def _locale(lang: str) -> Locale:
    """Babel's locale for `lang`, parsed once: the Home tab writes hundreds of counts and
    lists, and parsing the name again for each cost more than the formatting."""
    return Locale.parse(lang)


def language_for_locale(locale: str | None, default: str) -> Language:
    """Slack locale → nb or en, for a person who has not chosen: a Norwegian locale
    (`nb-NO`, `nn-NO`, `no`) is Norwegian; anything else is the default language, because
    Slack has no Norwegian interface and most Norwegians run it in English."""
    value = (locale or "").strip().lower()
    if value.startswith(_NORWEGIAN_PREFIXES):
        return "nb"
    return "en" if default == "en" else "nb"
