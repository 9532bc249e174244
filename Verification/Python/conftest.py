"""pytest setup for the bridge's tests: the package from Reference/Python, and the refnn command to check against
($REFNN, else the built dll, which must exist: a missing refnn fails the tests, it does not skip them)."""
import os
import shlex
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Reference", "Python"))

DLL = os.path.join(ROOT, "Reference", "Cli", "bin", "Release", "net10.0", "refnn.dll")


@pytest.fixture(scope="session")
def refnn():
    command = os.environ.get("REFNN")
    if command:
        return command
    if not os.path.isfile(DLL):
        pytest.fail(f"{DLL} is missing: run `dotnet build ReferenceNN.sln -c Release` first, or set REFNN")
    return f"dotnet {shlex.quote(DLL)}"
