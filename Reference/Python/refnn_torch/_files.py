"""Writes a Trace as a referencenn/case@1 file (with optional .npy tensors) and as a referencenn/result@1 file.

Every file is written to a temporary file beside it and renamed over the destination, so a reader never sees half a
file and a symbolic link at the destination is replaced, not followed. Numbers are written with Python's repr, which
reads back to the same double; in a result, the numbers JSON cannot hold are written "Infinity", "-Infinity" and
"NaN", as refnn reads them (a case holds finite numbers only).
"""
import json
import math
import os
import tempfile

import numpy as np
import torch

from . import __version__

CASE_FORMAT = "referencenn/case@1"
RESULT_FORMAT = "referencenn/result@1"


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic_write(path, write, binary=False):
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".partial")
    try:
        with os.fdopen(handle, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as f:
            write(f)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _number(value):
    value = float(value)
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"


def _nested(a):
    """A numpy array as nested lists of Python floats (exact: every float32 is a double), non-finite by name."""
    a = np.asarray(a)
    if a.ndim == 0:
        return _number(a)
    return [_nested(row) for row in a] if a.ndim > 1 else [_number(v) for v in a.astype(np.float64)]


def _dumps(document):
    """JSON with one top-level field, or one layer, per line, and every tensor on the line of its field."""
    lines = ["{"]
    items = list(document.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if key in ("network", "layers"):
            lines.append(f"  {json.dumps(key)}: [")
            for m, layer in enumerate(value):
                lines.append("    " + json.dumps(layer, allow_nan=False) + ("," if m < len(value) - 1 else ""))
            lines.append("  ]" + comma)
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, allow_nan=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _npy_prefix(path):
    name = os.path.basename(path)
    for suffix in (".json", ".case"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name or "case"


def write_case(trace, path, npy=False):
    """Writes the trace's network, loss, input and target as a referencenn/case@1 file at `path`. With npy=True each
    tensor goes to a C-ordered little-endian float64 .npy file beside it (PREFIX.input.npy, PREFIX.network.0.weights.npy,
    …, PREFIX being the case file's name without .json and .case), referenced relative to the case file."""
    folder = os.path.dirname(os.path.abspath(path))
    prefix = _npy_prefix(path)

    def tensor(a, name):
        if not npy:
            return _nested(a)
        file = f"{prefix}.{name}.npy"
        data = np.ascontiguousarray(np.asarray(a, dtype="<f8"))
        _atomic_write(os.path.join(folder, file), lambda f: np.lib.format.write_array(f, data, version=(1, 0)), binary=True)
        return {"npy": file}

    network = []
    for n, layer in enumerate(trace.network):
        entry = {}
        for key, value in layer.items():
            entry[key] = tensor(value, f"network.{n}.{key}") if isinstance(value, np.ndarray) else value
        network.append(entry)
    document = {"format": CASE_FORMAT, "network": network, "loss": trace.loss,
                "input": tensor(trace.input, "input"), "target": tensor(trace.target, "target")}
    text = _dumps(document)
    _atomic_write(path, lambda f: f.write(text))


def write_result(trace, path):
    """Writes the trace's output, loss and gradients, in the model's own precision, as a referencenn/result@1 file."""
    layers = []
    for layer in trace.layers:
        layers.append({key: _nested(value) if isinstance(value, np.ndarray) else value for key, value in layer.items()})
    document = {"format": RESULT_FORMAT,
                "producer": f"refnn_torch {__version__} (torch {torch.__version__}, {trace.dtype})",
                "dtype": trace.dtype,
                "output": _nested(trace.output), "loss": _number(trace.loss_value),
                "inputGradient": _nested(trace.input_gradient), "layers": layers}
    text = _dumps(document)
    _atomic_write(path, lambda f: f.write(text))
