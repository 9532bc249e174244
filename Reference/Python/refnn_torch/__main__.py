"""python -m refnn_torch: the bridge as a command.

    python -m refnn_torch check  SPEC [--refnn CMD] [--rtol R] [--atol A] [--keep DIR] [--seed N]
    python -m refnn_torch case   SPEC CASE.json [--npy] [--seed N]
    python -m refnn_torch result SPEC RESULT.json [--seed N]

SPEC names a function that takes no arguments and returns (model, x, target, loss): `path/to/file.py:function` or
`package.module:function`. Exit codes: 0 done (check: AGREE); 1 check: DISAGREE; 2 bad usage, a model, loss or
input ReferenceNN does not compute, a model that fails in torch, or refnn that cannot run or refuses the files (one
line on stderr).
"""
import argparse
import importlib
import importlib.util
import os
import sys

import refnn_torch


def _load(spec):
    location, colon, function = spec.rpartition(":")
    if not colon or not location or not function:
        raise ValueError(f"SPEC {spec!r} must be FILE.py:FUNCTION or MODULE:FUNCTION")
    if location.endswith(".py"):
        if not os.path.isfile(location):
            raise ValueError(f"SPEC {spec!r}: no such file {location!r}")
        folder = os.path.dirname(os.path.abspath(location))
        if folder not in sys.path:
            sys.path.insert(0, folder)
        loader_spec = importlib.util.spec_from_file_location("refnn_torch_spec", location)
        module = importlib.util.module_from_spec(loader_spec)
        loader_spec.loader.exec_module(module)
    else:
        if os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        module = importlib.import_module(location)
    factory = getattr(module, function, None)
    if not callable(factory):
        raise ValueError(f"SPEC {spec!r}: {location} has no function {function!r}")
    made = factory()
    if not isinstance(made, (tuple, list)) or len(made) != 4:
        raise ValueError(f"SPEC {spec!r}: {function}() must return (model, x, target, loss)")
    return made


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m refnn_torch",
                                     description="Check a PyTorch model's output, loss and gradients against ReferenceNN "
                                                 "(docs/PyTorch.md).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    spec_help = "FILE.py:FUNCTION or MODULE:FUNCTION; the function returns (model, x, target, loss)"
    check = commands.add_parser("check", help="write the case and torch's result, run refnn check, print its report")
    check.add_argument("spec", metavar="SPEC", help=spec_help)
    check.add_argument("--refnn", default=os.environ.get("REFNN", "refnn"), metavar="CMD",
                       help="the refnn command (default: $REFNN, else refnn), e.g. "
                            "'dotnet Reference/Cli/bin/Release/net10.0/refnn.dll'")
    check.add_argument("--rtol", type=float, metavar="R", help="refnn check's relative tolerance")
    check.add_argument("--atol", type=float, metavar="A", help="refnn check's absolute tolerance")
    check.add_argument("--keep", metavar="DIR", help="write case.json and result.json to DIR and keep them")
    case = commands.add_parser("case", help="write the referencenn/case@1 file")
    case.add_argument("spec", metavar="SPEC", help=spec_help)
    case.add_argument("path", metavar="CASE.json")
    case.add_argument("--npy", action="store_true", help="write the tensors as .npy files beside the case")
    result = commands.add_parser("result", help="write torch's referencenn/result@1 file")
    result.add_argument("spec", metavar="SPEC", help=spec_help)
    result.add_argument("path", metavar="RESULT.json")
    for sub in (check, case, result):
        sub.add_argument("--seed", type=int, default=0, metavar="N",
                         help="seed of the dropout masks drawn in the forward (default 0)")
    arguments = parser.parse_args(argv)
    try:
        model, x, target, loss = _load(arguments.spec)
        if arguments.command == "case":
            refnn_torch.case_from_model(model, x, target, loss, arguments.path, npy=arguments.npy, seed=arguments.seed)
            return 0
        if arguments.command == "result":
            refnn_torch.result_from_model(model, x, target, loss, arguments.path, seed=arguments.seed)
            return 0
        tolerances = {k: v for k, v in (("rtol", arguments.rtol), ("atol", arguments.atol)) if v is not None}
        verdict = refnn_torch.check(model, x, target, loss, refnn=arguments.refnn, seed=arguments.seed,
                                    keep=arguments.keep, **tolerances)
    except (ValueError, RuntimeError, OSError) as error:
        message = " ".join(str(error).split())  # one line, whatever torch or the OS said
        print(message if message.startswith("refnn_torch") else f"refnn_torch: {message}", file=sys.stderr)
        return 2
    sys.stdout.write(verdict.report)
    return verdict.exit_code


if __name__ == "__main__":
    sys.exit(main())
