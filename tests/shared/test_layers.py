"""The tree shows the pipeline: read → analyse → publish, imports pointing that way only, and modules a person can
read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
SHARED = {"config", "model", "text", "errors", "progress", "patterns"}  # below all three stages
ON_TOP = {"cli", "pipeline", "__main__"}  # the orchestrator and the command line over all of it
STAGES = ("read", "analyse", "publish")
# What each layer may import from generator/ (besides the shared modules and itself).
ALLOWED = {
    "shared": set(),
    "read": set(),
    "analyse": {"read"},
    "publish": {"read", "analyse"},
    "top": {"read", "analyse", "publish"},
}
MAX_LINES = 600


def _layer(path: Path) -> str:
    """The layer a file of generator/ is in: a stage's package, the shared modules, or the top (CLI, orchestrator)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[0] in STAGES:
        return parts[0]
    if parts[0] in SHARED or parts[0] == "__init__":
        return "shared"
    if parts[0] in ON_TOP:
        return "top"
    raise AssertionError(f"{path}: in no layer; put it in read/, analyse/ or publish/, or name it in SHARED")


def _imports(path: Path) -> set[str]:
    """Every generator module (or name in one) this file imports, relative imports resolved."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = parts[:-1]  # for __init__.py too: its package is its folder
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "generator":
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "generator")
    return found


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _layer_of_import(target: str) -> str | None:
    """The layer an imported module is in; None for the shared modules and the package itself (its version)."""
    parts = target.split(".")
    if len(parts) < 2:
        return None
    if parts[1] in STAGES:
        return parts[1]
    if parts[1] in ON_TOP:
        return "top"
    return None


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_point_one_way(path):
    layer = _layer(path)
    for target in _imports(path):
        other = _layer_of_import(target)
        if other is None or other == layer:
            continue
        assert other in ALLOWED[layer], f"{path.relative_to(PACKAGE)} ({layer}) imports {target} ({other}): an import that climbs"


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_too_long(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines (at most {MAX_LINES})"


def test_the_checker_sees_a_climbing_import(tmp_path):
    """The check itself can fail: a read module importing publish is caught."""
    assert _layer_of_import("generator.publish.write") == "publish"
    assert _layer_of_import("generator.pipeline") == "top"
    assert "publish" not in ALLOWED["read"] and "top" not in ALLOWED["publish"]
    assert "generator.read.confine" in _imports(PACKAGE / "read" / "add.py")  # a relative import, resolved
    assert "generator.publish.pages.article" in _imports(PACKAGE / "publish" / "pages" / "__init__.py")
    assert _layer(PACKAGE / "read" / "add.py") == "read" and _layer(PACKAGE / "config.py") == "shared"


def test_each_page_kind_has_its_module_beside_its_template():
    pages = PACKAGE / "publish" / "pages"
    for kind in ("home", "article", "topic", "person", "organisation", "story", "timeline"):
        assert (pages / f"{kind}.py").is_file() and (pages / f"{kind}.md.j2").is_file(), kind
    for index in ("articles", "people", "organisations", "stories", "topics"):
        assert (pages / f"{index}_index.md.j2").is_file(), index
    assert (pages / "indexes.py").is_file()
