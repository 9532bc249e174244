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


def pytest_terminal_summary(terminalreporter):
    """The worst differences the agreement tests measured, after the run (not a test: it asserts nothing)."""
    module = sys.modules.get("test_refnn_torch")
    measured = getattr(module, "MEASURED", {})
    if measured:
        terminalreporter.write_line("worst |torch − refnn| / max|tensor| over each check's tensors:")
        for label, worst in sorted(measured.items()):
            terminalreporter.write_line(f"  {label:60s} {worst:.3g}")
