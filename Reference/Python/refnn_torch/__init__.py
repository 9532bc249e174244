"""refnn_torch: check a PyTorch model's output, loss and every gradient against ReferenceNN.

    import refnn_torch
    verdict = refnn_torch.check(model, x, target, nn.CrossEntropyLoss())
    print(verdict.report)        # refnn check's table; verdict.agree is True or False

`model` is a torch.nn.Sequential of Linear, Conv2d (stride 1, no padding, dilation or groups), MaxPool2d, Flatten,
Dropout, Tanh, Sigmoid, ReLU, LeakyReLU, Softplus and Softmax; `x` one sample (1×i, or 1×C×H×W); `loss` an
MSELoss, BCELoss or CrossEntropyLoss (on logits: ReferenceNN's softmax + cross_entropy). Every layout conversion
(NCHW ↔ h×w×d, conv weight axes, the Linear transpose, the Flatten order) is done here; anything ReferenceNN does not
compute is refused with a ValueError naming the module and the reason. Depends on numpy and torch only.
Docs: docs/PyTorch.md.
"""
import os
import shlex
import subprocess
import tempfile

__version__ = "0.1.0"

from ._trace import trace as _trace  # noqa: E402
from ._files import write_case as _write_case, write_result as _write_result  # noqa: E402

__all__ = ["case_from_model", "result_from_model", "check", "CheckResult"]


def case_from_model(model, x, target, loss, path, npy=False, *, seed=0):
    """Writes a referencenn/case@1 file at `path` for `model` on the sample `x` with `loss` against `target`: the
    model's weights, in float64 and ReferenceNN's layout, and a training-mode Dropout's mask from the forward run here.
    With npy=True the tensors go to C-ordered .npy files beside the case. The dropout masks are drawn under
    torch.manual_seed(seed) with the caller's random state restored afterwards (seed=None: from the current state), so
    that case_from_model and result_from_model with the same seed see the same masks. Returns `path`.

    Raises ValueError for a module, option, loss, shape or dtype ReferenceNN does not compute, naming it and why.
    """
    _write_case(_trace(model, x, target, loss, seed), path, npy)
    return path


def result_from_model(model, x, target, loss, path, *, seed=0):
    """Runs `model` forward and backward in torch, in its own dtype, and writes what it computed at `path` as a
    referencenn/result@1 file in ReferenceNN's layout: the output (the softmax probabilities for CrossEntropyLoss),
    the loss, ∂E/∂x and every Linear's and Conv2d's weight and bias gradients. Returns `path`.

    Raises ValueError as case_from_model does.
    """
    _write_result(_trace(model, x, target, loss, seed), path)
    return path


class CheckResult:
    """What `refnn check` said: `agree` (True for AGREE), `report` (its table and verdict), `exit_code`, the `dtype`
    the model computed in, and the `case` and `result` files (None once a temporary folder is removed)."""

    def __init__(self, agree, report, exit_code, dtype, case, result):
        self.agree, self.report, self.exit_code, self.dtype, self.case, self.result = agree, report, exit_code, dtype, case, result

    def __repr__(self):
        return f"CheckResult(agree={self.agree}, dtype={self.dtype!r}, exit_code={self.exit_code})"

    def __str__(self):
        return self.report


def check(model, x, target, loss, refnn="refnn", *, seed=0, keep=None, timeout=600, **tolerances):
    """Writes the case and torch's result from one forward and backward of `model`, runs `refnn check` on them, and
    returns a CheckResult. `refnn` is the command, as a string split like a shell's (e.g.
    "dotnet Reference/Cli/bin/Release/net10.0/refnn.dll"; a leading ~ is your home) or a list. Keyword tolerances become options of refnn check:
    rtol=1e-9 → --rtol 1e-09. `keep`: a folder to write case.json and result.json to and leave there (by default a
    temporary folder, removed afterwards).

    Raises ValueError as case_from_model does; RuntimeError if refnn cannot be run, refuses the files (exit 2) or fails
    (exit 3), with its message.
    """
    command = shlex.split(refnn) if isinstance(refnn, str) else [str(part) for part in refnn]
    if not command:
        raise ValueError("refnn_torch.check: refnn is empty; give the refnn command")
    command[0] = os.path.expanduser(command[0])  # "~/.refnn/refnn", as a shell would
    options = []
    for key, value in tolerances.items():
        options += ["--" + key.replace("_", "-"), repr(float(value)) if isinstance(value, (int, float)) else str(value)]
    run = _trace(model, x, target, loss, seed)

    def verdict(folder):
        case, result = os.path.join(folder, "case.json"), os.path.join(folder, "result.json")
        _write_case(run, case)
        _write_result(run, result)
        try:
            done = subprocess.run(command + ["check", case, result] + options, capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except FileNotFoundError:
            raise RuntimeError(f"refnn_torch.check: cannot run {command[0]!r}; install refnn or pass "
                               "refnn='dotnet Reference/Cli/bin/Release/net10.0/refnn.dll' (docs/PyTorch.md)") from None
        lines = done.stdout.rstrip().splitlines()
        verdict_line = lines[-1] if lines else ""
        if (done.returncode, verdict_line.split(":")[0].split(" ")[0]) not in ((0, "AGREE"), (1, "DISAGREE")):
            raise RuntimeError(f"refnn_torch.check: {' '.join(command)} check exited {done.returncode} without a "
                               f"verdict: {' '.join((done.stderr or done.stdout).split())}")
        return done

    if keep is not None:
        os.makedirs(keep, exist_ok=True)
        done = verdict(keep)
        return CheckResult(done.returncode == 0, done.stdout, done.returncode, run.dtype,
                           os.path.join(keep, "case.json"), os.path.join(keep, "result.json"))
    with tempfile.TemporaryDirectory(prefix="refnn_torch.") as folder:
        done = verdict(folder)
    return CheckResult(done.returncode == 0, done.stdout, done.returncode, run.dtype, None, None)
