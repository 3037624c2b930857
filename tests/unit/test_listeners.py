"""The shape of handlers/: the `/sensur` sub-commands and the notice buttons route through
one table that none of the sub-command modules imports, and every listener takes the
runtime and the asker as injected arguments."""

import ast
import inspect
from pathlib import Path

import handlers
from handlers.commands.sensur import SUBCOMMANDS

HANDLERS = Path(handlers.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_sub_command_module_imports_the_routing_table():
    modules = [
        p
        for p in (HANDLERS / "commands").glob("*.py")
        if p.name not in ("sensur.py", "__init__.py")
    ]
    assert modules
    for path in modules:
        assert not {i for i in _imports(path) if "sensur" in i}, path.name
    assert "handlers.commands.sensur.run_subcommand" in _imports(
        HANDLERS / "actions" / "notices.py"
    )


def test_every_sub_command_takes_a_command_request():
    for name, reply in SUBCOMMANDS.items():
        (parameter, *_) = inspect.signature(reply).parameters.values()
        assert parameter.annotation in ("CommandRequest", "'CommandRequest'"), name


def test_listeners_do_not_dig_the_runtime_or_asker_out_of_the_context():
    for path in HANDLERS.rglob("*.py"):
        text = path.read_text()
        assert 'context["runtime"]' not in text or path.name == "__init__.py", path
        assert ".asker(" not in text or path.name == "__init__.py", path
