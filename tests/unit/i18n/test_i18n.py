import pytest

from bot.i18n import CatalogError, _check_entry, language_for_locale, messages, t


def test_every_message_has_both_languages_with_the_same_parameters():
    catalog = messages()
    assert catalog, "catalog is empty"
    for key, texts in catalog.items():
        assert set(texts) == {"nb", "en"}, key
        assert texts["nb"].strip() and texts["en"].strip(), key


def test_a_message_missing_english_is_rejected():
    with pytest.raises(CatalogError, match="exactly"):
        _check_entry("x", {"nb": "Hei"})


def test_mismatched_parameters_are_rejected():
    with pytest.raises(CatalogError, match="parameters"):
        _check_entry("x", {"nb": "Hei {navn}", "en": "Hi {name}"})


@pytest.mark.parametrize(
    ("locale", "default", "expected"),
    [
        ("nb-NO", "en", "nb"),
        ("nn-NO", "en", "nb"),
        ("no", "en", "nb"),
        ("en-US", "nb", "en"),
        ("en-GB", "nb", "en"),
        ("de-DE", "nb", "nb"),
        ("de-DE", "en", "en"),
        (None, "nb", "nb"),
        ("", "en", "en"),
    ],
)
def test_language_for_locale(locale, default, expected):
    assert language_for_locale(locale, default) == expected


def test_t_fills_parameters():
    assert "`xyz`" in t("en", "command.unknown", word="xyz")
    assert "`xyz`" in t("nb", "command.unknown", word="xyz")
