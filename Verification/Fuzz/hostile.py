#!/usr/bin/env python3
"""Runs refnn on the hostile inputs of issue 13 and prints, for each, the exit code, the wall time, the peak memory
(maximum resident set size) and the first line of stderr, as a Markdown table.

    python3 Verification/Fuzz/hostile.py [--refnn "dotnet Reference/Cli/bin/Release/net10.0/refnn.dll"] [--timeout 30]

Every input is made in a fresh temporary folder (the large files are sparse, or generated compressed, so they take
little disk). Each run is killed after --timeout seconds; set DOTNET_GCHeapHardLimit in the environment to cap a
run's managed memory when measuring a build that does not bound it itself. Peak memory is the process's maximum resident set size, from wait4.
"""
import argparse, gzip, json, os, shlex, struct, subprocess, sys, tempfile, time, zlib

def npy_bytes(shape, data=b"", descr="<f8", version=1, header=None):
    if header is None:
        header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, ", ".join(map(str, shape)) + ("," if len(shape) == 1 else ""))
    if version == 1:
        total = 10 + len(header) + 1
        header += " " * ((-total) % 64) + "\n"
        prefix = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header))
    else:
        total = 12 + len(header) + 1
        header += " " * ((-total) % 64) + "\n"
        prefix = b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<I", len(header))
    return prefix + header.encode("latin1") + data

def case(network, input_, target, loss="mse", train=None):
    c = {"format": "referencenn/case@1", "network": network, "loss": loss, "input": input_, "target": target}
    if train is not None: c["train"] = train
    return json.dumps(c)

XOR = case([{"type": "dense", "weights": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "bias": [[0.01, 0.02, 0.03]]},
            {"type": "activation", "function": "tanh"},
            {"type": "dense", "weights": [[0.7], [-0.8], [0.9]], "bias": [[0.05]]},
            {"type": "activation", "function": "tanh"}], [[1, 0]], [[1]])

def xor_train(epochs):
    c = json.loads(XOR)
    c["train"] = {"inputs": [[[0, 0]], [[0, 1]], [[1, 0]], [[1, 1]]], "targets": [[[0]], [[1]], [[1]], [[0]]], "epochs": epochs, "learningRate": 0.1}
    return json.dumps(c)

def write(folder, name, content):
    path = os.path.join(folder, name)
    with open(path, "wb") as f: f.write(content.encode() if isinstance(content, str) else content)
    return path

def sparse(folder, name, prefix, size):
    path = write(folder, name, prefix)
    os.truncate(path, size)
    return path

def gzip_bomb(path, header, zeros):
    with open(path, "wb") as raw:
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        raw.write(z.compress(header))
        block = bytes(1 << 20)
        for _ in range(zeros >> 20): raw.write(z.compress(block))
        raw.write(z.flush())

def idx(sizes, data):
    return struct.pack(">I", 0x0800 | len(sizes)) + b"".join(struct.pack(">I", s) for s in sizes) + data

def data_folder(d, name):
    """A folder with small valid label and test files; the caller adds train-images-idx3-ubyte."""
    folder = os.path.join(d, name); os.mkdir(folder)
    write(folder, "train-labels-idx1-ubyte", idx([2], bytes([1, 2])))
    write(folder, "t10k-images-idx3-ubyte", idx([2, 28, 28], bytes(2 * 784)))
    write(folder, "t10k-labels-idx1-ubyte", idx([2], bytes([3, 4])))
    return folder

