"""Where the roster and Inspera disagree about a test's graders (SPEC §3.12): plain values
in, plain differences out.

Who is who. A roster grader has the addresses in the roster: `email` and, when given,
`inspera_email`. An Inspera grader is a contributor with the `evaluate` role. They are
paired, each at most once, in this order:
1. by address — Inspera's e-mail is one of the roster grader's addresses (case-insensitive);
2. by Inspera's userId — the last successful reading paired this userId with a roster
   grader who is now left unpaired (the person's address in Inspera changed);
3. by name — first and last name equal the roster grader's name (case, accents and spacing
   aside), and exactly one unpaired roster grader and one unpaired Inspera grader have it.

The differences, each told once until it goes away:
- `missing_in_inspera`: a roster grader paired with nobody in Inspera;
- `missing_in_roster`: an Inspera grader paired with nobody in the roster;
- `other_email`: a pair found by 2 or 3 — Inspera has the person under an address the roster
  has for neither `email` nor `inspera_email` (the seed's "registered with an old e-mail
  address": Inspera's invitations go there);
- `other_committee`: a pair whose committees differ. Committee names are compared as
  labels: case and spacing aside, and without a leading "Kommisjon"/"Committee", so the
  roster's `1` is Inspera's `Kommisjon 1`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.i18n import format_list, t
from bot.inspera.wire import Contributor


class DifferenceKind(StrEnum):
    missing_in_inspera = "missing_in_inspera"
    missing_in_roster = "missing_in_roster"
    other_email = "other_email"
    other_committee = "other_committee"


@dataclass(frozen=True)
class RosterGrader:
    email: str  # lower case
    name: str | None
    inspera_email: str | None
    committees: tuple[str | None, ...]  # None: on the test in no committee

    @property
    def addresses(self) -> frozenset[str]:
        return frozenset(a.strip().lower() for a in (self.email, self.inspera_email) if a)


@dataclass(frozen=True)
class Difference:
    kind: DifferenceKind
    grader_email: str | None  # the roster grader, when there is one
    name: str  # the best name known: the roster's, else Inspera's
    inspera_user_id: str | None = None
    inspera_email: str | None = None
    roster_committees: tuple[str, ...] = ()
    inspera_committees: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """What makes this difference the same one at the next reading: who, and what
        exactly differs (another wrong address, or other committees, is another one)."""
        match self.kind:
            case DifferenceKind.missing_in_inspera:
                parts: list[Any] = [self.grader_email]
            case DifferenceKind.missing_in_roster:
                parts = [self.inspera_user_id]
            case DifferenceKind.other_email:
                parts = [self.grader_email, self.inspera_email]
            case DifferenceKind.other_committee:
                parts = [
                    self.grader_email,
                    sorted(map(committee_label, self.roster_committees)),
                    sorted(map(committee_label, self.inspera_committees)),
                ]
        text = json.dumps([self.kind.value, *parts], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def detail(self) -> dict[str, Any]:
        return {
            "grader_email": self.grader_email,
            "name": self.name,
            "inspera_user_id": self.inspera_user_id,
            "inspera_email": self.inspera_email,
            "roster_committees": list(self.roster_committees),
            "inspera_committees": list(self.inspera_committees),
        }

    @classmethod
    def from_detail(cls, kind: str, detail: Mapping[str, Any]) -> Difference:
        return cls(
            kind=DifferenceKind(kind),
            grader_email=detail.get("grader_email"),
            name=detail.get("name") or "",
            inspera_user_id=detail.get("inspera_user_id"),
            inspera_email=detail.get("inspera_email"),
            roster_committees=tuple(detail.get("roster_committees") or ()),
            inspera_committees=tuple(detail.get("inspera_committees") or ()),
        )


@dataclass
class Comparison:
    differences: list[Difference] = field(default_factory=list)
    # Inspera userId → the roster grader's e-mail, for every pair found.
    pairs: dict[str, str] = field(default_factory=dict)


_COMMITTEE_WORD = re.compile(r"^(kommisjon|committee|commission)\b[\s.:#-]*", re.IGNORECASE)


def committee_label(name: str) -> str:
    """`Kommisjon 1`, `committee 1` and `1` are the same committee."""
    text = " ".join(name.split()).casefold()
    return _COMMITTEE_WORD.sub("", text).strip() or text


def committee_display(name: str) -> str:
    """The committee as it is shown: `Kommisjon 1` → `1`, to go after "kommisjon"."""
    text = " ".join(name.split())
    return _COMMITTEE_WORD.sub("", text).strip() or text


def committees_text(lang: str, names: Sequence[str]) -> str:
    """ "kommisjon 1 og kommisjon 2" / "no committee"; Inspera's "Kommisjon 1" is "1"."""
    if not names:
        return t(lang, "inspera.no_committee")
    shown = [t(lang, "inspera.committee", committee=committee_display(n)) for n in names]
    return format_list(lang, shown)


