"""The core (models, services) must stay free of Qt so the CLI, scripts and tests can use it alone."""

import ast
from pathlib import Path

import desktop

CORE = ("models", "services")


def _imports(path: Path) -> set[str]:
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


# Views that reach data only through the façade and the operation runner. Once every page is
# on the runner, this becomes every module of desktop/views.
THROUGH_THE_FACADE = ("accounts_page", "accounts_findings_model", "diagnostic_page", "print_page", "print_dialog",
                      "settings_page", "settings_models", "settings_widgets")


def test_pages_on_the_runner_never_reach_the_database_themselves():
    root = Path(desktop.__file__).parent / "views"
    offenders = []
    for name in THROUGH_THE_FACADE:
        path = root / f"{name}.py"
        reached = {module for module in _imports(path)
                   if module.split(".")[0] == "sqlalchemy" or module.startswith("desktop.models")
                   or module in ("desktop.services.storage", "desktop.views.tasks")}
        source = path.read_text(encoding="utf-8")
        reached |= {call for call in ("engine.connect(", ".sessions(", "context.database", "context.events")
                    if call in source}
        if reached:
            offenders.append(f"views/{name}.py: {sorted(reached)}")
    assert offenders == []