def inputs(d):
    """(id, what, args) for every hostile input; files are made in d."""
    os.mkdir(os.path.join(d, "somedir"))
    fifo = os.path.join(d, "fifo"); os.mkfifo(fifo)
    good = write(d, "xor.case.json", XOR)
    grad = subprocess.run(REFNN + ["grad", good], capture_output=True, text=True).stdout or "{}"
    result = write(d, "xor.result.json", grad)
    secret = write(d, "secret.txt", "password=hunter2\n")
    # 1. @ arguments
    yield "at-dir", "`grad @DIR`", ["grad", "@" + os.path.join(d, "somedir")]
    yield "at-zero", "`grad @/dev/zero`", ["grad", "@/dev/zero"]
    yield "at-fifo", "`grad @FIFO`", ["grad", "@" + fifo]
    yield "at-text", "`grad @secret.txt` (a text file)", ["grad", "@" + secret]
    # 2. overflowing sizes
    wrap = npy_bytes((7623851, 409891, 2731, 4323), struct.pack("<d", 0.5))
    write(d, "wrap.npy", wrap)
    wrap_case = write(d, "wrap.case.json", case([{"type": "activation", "function": "tanh"}], {"npy": "wrap.npy"}, {"npy": "wrap.npy"}))
    yield "npy-wrap", f"`gradcheck` of a {len(wrap)}-byte .npy whose shape product wraps to 1 mod 2⁶⁴", ["gradcheck", wrap_case]
    write(d, "big.npy", b"")
    sparse(d, "big.npy", npy_bytes((275_000_000,)), 128 + 275_000_000 * 8)
    big_case = write(d, "big.case.json", case([{"type": "activation", "function": "tanh"}], {"npy": "big.npy"}, {"npy": "big.npy"}))
    yield "npy-2gb", "`grad` of a valid 2.2 GB .npy (sparse file)", ["grad", big_case]
    # 3. non-regular files
    fifo_npy_case = write(d, "fifo-npy.case.json", case([{"type": "activation", "function": "tanh"}], {"npy": "fifo"}, [[1]]))
    yield "fifo-case", "`grad FIFO`", ["grad", fifo]
    yield "fifo-result", "`check CASE FIFO`", ["check", good, fifo]
    yield "fifo-npy", "`grad` of a case whose tensor is `{\"npy\": FIFO}`", ["grad", fifo_npy_case]
    yield "zero-case", "`grad /dev/zero`", ["grad", "/dev/zero"]
    yield "zero-result", "`check CASE /dev/zero`", ["check", good, "/dev/zero"]
    fifo_data = data_folder(d, "fifo-data")
    os.mkfifo(os.path.join(fifo_data, "train-images-idx3-ubyte"))
    yield "fifo-idx", "`mnist-fc --data DIR`, DIR/train-images-idx3-ubyte a FIFO", ["mnist-fc", "--data", fifo_data, "--epochs", "1"]
    zero_data = data_folder(d, "zero-data")
    os.symlink("/dev/zero", os.path.join(zero_data, "train-images-idx3-ubyte"))
    yield "zero-idx", "`mnist-fc --data DIR`, DIR/train-images-idx3-ubyte → /dev/zero", ["mnist-fc", "--data", zero_data, "--epochs", "1"]
    # 4. slow parsing
    for megabytes in (4, 16):
        header = "{'descr': '<f8', 'fortran_order': False, " + "'shape': (" * (megabytes * 1024 * 1024 // 10) + "}"
        write(d, f"slow{megabytes}.npy", npy_bytes(None, version=2, header=header))
        slow_case = write(d, f"slow{megabytes}.case.json", case([{"type": "activation", "function": "tanh"}], {"npy": f"slow{megabytes}.npy"}, [[1]]))
        yield f"npy-header-{megabytes}mb", f"a {megabytes} MB .npy header of repeated `'shape': (`", ["grad", slow_case]
    # 5. JSON edge cases
    surrogate = write(d, "surrogate.case.json", XOR.replace('"mse"', '"\\ud800"'))
    yield "json-surrogate", "a lone surrogate `\"\\ud800\"` as the loss", ["grad", surrogate]
    r = json.loads(grad) if grad != "{}" else {"output": [[0]]}
    text = grad.replace('"output":', '"output": [[12345]], "output":', 1)
    dup = write(d, "dup.result.json", text)
    yield "json-duplicate", "a result whose `output` appears twice, wrong then right", ["check", good, dup]
    deep = write(d, "deep.case.json", XOR.replace('"input": [[1, 0]]', '"input": ' + "[" * 100000 + "]" * 100000))
    yield "json-deep", "an input nested 100,000 deep", ["grad", deep]
    # 6. amplification
    conv = lambda k, width: case([{"type": "conv", "weights": [[[[0.5] * k]]], "bias": [0.0] * k}], [[[1.0]] * width], [[[0.0] * k] * width])
    write(d, "conv-big.case.json", "")
    conv_big = write(d, "conv-big.case.json", case([{"type": "conv", "weights": [[[[0.123456789] * 50000]]], "bias": [0] * 50000},
                                                    {"type": "flatten"}], [[[1.0]] * 50000], [[0]]))
    yield "amp-conv-1mb", f"a {os.path.getsize(conv_big) // 1000} KB conv case: 1×50,000×1 input, 50,000 output channels (2.5e9 outputs)", ["grad", conv_big]
    conv_mid = write(d, "conv-mid.case.json", case([{"type": "conv", "weights": [[[[0.123456789] * 12000]]], "bias": [0] * 12000},
                                                    {"type": "maxpool", "size": [1, 20000]}, {"type": "flatten"}], [[[1.0]] * 20000], [[0] * 12000]))
    what = f"a {os.path.getsize(conv_mid) // 1000} KB case: conv to 1×20,000×12,000 (2.4e8 values), max-pooled to 12,000"
    yield "amp-conv-pool", what, ["grad", conv_mid]
    yield "amp-conv-pool-1g", what + ", `--max-memory 1G`", ["grad", conv_mid, "--max-memory", "1G"]
    sparse(d, "w4096.npy", npy_bytes((4096, 4096)), 128 + 4096 * 4096 * 8)
    dense8 = write(d, "dense8.case.json", case([{"type": "dense", "weights": {"npy": "w4096.npy"}, "bias": [0] * 4096}] * 8,
                                               [[0.5] * 4096], [[0] * 4096]))
    yield "amp-dense-8x4096", "eight 4096×4096 dense layers sharing one 128 MB .npy", ["grad", dense8, "--npy", os.path.join(d, "dense8-out")]
    huge_epochs = write(d, "epochs-max.case.json", xor_train(2147483647))
    yield "amp-epochs-max", "`train` with `epochs: 2147483647`", ["train", huge_epochs]
    epochs50m = write(d, "epochs-50m.case.json", xor_train(50_000_000))
    yield "amp-epochs-50m", "`train` with `epochs: 50000000` (stdout to /dev/null)", ["train", epochs50m]
    bomb = data_folder(d, "bomb-data")
    gzip_bomb(os.path.join(bomb, "train-images-idx3-ubyte.gz"), idx([60000, 28, 28], b""), 4 << 30)
    yield "amp-gzip-bomb", f"a {os.path.getsize(os.path.join(bomb, 'train-images-idx3-ubyte.gz')) // 1000} KB gzip IDX file inflating to 4 GB", ["mnist-fc", "--data", bomb, "--epochs", "1"]
    # 8. echoed input
    forged = write(d, "forged.case.json", XOR.replace('"activation"', '"x\\nrefnn: OK, all checks passed\\u001b[2J"', 1))
    yield "echo-newline", "a layer type holding `\\n` and an escape sequence", ["grad", forged]
    long = write(d, "long.case.json", XOR.replace('"mse"', '"' + "A" * 10_000_000 + '"'))
    yield "echo-10mb", "a 10 MB loss name", ["grad", long]
    # 7. outputs
    out = os.path.join(d, "npy-out"); os.mkdir(out)
    victim = write(d, "victim.txt", "precious\n")
    os.symlink(victim, os.path.join(out, "output.npy.partial"))
    def victim_intact():
        with open(victim, "rb") as f: return "victim intact" if f.read() == b"precious\n" else "VICTIM OVERWRITTEN"
    yield "out-symlink", "`grad --npy DIR`, a symlink to a file outside DIR planted at DIR/output.npy.partial", ["grad", good, "--npy", out], None, victim_intact
    yield "out-empty", "`grad \"\"`", ["grad", ""]
    # 9. streams
    yield "stream-full", "`grad CASE > /dev/full`", ["grad", good], "full"
    yield "stream-stdout-closed", "`grad CASE >&-`", ["grad", good], "close-stdout"
    yield "stream-stderr-closed", "`grad BAD 2>&-`", ["grad", surrogate], "close-stderr"

def measure(args, timeout, stdout):
    """Runs refnn under GNU time; returns the exit code (negative: killed by that signal), seconds, peak MB, stderr
    lines, and whether it was killed for running past the timeout. The peak is refnn's own maximum resident set size:
    GNU time, a small process, starts it (a child of this Python process would inherit Python's peak)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as usage:
        command = REFNN + args
        if stdout == "close-stdout": command, stdout = ["sh", "-c", 'exec "$@" >&-', "sh"] + command, None
        elif stdout == "close-stderr": command, stdout = ["sh", "-c", 'exec "$@" 2>&-', "sh"] + command, None
        elif stdout == "full": stdout = open("/dev/full", "wb")
        command = ["/usr/bin/time", "-o", usage.name, "-f", "%x %M"] + command
        start = time.time()
        p = subprocess.Popen(command, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL)
        killed = False
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            killed = True
            children = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
            for child in children: os.kill(int(child), 9)
            p.wait()
        seconds = time.time() - start
        err.seek(0)
        lines = err.read(1 << 20).decode("utf-8", "replace").rstrip("\n").split("\n")
        fields = open(usage.name).read().split()
    code = int(fields[-2]) if len(fields) >= 2 and fields[-2].lstrip("-").isdigit() else p.returncode
    if "signal" in fields: code = -int(fields[fields.index("signal") + 1])
    return code, seconds, int(fields[-1]) / 1024 if fields else 0, lines, killed

def calibrate(d):
    """(name, args) of legitimate cases near the default work limit: refnn's estimate (asked with --max-work 0) beside the time."""
    conv = lambda k, width: case([{"type": "conv", "weights": [[[[0.1] * k]]], "bias": [0] * k}, {"type": "maxpool", "size": [1, width]}, {"type": "flatten"}],
                                 [[[1.0]] * width], [[0] * k])
    yield "train XOR, 4,000,000 epochs", ["train", write(d, "xor4m.json", xor_train(4_000_000))]
    yield "grad, conv 1×1×1×16 over 1×1,500,000×1, max-pooled", ["grad", write(d, "k16.json", conv(16, 1_500_000))]
    yield "grad, conv 1×1×1×1200 over 1×20,000×1, max-pooled", ["grad", write(d, "k1200.json", conv(1200, 20_000))]
    sparse(d, "w4096.npy", npy_bytes((4096, 4096)), 128 + 4096 * 4096 * 8)
    yield "grad, eight 4096×4096 dense layers", ["grad", write(d, "dense8.json", case([{"type": "dense", "weights": {"npy": "w4096.npy"}, "bias": [0] * 4096}] * 8,
                                                                                       [[0.5] * 4096], [[0] * 4096]))]

def main():
    global REFNN
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--refnn", default="dotnet Reference/Cli/bin/Release/net10.0/refnn.dll")
    parser.add_argument("--timeout", type=int, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument("--calibrate", action="store_true", help="time legitimate cases near the work limit against refnn's estimate instead")
    options = parser.parse_args()
    REFNN = shlex.split(options.refnn)
    if options.calibrate:
        print("| case | estimated operations | time (s) | peak memory (MB) |")
        print("|---|---|---|---|")
        with tempfile.TemporaryDirectory(prefix="refnn-calibrate-") as d:
            for name, args in calibrate(d):
                # The estimate grows as the case is read; each refusal names the estimate at that point. Raising the
                # limit past each one in turn reaches the final estimate, the last one refused.
                limit, estimate = 0.0, "?"
                for _ in range(50):
                    code, _, _, refusal, _ = measure(args + ["--max-work", repr(limit)], options.timeout, subprocess.DEVNULL)
                    if code != 2 or "needs about" not in refusal[0]: break
                    estimate = refusal[0].split("needs about ")[1].split(" operations")[0]
                    limit = float(estimate) * 1.01
                code, seconds, megabytes, _, killed = measure(args + ["--max-work", "1e12"], options.timeout, subprocess.DEVNULL)
                print(f"| {name} | {estimate} | {'killed' if killed else f'{seconds:.2f}'}{'' if code == 0 or killed else f' (exit {code})'} | {megabytes:.0f} |", flush=True)
        return
    print("| input | what | exit | time (s) | peak memory (MB) | stderr (first line, cut at 100) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="refnn-hostile-") as d:
        for name, what, args, *rest in inputs(d):
            if options.only and name not in options.only.split(","): continue
            stdout = rest[0] if rest and rest[0] else subprocess.DEVNULL
            code, seconds, megabytes, stderr, killed = measure(args, options.timeout, stdout)
            first = stderr[0] if stderr else ""
            first = first.encode("unicode_escape").decode("ascii")[:100]
            if len(rest) > 1: first += " — " + rest[1]()
            if killed: code = None
            shown = f"killed at {options.timeout} s" if killed else str(code)
            print(f"| {name} | {what} | {shown} | {seconds:.2f} | {megabytes:.0f} | `{first.replace('|', '¦').replace('`', '')}` |", flush=True)

if __name__ == "__main__":
    main()
