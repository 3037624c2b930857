import pytest

from bot.slack.command_words import parse_command


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("", "help", ()),
        (None, "help", ()),
        ("hjelp", "help", ()),
        ("HELP", "help", ()),
        ("why TDT4100", "why", ("TDT4100",)),
        ("hvorfor", "why", ()),
        ("mal TDT4100-2026H", "template", ("TDT4100-2026H",)),
        ("godkjenn", "approve", ()),
        ("åpne X", "open", ("X",)),
        ("Åpne X", "open", ("X",)),
        ("eksport X", "export", ("X",)),
        ("status", "status", ()),
        ("gjenåpne X 2 feil karakter", "reopen", ("X", "2", "feil", "karakter")),
        ("reopen X 1 why", "reopen", ("X", "1", "why")),
        ("frobnicate a b", None, ("a", "b")),
    ],
)
def test_parse_command(text, name, args):
    parsed = parse_command(text)
    assert parsed.name == name
    assert parsed.args == args


def test_unknown_keeps_the_typed_word():
    assert parse_command("Frobnicate").word == "Frobnicate"
