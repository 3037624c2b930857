"""Every catalog key the code uses exists, and every catalog key is used.

The code is read, not run: every `t(lang, key)` (and `<renderer>.t(key)`) call in bot/ and
handlers/, every string that looks like a key of one of the catalog's namespaces, and every
f-string that builds a key at run time. A key built at run time must be registered in
`BUILT_KEYS` below with every key it can produce (enumerated from the enum or the values
it is built from), so a new kind, status or reason without its text fails here, and so does
a new f-string key that nobody enumerated.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.approvals import Phase
from bot.approvals.outcome import RefusalReason
from bot.approvals.progress import LockReason
from bot.complaints.hold import ConfirmRefusal
from bot.diagnosis.access import FindingKind
from bot.exams.phase import TestState
from bot.grading_reports import ReportRefusal
from bot.home.overview import ActionKind
from bot.i18n import messages
from bot.opening.readiness import BlockerKind, NoticeKind
from bot.roster import template as roster_template
from bot.roster.reader import SHEETS
from bot.ui.help import COMMAND_KEYS
from bot.ui.home import COMMON_HELP, CONSULTANT_HELP, GRADER_HELP
from models.tables import GradingIn

ROOT = Path(__file__).resolve().parents[3]
CODE = ("bot", "handlers")
CATALOG = ROOT / "bot" / "i18n" / "catalog"
_KEY_SHAPE = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")

# Strings of a catalog namespace's shape that are not catalog keys.
NOT_KEYS = {
    # audit actions (bot/escalations/cases.py)
    "escalation.created",
    "escalation.delivered",
    "escalation.acknowledged",
    "escalation.resolved",
    "escalation.reraised",
    # Block Kit action ids (bot/ui/approvals.py)
    "approvals.approve_own",
    "approvals.approve_final",
    "approvals.agree",
    "notice.template",  # bot/ui/outgoing.py
    "notice.why",
    "language.set",  # bot/ui/language.py
    "home.open",  # bot/ui/home.py
    "home.template",
    "home.help",
    # the start of an f-string key below (bot/ui/outgoing.py)
    "notice.rule.final_",
}


def _values(enum: Iterable[object]) -> list[str]:
    return [str(getattr(member, "value", member)) for member in enum]


def _keys(pattern: str, *choices: Iterable[object]) -> Callable[[], list[str]]:
    """`pattern` with `{}` filled from each combination of `choices`."""

    def produce() -> list[str]:
        combos: list[tuple[str, ...]] = [()]
        for choice in choices:
            combos = [(*combo, value) for combo in combos for value in _values(choice)]
        return [pattern.format(*combo) for combo in combos]

    return produce


def _roster_columns() -> list[str]:
    return [
        roster_template.column_meaning_key(sheet.name, column.name)
        for sheet in SHEETS
        for column in sheet.columns
    ]


def _literal_args(callee: str, position: int, *, within: str = "") -> set[str]:
    """The string literals the code passes as argument `position` of calls to `callee` (a
    function, class or method name), in files under `within`; for `x or "y"` and
    `"a" if … else "b"` the literals in it."""
    found: set[str] = set()
    for where, tree in _trees():
        if not where.startswith(within):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) <= position:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == callee:
                found |= {
                    part.value
                    for part in ast.walk(node.args[position])
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                }
    return found


def _sheet_problems() -> set[str]:
    """Grade-sheet row problems: the kinds bot/gradesheets/validation.py gives `self.error`,
    the grade readings' problems (bot/gradesheets/scale.py), and those that reach `error`
    through a variable."""
    through_variables = {"letter_case", "whitespace", "points_not_number", "points_range"}
    return (
        _literal_args("error", 3, within="bot/gradesheets/")
        | _literal_args("GradeReading", 1)
        | through_variables
    )


def _sheet_outcomes() -> set[str]:
    """The statuses an `UploadOutcome` is made with, and those `_status_outcome` maps an
    upload's status to (bot/gradesheets/store.py); "agreed_refused" is told in the
    approvals' own words (`refusal_text`)."""
    from_status = {
        "already_applied",
        "already_undone",
        "cancelled",
        "superseded",
        "expired",
        "has_errors",
        "needs_test",
    }
    return (_literal_args("UploadOutcome", 0) | from_status) - {"agreed_refused"}


