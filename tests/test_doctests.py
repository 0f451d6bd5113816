"""The examples in the docstrings of the pure modules run as tests (doctest)."""
import doctest
import importlib
import pkgutil

import pytest

import coordination.analysis

MODULES = sorted(
    [f"coordination.analysis.{info.name}" for info in pkgutil.iter_modules(coordination.analysis.__path__)]
    + ["coordination.text", "coordination.exports.tables"])


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_examples_are_found():
    attempted = sum(doctest.testmod(importlib.import_module(name)).attempted for name in MODULES)
    assert attempted >= 10
