"""The core (models, services) must stay free of Qt so the CLI, scripts and tests can use it alone;
the views reach data only through the façade, never through SQLAlchemy, the models or storage."""

import ast
from pathlib import Path

import desktop

CORE = ("models", "services")


def _imports(path: Path) -> set[str]:
    """Modules ``path`` imports (those under ``if TYPE_CHECKING:`` too: a view needs none of them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_models_and_services_never_import_qt():
    root = Path(desktop.__file__).parent
    offenders = []
    for package in CORE:
        for path in (root / package).rglob("*.py"):
            qt = {name for name in _imports(path) if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}}
            qt |= {name for name in _imports(path) if name.startswith("desktop.views") or name == "desktop.app"}
            if qt:
                offenders.append(f"{path.relative_to(root)}: {sorted(qt)}")
    assert offenders == []


def test_the_command_line_reaches_the_core_only_through_the_facade():
    """``desktop/cli`` calls ``Vitrail`` (desktop.services.facade): no SQLAlchemy, no models, no sessions."""
    root = Path(desktop.__file__).parent
    offenders = []
    for path in sorted((root / "cli").rglob("*.py")):
        imported = _imports(path) | {f"desktop.{alias.name}" for node in ast.walk(ast.parse(path.read_text("utf-8")))
                                     if isinstance(node, ast.ImportFrom) and node.module == "desktop"
                                     for alias in node.names}
        direct = {name for name in imported if name.split(".")[0] == "sqlalchemy"
                  or name == "desktop.models" or name.startswith("desktop.models.")}
        source = path.read_text(encoding="utf-8")
        sessions = [call for call in (".sessions(", ".sessions.begin(", "engine.connect(", "engine.begin(")
                    if call in source]
        if direct or sessions:
            offenders.append(f"{path.relative_to(root)}: {sorted(direct) + sessions}")
    assert offenders == []



VIEWS_NEVER_IMPORT = ("sqlalchemy", "desktop.models", "desktop.services.storage")


def test_views_reach_data_only_through_the_facade_and_the_runner():
    """No widget opens a session or imports the ORM: pages call ``context.vitrail`` on ``context.runner``."""
    root = Path(desktop.__file__).parent
    offenders = []
    for path in sorted((root / "views").rglob("*.py")):
        reached = {name for name in _imports(path)
                   if any(name == banned or name.startswith(banned + ".") for banned in VIEWS_NEVER_IMPORT)}
        source = path.read_text(encoding="utf-8")
        reached |= {call for call in ("engine.connect(", ".sessions(", "context.database", "context.events")
                    if call in source}
        if reached:
            offenders.append(f"{path.relative_to(root)}: {sorted(reached)}")
    assert offenders == []