def _reset_results() -> set[str]:
    """A grade reset's results; "locked" says why with `locked_text` instead."""
    return _literal_args("ResetOutcome", 0) - {"locked"}


def _download_failures() -> set[str]:
    """bot/slack/files.py's FileDownloadError reasons (one is chosen by HTTP status);
    "too_large" has a text of its own."""
    return (_literal_args("FileDownloadError", 0) | {"not_authorised", "failed"}) - {"too_large"}


# Refusals with a text of their own; the others are built in bot/ui/approvals.py.
_REFUSALS_BUILT_APART = {
    RefusalReason.incomplete,
    RefusalReason.invalid_agreed_grades,
    RefusalReason.wrong_phase,
}

# The source of each f-string key in the code (as `ast.unparse` writes it) → every key it
# can produce.
BUILT_KEYS: dict[str, Callable[[], list[str]]] = {
    # bot/cli.py: the stages the roster import reports progress of
    "f'roster.stage.{stage}'": lambda: _keys(
        "roster.stage.{}", _literal_args("progress", 0, within="bot/roster/")
    )(),
    # bot/gradesheets/validation.py
    "f'gradesheet.what.{self.kind}'": lambda: _keys("gradesheet.what.{}", _sheet_problems())(),
    # a locked committee's fix is `approvals.locked.<reason>`, below
    "f'gradesheet.fix.{self.kind}'": lambda: _keys(
        "gradesheet.fix.{}", _sheet_problems() - {"locked"}
    )(),
    "f\"approvals.locked.{self.params['reason']}\"": _keys("approvals.locked.{}", LockReason),
    # bot/roster/template.py
    "f'roster.column.{sheet.lower()}.{column}'": _roster_columns,
    "f'roster.template.general.{name}'": lambda: list(roster_template._GENERAL),
    "f'roster.template.header.{name}'": lambda: list(roster_template._HEADER),
    # bot/ui/approvals.py
    "f'approvals.refused.{reason.value}'": _keys(
        "approvals.refused.{}", [r for r in RefusalReason if r not in _REFUSALS_BUILT_APART]
    ),
    "f'approvals.{kind}.not_ready'": _keys("approvals.{}.not_ready", ["own", "align", "final"]),
    "f'approvals.locked.{reason.value}'": _keys("approvals.locked.{}", LockReason),
    "f'approvals.overview.{final}'": _keys("approvals.overview.{}", ["final_one", "final_all"]),
    "f'approvals.overview.{own}'": _keys("approvals.overview.{}", ["own_all", "own_committee"]),
    # bot/approvals/workflow.py: why an agreed grade is refused
    "f'approvals.refused.{problem}'": _keys(
        "approvals.refused.{}", ["not_in_committee", "not_on_scale"]
    ),
    # bot/ui/diagnosis.py, bot/ui/escalations.py
    "f'why.finding.{finding.kind.value}'": _keys("why.finding.{}", FindingKind),
    "f'escalation.finding.{finding.kind.value}'": _keys("escalation.finding.{}", FindingKind),
    # bot/ui/gradesheets.py
    "f'gradesheet.outcome.{outcome.status}'": lambda: _keys(
        "gradesheet.outcome.{}", _sheet_outcomes()
    )(),
    # bot/ui/help.py
    "f'help.contacts.{key}'": _keys(
        "help.contacts.{}", ["login", "department", "guidance", "compensation"]
    ),
    "f'help.cmd.{key}'": _keys("help.cmd.{}", COMMAND_KEYS),
    # bot/ui/home.py
    "f'home.phase.{own.phase.value}'": _keys("home.phase.{}", Phase),
    "f'home.phase.{committee.phase.value}'": _keys("home.phase.{}", Phase),
    "f'home.state.{item.state.value}'": _keys("home.state.{}", TestState),
    "f'home.action.{item.kind.value}'": _keys("home.action.{}", ActionKind),
    "f'home.help.{key}'": _keys("home.help.{}", GRADER_HELP + CONSULTANT_HELP + COMMON_HELP),
    # bot/ui/opening.py: readiness findings, `prefix` "blocker" or "readiness_notice"
    "f\"{prefix}.{item['kind']}\"": lambda: [
        *_keys("blocker.{}", BlockerKind)(),
        *_keys("readiness_notice.{}", NoticeKind)(),
    ],
    # bot/ui/outgoing.py: the opened notice's rules
    "f\"notice.rule.{('shared' if p['marking_mode'] == 'shared' else 'private')}\"": _keys(
        "notice.rule.{}", ["shared", "private"]
    ),
    "f'notice.rule.{own}'": _keys("notice.rule.{}", ["own_all_committees", "own_committee"]),
    "f\"notice.rule.final_{('one' if p['final_approval'] == 'one' else 'all')}\"": _keys(
        "notice.rule.final_{}", ["one", "all"]
    ),
    # bot/ui/grading_reports.py
    "f'report.refused.{refusal.value}'": _keys("report.refused.{}", ReportRefusal),
    "f'report.grades_in.{test.grading_in}'": _keys("report.grades_in.{}", GradingIn),
    # handlers/actions/escalations.py
    "f'escalation.grader.{done}'": _keys("escalation.grader.{}", ["acknowledged", "resolved"]),
    # handlers/events/files.py
    "f'gradesheet.download.{reason}'": lambda: _keys(
        "gradesheet.download.{}", _download_failures()
    )(),
    # handlers/views/gradesheets.py
    "f'gradesheet.reset.{result.status}'": lambda: _keys("gradesheet.reset.{}", _reset_results())(),
    # bot/ui/complaints.py: why a press on a held complaint grade changed nothing
    "f'complaints.confirm.{refusal.value}'": _keys("complaints.confirm.{}", ConfirmRefusal),
}