def person_key(name: str | None) -> str:
    """A name as compared: no accents, case or extra spaces ("Åse  Ødegård" = "ase odegard")."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ø", "o").replace("Ø", "o").replace("æ", "ae").replace("Æ", "ae")
    return " ".join(plain.casefold().split())


def compare(
    roster: Sequence[RosterGrader],
    inspera: Iterable[Contributor],
    known_user_ids: Mapping[str, str],
) -> Comparison:
    """The differences between the roster's graders of a test and Inspera's, and the pairs
    found; `known_user_ids` maps Inspera userIds to the roster graders the last reading
    paired them with."""
    graders = [c for c in inspera if c.is_grader]
    by_address: dict[str, RosterGrader] = {}
    for grader in roster:
        for address in sorted(grader.addresses):
            by_address.setdefault(address, grader)
    paired: dict[str, tuple[RosterGrader, Contributor, bool]] = {}  # user id → (…, by address)
    taken: set[str] = set()
    for contributor in graders:
        addressed = by_address.get((contributor.email or "").strip().lower())
        if addressed is not None and addressed.email not in taken:
            paired[contributor.user_id] = (addressed, contributor, True)
            taken.add(addressed.email)
    roster_by_email = {g.email: g for g in roster}
    for contributor in graders:
        known = roster_by_email.get(known_user_ids.get(contributor.user_id, ""))
        if contributor.user_id not in paired and known is not None and known.email not in taken:
            paired[contributor.user_id] = (known, contributor, False)
            taken.add(known.email)
    _pair_by_name(roster, graders, paired, taken)

    result = Comparison(pairs={uid: pair[0].email for uid, pair in paired.items()})
    for grader in roster:
        if grader.email not in taken:
            result.differences.append(
                Difference(
                    DifferenceKind.missing_in_inspera,
                    grader.email,
                    grader.name or "",
                    roster_committees=_named(grader.committees),
                )
            )
    for contributor in graders:
        pair = paired.get(contributor.user_id)
        if pair is None:
            result.differences.append(
                Difference(
                    DifferenceKind.missing_in_roster,
                    None,
                    contributor.name,
                    contributor.user_id,
                    contributor.email,
                    inspera_committees=contributor.committees,
                )
            )
            continue
        result.differences += _pair_differences(*pair)
    return result


def _pair_by_name(
    roster: Sequence[RosterGrader],
    graders: Sequence[Contributor],
    paired: dict[str, tuple[RosterGrader, Contributor, bool]],
    taken: set[str],
) -> None:
    left_roster: dict[str, list[RosterGrader]] = {}
    for grader in roster:
        if grader.email not in taken and person_key(grader.name):
            left_roster.setdefault(person_key(grader.name), []).append(grader)
    left_inspera: dict[str, list[Contributor]] = {}
    for contributor in graders:
        if contributor.user_id not in paired and person_key(contributor.name):
            left_inspera.setdefault(person_key(contributor.name), []).append(contributor)
    for key, contributors in left_inspera.items():
        candidates = left_roster.get(key, [])
        if len(contributors) == 1 and len(candidates) == 1:
            paired[contributors[0].user_id] = (candidates[0], contributors[0], False)
            taken.add(candidates[0].email)


def _pair_differences(
    grader: RosterGrader, contributor: Contributor, by_address: bool
) -> list[Difference]:
    name = grader.name or contributor.name
    found = []
    if not by_address:
        found.append(
            Difference(
                DifferenceKind.other_email,
                grader.email,
                name,
                contributor.user_id,
                contributor.email,
            )
        )
    roster_committees = _named(grader.committees)
    if {committee_label(c) for c in roster_committees} != {
        committee_label(c) for c in contributor.committees
    }:
        found.append(
            Difference(
                DifferenceKind.other_committee,
                grader.email,
                name,
                contributor.user_id,
                contributor.email,
                roster_committees,
                contributor.committees,
            )
        )
    return found


def _named(committees: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({c for c in committees if c}))
