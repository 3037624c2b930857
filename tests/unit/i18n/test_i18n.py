import pytest

from bot.i18n import CatalogError, _check_entry, language_for_locale, messages, t


def test_every_message_has_both_languages_with_the_same_parameters():
    catalog = messages()
    assert catalog, "catalog is empty"
    for key, texts in catalog.items():
        assert set(texts) - {"plural"} == {"nb", "en"}, key


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
        # Slack has no Norwegian interface: an English locale says nothing of the person.
        ("en-US", "nb", "nb"),
        ("en-GB", "nb", "nb"),
        ("en-US", "en", "en"),
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


def test_a_count_picks_its_plural_form_and_is_written_as_a_number_of_the_language():
    assert t("nb", "date.in_days", day_count=1) == "om 1 dag"
    assert t("nb", "date.in_days", day_count=2) == "om 2 dager"
    assert t("en", "date.in_days", day_count=1) == "in 1 day"
    assert t("nb", "date.in_days", day_count=12000) == "om 12\xa0000 dager"
    assert t("en", "date.in_days", day_count=12000) == "in 12,000 days"


def test_exact_forms_win_over_the_category():
    entry = {"nb": {"=2": "begge", "one": "den", "other": "alle {count}"},
             "en": {"=2": "both", "one": "it", "other": "all {count}"}}  # fmt: skip
    _check_entry("x", entry)
    from bot.i18n import plural_form

    assert plural_form("nb", entry["nb"], 2) == "begge"
    assert plural_form("nb", entry["nb"], 3) == "alle {count}"
    assert plural_form("en", entry["en"], 1) == "it"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"nb": {"one": "a", "other": "{count} b"}, "en": "{count} b"}, "one language only"),
        ({"nb": {"other": "{count} b"}, "en": {"other": "{count} b"}}, "plural forms"),
        (
            {"nb": {"one": "{a_count}", "other": "{b_count}"},
             "en": {"one": "{a_count}", "other": "{b_count}"}},
            "name the one",
        ),
        (
            {"plural": "c_count", "nb": {"one": "{a_count}", "other": "x"},
             "en": {"one": "{a_count}", "other": "x"}},
            "is not one of",
        ),
        ({"nb": {"one": "a", "2": "b", "other": "c {count}"},
          "en": {"one": "a", "other": "c {count}"}}, "plural forms"),
    ],
)  # fmt: skip
def test_malformed_plural_entries_are_refused(entry, message):
    with pytest.raises(CatalogError, match=message):
        _check_entry("x", entry)


def test_lists_are_joined_as_the_language_joins_them():
    from bot.i18n import format_list

    assert format_list("nb", ["1", "2", "3"]) == "1, 2 og 3"
    assert format_list("en", ["1", "2"]) == "1 and 2"
    assert format_list("nb", ["a", "b"], style="or") == "a eller b"


def test_a_count_without_plural_forms_is_refused():
    with pytest.raises(CatalogError, match="no plural forms"):
        _check_entry("x", {"nb": "{count} kandidater", "en": "{count} candidates"})
    with pytest.raises(CatalogError, match="no plural forms"):
        _check_entry("x", {"nb": "{grader_count} sensorer", "en": "{grader_count} graders"})