@dataclass(frozen=True)
class Use:
    where: str
    node: ast.expr


def _code_files() -> Iterator[Path]:
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if CATALOG not in path.parents:
                yield path


@cache
def _trees() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (str(path.relative_to(ROOT)), ast.parse(path.read_text(), str(path)))
        for path in _code_files()
    )


def _key_argument(call: ast.Call) -> ast.expr | None:
    """The key of `t(lang, key, …)` or the kit's `md(lang, key, …)`, or of a renderer's
    `x.t(key, …)` or `x.plain(key, …)`."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in ("t", "md") and len(call.args) >= 2:
        return call.args[1]
    # `kit.plain(text, limit)` makes a plain-text object; it takes no key.
    of_kit = isinstance(func, ast.Attribute) and ast.unparse(func.value) == "kit"
    if isinstance(func, ast.Attribute) and func.attr in ("t", "plain") and call.args and not of_kit:
        return call.args[0]
    return None


def _translation_keys() -> list[Use]:
    uses = []
    for where, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (key := _key_argument(node)) is not None:
                uses.append(Use(f"{where}:{node.lineno}", key))
    return uses


def _namespaces() -> set[str]:
    return {key.split(".")[0] for key in messages()}


def _key_like_strings() -> dict[str, list[str]]:
    """Every string constant of a catalog namespace's key shape, with where it is."""
    namespaces = _namespaces()
    found: dict[str, list[str]] = {}
    for where, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if _KEY_SHAPE.fullmatch(value) and value.split(".")[0] in namespaces:
                    found.setdefault(value, []).append(f"{where}:{node.lineno}")
    return found


