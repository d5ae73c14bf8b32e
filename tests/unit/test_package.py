"""The data package stands alone: importable and usable without Streamlit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.processes
def test_uccn_data_imports_without_streamlit():
    code = (
        "import sys, uccn_data.importer, uccn_data.kpis, uccn_data.export, uccn_data.__main__\n"
        "assert 'streamlit' not in sys.modules, 'uccn_data pulled in streamlit'\n"
        "print('ok')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_module_of_the_package_mentions_streamlit():
    offenders = [
        p.relative_to(ROOT)
        for p in (ROOT / "uccn_data").rglob("*.py")
        if "import streamlit" in p.read_text(encoding="utf-8")
        or "from streamlit" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_every_problem_the_package_raises_has_words_in_both_languages():
    import re

    from uccn_data.problems import MESSAGES

    codes: set[str] = set()
    for path in (ROOT / "uccn_data").rglob("*.py"):
        if path.parent.name == "pages":
            continue  # pages raise no problems; their `"code":` is a chart's column option
        text = path.read_text(encoding="utf-8")
        # (Not PeriodProblem, the command line's own named tuple for period options.)
        codes |= set(re.findall(r'(?<![A-Za-z])Problem\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'"code":\s*"([a-z_]+)"', text))
    assert codes and codes <= set(MESSAGES)
    for code, (sv, en) in MESSAGES.items():
        assert sv.strip() and en.strip() and sv != en, code


def _imports(path, package):
    """The project modules a file imports anywhere (inside functions too: a deferred import
    only hides a cycle)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {name for name in found if name.split(".")[0] in package}


def test_no_module_imports_one_that_imports_it_back():
    """backup.py and store.py once imported each other (one of them inside a function);
    no two modules of uccn_data and dashboard may, directly or through others."""
    modules = {}
    for top in ("uccn_data", "dashboard"):
        for path in (ROOT / top).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    graph = {
        name: {m for m in _imports(path, {"uccn_data", "dashboard"}) if m in modules and m != name}
        for name, path in modules.items()
    }
    cycles = []

    def visit(name, trail):
        for nxt in sorted(graph[name]):
            if nxt in trail:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in done:
                visit(nxt, [*trail, nxt])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    # A package importing its own submodules (`uccn_data.reports` -> `.texts`) is not a cycle
    # unless the submodule imports the package back, which the graph shows as well.
    assert cycles == []
