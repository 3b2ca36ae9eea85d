"""pytest plugin for benchmarks/assertion_audit.py: how many assertions each test passed.

Loaded with ``-p assertion_counter -o enable_assertion_pass_hook=true``. Every ``assert``
pytest rewrites (test modules, conftest, and the helper modules of tests/ registered
below) reports each pass to ``pytest_assertion_pass``; a test that expects an exception
through ``pytest.raises`` is counted when the exception comes. The counts go to the JSON
file named by ``ASSERTION_COUNTS``.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest

# tests/ imports these by plain name (tests/ is on sys.path); rewrite their asserts too
pytest.register_assert_rewrite("helpers", "browser", "webapp", "openai_server", "fixtures_formats",
                               "hostile_inputs")

_passed: Counter[str] = Counter()
_outcome: dict[str, str] = {}
_current: list[str] = []


def pytest_assertion_pass(item, lineno, orig, expl) -> None:  # noqa: ARG001 - hook signature
    _passed[item.nodeid] += 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _current[:] = [item.nodeid]
    try:
        return (yield)
    finally:
        _current.clear()


def pytest_configure(config) -> None:  # noqa: ARG001 - hook signature
    # count an expected exception as a passed check: wrap pytest.raises' context exit
    import _pytest.raises as raises_module

    for name in dir(raises_module):
        cls = getattr(raises_module, name)
        if isinstance(cls, type) and name in ("RaisesExc", "RaisesContext", "RaisesGroup"):
            original = cls.__exit__

            def counted(self, exc_type, *rest, _original=original):
                swallowed = _original(self, exc_type, *rest)
                if swallowed and _current:
                    _passed[_current[0]] += 1
                return swallowed

            cls.__exit__ = counted


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _outcome[report.nodeid] = report.outcome


def pytest_sessionfinish(session) -> None:  # noqa: ARG001 - hook signature
    path = os.environ.get("ASSERTION_COUNTS")
    if path:
        data = {node: {"outcome": outcome, "asserts": _passed[node]} for node, outcome in _outcome.items()}
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