def _key_f_strings() -> dict[str, list[str]]:
    """Every f-string that is a translation key or starts like one."""
    namespaces = _namespaces()
    found: dict[str, list[str]] = {}
    keys = {id(use.node) for use in _translation_keys()}
    for where, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            first = node.values[0] if node.values else None
            starts_like_key = (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value.split(".")[0] in namespaces
                and "." in first.value
            )
            if id(node) in keys or starts_like_key:
                found.setdefault(ast.unparse(node), []).append(f"{where}:{node.lineno}")
    return found


def _built_keys() -> set[str]:
    return {key for produce in BUILT_KEYS.values() for key in produce()}


def test_every_literal_key_given_to_t_exists():
    catalog = messages()
    missing = []
    for use in _translation_keys():
        literals = _literal_choices(use.node)
        missing += [f"{use.where}: {key}" for key in literals or () if key not in catalog]
    assert not missing, "keys not in the catalog:\n" + "\n".join(missing)


def _literal_choices(node: ast.expr) -> list[str] | None:
    """The keys of a literal, or of `"a" if … else "b"` with literal branches."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literal_choices(node.body), _literal_choices(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def test_every_string_shaped_like_a_key_is_a_key():
    """Keys travel as data too (a problem's key, a notice's kind): a misspelt one is caught
    where it is written, not only where it is translated."""
    catalog = messages()
    wrong = [
        f"{value} ({', '.join(places)})"
        for value, places in sorted(_key_like_strings().items())
        if value not in catalog and value not in NOT_KEYS
    ]
    assert not wrong, "not catalog keys (misspelt, or add them to NOT_KEYS):\n" + "\n".join(wrong)


def test_every_key_built_at_run_time_is_enumerated_and_exists():
    in_code = _key_f_strings()
    unregistered = [
        f"{src} ({', '.join(places)})" for src, places in in_code.items() if src not in BUILT_KEYS
    ]
    assert not unregistered, (
        "keys built at run time that BUILT_KEYS does not enumerate:\n" + "\n".join(unregistered)
    )
    stale = sorted(set(BUILT_KEYS) - set(in_code))
    assert not stale, f"BUILT_KEYS lists f-strings the code no longer has: {stale}"
    catalog = messages()
    missing = {
        src: sorted(key for key in produce() if key not in catalog)
        for src, produce in BUILT_KEYS.items()
    }
    missing = {src: keys for src, keys in missing.items() if keys}
    assert not missing, f"keys built at run time but not in the catalog: {missing}"


def test_a_translation_key_is_a_literal_a_registered_f_string_or_a_variable():
    """Any other expression (concatenation, a call) would build keys nobody checks."""
    odd = []
    for use in _translation_keys():
        node = use.node
        plain = isinstance(node, ast.Name | ast.Attribute | ast.JoinedStr)
        if not plain and _literal_choices(node) is None:
            odd.append(f"{use.where}: {ast.unparse(node)}")
    # bot/roster/template.py names its column keys through one function, enumerated above.
    odd = [line for line in odd if "column_meaning_key(" not in line]
    assert not odd, "translation keys built in a way this test cannot enumerate:\n" + "\n".join(odd)


def test_every_catalog_key_is_used():
    used = set(_key_like_strings()) | _built_keys()
    unused = sorted(set(messages()) - used)
    assert not unused, "catalog keys nothing uses:\n" + "\n".join(unused)


def test_a_misspelt_key_is_found():
    """The checks above would see a typo: the same walk over a snippet with one."""
    tree = ast.parse('t(lang, "open.refusd", test=x)\nt(lang, f"home.state.{s.value}")')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    keys = [_key_argument(call) for call in calls]
    literal = [k for key in keys if key is not None for k in _literal_choices(key) or ()]
    assert literal == ["open.refusd"]
    assert "open.refusd" not in messages()
    assert any(isinstance(key, ast.JoinedStr) for key in keys)
