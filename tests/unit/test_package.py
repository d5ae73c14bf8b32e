"""The data package stands alone: importable and usable without Streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


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
        text = path.read_text(encoding="utf-8")
        # (Not PeriodProblem, the command line's own named tuple for period options.)
        codes |= set(re.findall(r'(?<![A-Za-z])Problem\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'"code":\s*"([a-z_]+)"', text))
    assert codes and codes <= set(MESSAGES)
    for code, (sv, en) in MESSAGES.items():
        assert sv.strip() and en.strip() and sv != en, code
