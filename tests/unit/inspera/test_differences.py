"""Who is who between the roster and Inspera, and what counts as a difference."""

from __future__ import annotations

from bot.inspera.differences import (
    DifferenceKind,
    RosterGrader,
    committee_label,
    compare,
    person_key,
)
from bot.inspera.wire import Contributor


def roster(email, name=None, committees=("1",), inspera_email=None) -> RosterGrader:
    return RosterGrader(email, name, inspera_email, tuple(committees))


def inspera(user_id, first, last, email, committees=("Kommisjon 1",), roles=("evaluate",)):
    return Contributor(user_id, first, last, email, tuple(roles), tuple(committees))


def kinds(comparison) -> list[tuple[str, str]]:
    return sorted((d.kind.value, d.name) for d in comparison.differences)


def test_the_same_people_in_the_same_committees_differ_in_nothing():
    result = compare(
        [roster("ola@ntnu.no", "Ola Nordmann"), roster("kari@ntnu.no", "Kari", ["2"])],
        [
            inspera("u1", "Ola", "Nordmann", "OLA@ntnu.no"),
            inspera("u2", "Kari", "", "kari@ntnu.no", ["Committee 2"]),
        ],
        {},
    )
    assert result.differences == []
    assert result.pairs == {"u1": "ola@ntnu.no", "u2": "kari@ntnu.no"}


def test_the_roster_s_inspera_email_is_one_of_the_grader_s_addresses():
    result = compare(
        [roster("ext@uib.no", "Eva Ekstern", inspera_email="eva@gmail.com")],
        [inspera("u3", "Eva", "Ekstern", "eva@gmail.com")],
        {},
    )
    assert result.differences == []


def test_a_grader_missing_on_either_side():
    result = compare(
        [roster("ola@ntnu.no", "Ola Nordmann")],
        [inspera("u7", "Nils", "Nilsen", "nils@ntnu.no", ["Kommisjon 2"])],
        {},
    )
    assert kinds(result) == [
        ("missing_in_inspera", "Ola Nordmann"),
        ("missing_in_roster", "Nils Nilsen"),
    ]
    extra = next(d for d in result.differences if d.kind == DifferenceKind.missing_in_roster)
    assert extra.inspera_user_id == "u7" and extra.inspera_committees == ("Kommisjon 2",)


def test_the_same_name_under_another_address_is_another_email():
    result = compare(
        [roster("kari@ntnu.no", "Kari Nordmann")],
        [inspera("u2", "KARI", "nordmann", "kari.old@hotmail.com")],
        {},
    )
    assert kinds(result) == [("other_email", "Kari Nordmann")]
    assert result.differences[0].inspera_email == "kari.old@hotmail.com"
    assert result.pairs == {"u2": "kari@ntnu.no"}


def test_inspera_s_user_id_recognises_a_person_whose_name_differs_too():
    result = compare(
        [roster("kari@ntnu.no", "Kari Nordmann")],
        [inspera("u2", "Kari", "Nordmann-Hansen", "kari.old@hotmail.com")],
        {"u2": "kari@ntnu.no"},
    )
    assert kinds(result) == [("other_email", "Kari Nordmann")]


def test_two_unpaired_people_of_one_name_are_not_guessed_at():
    result = compare(
        [roster("a@ntnu.no", "Per Hansen"), roster("b@ntnu.no", "Per Hansen")],
        [inspera("u1", "Per", "Hansen", "per@gmail.com")],
        {},
    )
    assert [d.kind for d in result.differences].count(DifferenceKind.missing_in_inspera) == 2
    assert [d.kind for d in result.differences].count(DifferenceKind.missing_in_roster) == 1


def test_another_committee():
    result = compare(
        [roster("ola@ntnu.no", "Ola", ["1", "2"])],
        [inspera("u1", "Ola", "", "ola@ntnu.no", ["Kommisjon 2"])],
        {},
    )
    [difference] = result.differences
    assert difference.kind == DifferenceKind.other_committee
    assert difference.roster_committees == ("1", "2")
    assert difference.inspera_committees == ("Kommisjon 2",)


def test_contributors_without_the_evaluate_role_are_not_graders():
    result = compare([], [inspera("u5", "Anne", "Admin", "anne@ntnu.no", roles=("author",))], {})
    assert result.differences == []


def test_fingerprints_tell_one_difference_from_another():
    old = compare([roster("k@ntnu.no", "Kari")], [inspera("u2", "Kari", "", "k@gmail.com")], {})
    same = compare([roster("k@ntnu.no", "Kari")], [inspera("u2", "Kari", "", "k@gmail.com")], {})
    other = compare([roster("k@ntnu.no", "Kari")], [inspera("u2", "Kari", "", "k@yahoo.no")], {})
    assert old.differences[0].fingerprint == same.differences[0].fingerprint
    assert old.differences[0].fingerprint != other.differences[0].fingerprint


def test_labels_and_names_as_compared():
    assert committee_label("Kommisjon  1") == committee_label("1") == committee_label("committee 1")
    assert committee_label("Kommisjon A") != committee_label("Kommisjon B")
    assert person_key("Åse  Ødegård") == person_key("ase odegard")
