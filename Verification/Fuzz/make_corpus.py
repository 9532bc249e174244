#!/usr/bin/env python3
"""Writes the seed entries of the fuzz corpus (Verification/Fuzz/Corpus/): one small file per hostile input of issue 13,
each a case that broke refnn's contract before the issue was fixed, with the exit code and message it must now give.
Large inputs are written compactly: repeated text as [piece, times] pairs, large files as a prefix and a sparse length.
Entries the harness saves from a failing fuzz run (TestResults/fuzz-failures/) are added beside these by hand, once
fixed. Usage: python3 Verification/Fuzz/make_corpus.py (from the repository's root)."""
import base64, gzip, json, os, struct, zlib

OUT = "Verification/Fuzz/Corpus"
TANH = [{"type": "activation", "function": "tanh"}]
LIMITS = ["--max-work", "1e8", "--max-memory", "512M", "--max-input-size", "64M"]

def b64(data): return base64.b64encode(data).decode()

def npy(shape_text, data=b"", version=1, dict_text=None, length=None):
    dict_text = dict_text or "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }" % shape_text
    prefix_len = 10 if version == 1 else 12
    header = dict_text + " " * ((-(prefix_len + len(dict_text) + 1)) % 64) + "\n"
    n = len(header) if length is None else length
    head = b"\x93NUMPY" + bytes([version, 0]) + (struct.pack("<H", n) if version == 1 else struct.pack("<I", n))
    return head + header.encode("latin1") + data

def case(network=TANH, input_=None, target=None, loss="mse", train=None):
    c = {"format": "referencenn/case@1", "network": network, "loss": loss,
         "input": input_ if input_ is not None else [[1, 2]], "target": target if target is not None else [[0, 1]]}
    if train: c["train"] = train
    return json.dumps(c)

XOR_NET = [{"type": "dense", "weights": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "bias": [[0.01, 0.02, 0.03]]},
           {"type": "activation", "function": "tanh"},
           {"type": "dense", "weights": [[0.7], [-0.8], [0.9]], "bias": [[0.05]]},
           {"type": "activation", "function": "tanh"}]

def xor(epochs=None):
    train = {"inputs": [[[0, 0]], [[0, 1]], [[1, 0]], [[1, 1]]], "targets": [[[0]], [[1]], [[1]], [[0]]], "epochs": epochs, "learningRate": 0.1} if epochs else None
    return case(XOR_NET, [[1, 0]], [[1]], train=train)

def idx(sizes, data):
    return struct.pack(">I", 0x0800 | len(sizes)) + b"".join(struct.pack(">I", s) for s in sizes) + data

def data_files(images=None, name="train-images-idx3-ubyte"):
    files = {"data/train-labels-idx1-ubyte": {"base64": b64(idx([2], bytes([1, 2])))},
             "data/t10k-images-idx3-ubyte": {"base64": b64(idx([2, 28, 28], bytes(2 * 784)))},
             "data/t10k-labels-idx1-ubyte": {"base64": b64(idx([2], bytes([3, 4])))}}
    files["data/" + name] = images if images is not None else {"base64": b64(idx([2, 28, 28], bytes(2 * 784)))}
    return files

MNIST = ["mnist-fc", "--data", "{dir}/data", "--epochs", "1", "--train-size", "2", "--test-size", "2"]

def entry(name, what, args, files, exit_code, stderr, protected=()):
    files = dict(files)
    files.setdefault("victim.txt", {"text": "precious\n"})
    e = {"what": what, "args": args, "files": files, "protected": ["victim.txt", *protected], "exit": exit_code, "stderr": stderr}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(e, f, indent=1, ensure_ascii=True)
        f.write("\n")

def text(t): return {"text": t}

os.makedirs(OUT, exist_ok=True)
# 1. @ arguments
entry("class1-at-directory", "@ before a folder (a stack trace and exit 134 before)", ["grad", "@{dir}/somedir"], {"somedir": {"special": "dir"}}, 2, "no such file")
entry("class1-at-text-file", "@ before a text file (its first line was echoed)", ["grad", "@{dir}/secret.txt"], {"secret.txt": text("password=hunter2\n")}, 2, "secret.txt: $: no such file")
entry("class1-at-fifo", "@ before a FIFO (hung)", ["grad", "@{dir}/fifo"], {"fifo": {"special": "fifo"}}, 2, "no such file")
entry("class1-at-dev-zero", "@/dev/zero (grew to 8 GB)", ["grad", "@/dev/zero"], {}, 2, "no such file")
# 2. overflowing sizes
wrap = npy("(7623851, 409891, 2731, 4323)", struct.pack("<d", 0.5))
entry("class2-npy-shape-wraps-to-one", "a 136-byte .npy whose shape product wraps to 1 mod 2^64 (gradcheck PASSED)", ["gradcheck", "{dir}/case.json", *LIMITS],
      {"wrap.npy": {"base64": b64(wrap)}, "case.json": text(case(TANH, {"npy": "wrap.npy"}, {"npy": "wrap.npy"}))}, 2, "the header claims 36893488147419103233 values")
long_header = b"\x93NUMPY\x02\x00" + struct.pack("<I", 50_000_000)
entry("class2-npy-header-of-50-mb", "a version 2 header length of 50 MB (read whole before)", ["grad", "{dir}/case.json"],
      {"long.npy": {"sparse": {"prefix": b64(long_header), "length": 50_000_100}}, "case.json": text(case(TANH, {"npy": "long.npy"}, [[1]]))}, 2, "the header is 50000000 bytes; NumPy reads at most 10000")
entry("class2-npy-over-2-gb", "a valid 2.2 GB .npy (OverflowException before)", ["grad", "{dir}/case.json"],
      {"big.npy": {"sparse": {"prefix": b64(npy("(275000000,)")), "length": 128 + 275_000_000 * 8}}, "case.json": text(case(TANH, {"npy": "big.npy"}, [[1]]))},
      2, "big.npy: is 2200000128 bytes, more than the input limit of 1073741824 bytes (--max-input-size)")
# 3. non-regular files
entry("class3-fifo-as-case", "a FIFO as the case (hung)", ["grad", "{dir}/fifo"], {"fifo": {"special": "fifo"}}, 2, "fifo: $: is a named pipe (FIFO), not a regular file")
entry("class3-fifo-as-result", "a FIFO as the result (hung)", ["check", "{dir}/xor.json", "{dir}/fifo"], {"fifo": {"special": "fifo"}, "xor.json": text(xor())}, 2, "is a named pipe (FIFO), not a regular file")
entry("class3-fifo-as-npy", "a FIFO as a tensor's .npy (hung)", ["grad", "{dir}/case.json"], {"fifo": {"special": "fifo"}, "case.json": text(case(TANH, {"npy": "fifo"}, [[1]]))}, 2, "$.input: fifo: is a named pipe (FIFO), not a regular file")
entry("class3-fifo-as-idx", "a FIFO as an IDX file (hung)", MNIST, data_files({"special": "fifo"}), 2, "train-images-idx3-ubyte: is a named pipe (FIFO), not a regular file")
entry("class3-dev-zero-as-case", "/dev/zero as the case (4 GB, exit 3)", ["grad", "{dir}/zero"], {"zero": {"special": "link:/dev/zero"}}, 2, "zero: $: is a character device, not a regular file")
entry("class3-dev-zero-as-result", "/dev/zero as the result (4 GB, exit 3)", ["check", "{dir}/xor.json", "/dev/zero"], {"xor.json": text(xor())}, 2, "zero: $: is a character device, not a regular file")
entry("class3-dev-zero-as-idx", "/dev/zero as an IDX file (4 GB, exit 3)", MNIST, data_files({"special": "link:/dev/zero"}), 2, "is a character device, not a regular file")
# 4. slow parsing
dict_text = "{'descr': '<f8', 'fortran_order': False, " + "'shape': (" * (4 * 1024 * 1024 // 10) + "}\n"
entry("class4-npy-header-of-4-mb", "a 4 MB .npy header of repeated 'shape': ( (17 s of backtracking before)", ["grad", "{dir}/case.json"],
      {"slow.npy": {"prefix": b64(b"\x93NUMPY\x02\x00" + struct.pack("<I", len(dict_text))),
                    "pieces": [["{'descr': '<f8', 'fortran_order': False, ", 1], ["'shape': (", 4 * 1024 * 1024 // 10], ["}\n", 1]]},
       "case.json": text(case(TANH, {"npy": "slow.npy"}, [[1]]))}, 2, "NumPy reads at most 10000")
# 5. JSON edge cases
entry("class5-lone-surrogate", "a lone surrogate escape as the loss (exit 3 before)", ["grad", "{dir}/case.json"], {"case.json": text(case(loss="\ud800").replace('"\\ud800"', '"\\ud800"'))}, 2, "$.loss: a string that is not valid text")
xor_result = None
entry("class5-lone-surrogate-key", "a lone surrogate escape as a key (exit 3 before)", ["grad", "{dir}/case.json"], {"case.json": text(case().replace('"loss"', '"\\udc00": 1, "loss"'))}, 2, "case.json: $: a key that is not valid text")
entry("class5-duplicate-key", "a layer whose type is given twice (the last won before)", ["grad", "{dir}/case.json"], {"case.json": text(xor().replace('"type": "dense",', '"type": "dense", "type": "dense",', 1))}, 2, "$.network[0].type: the key \"type\" appears twice")
entry("class5-nested-too-deep", "an input nested 100,000 deep (\"not valid JSON\" without saying why before)", ["grad", "{dir}/case.json"],
      {"case.json": {"pieces": [['{"format": "referencenn/case@1", "network": [{"type": "activation", "function": "tanh"}], "loss": "mse", "target": [[1]], "input": ', 1], ["[", 100000], ["]", 100000], ["}", 1]]}},
      2, "nested deeper than 64 levels")
# 6. amplification
entry("class6-conv-with-billions-of-outputs", "a 1 MB conv case over a 1×50,000×1 input with 50,000 output channels (OverflowException before)", ["grad", "{dir}/case.json"],
      {"case.json": {"pieces": [['{"format": "referencenn/case@1", "loss": "mse", "target": [[0]], "network": [{"type": "conv", "weights": [[[[', 1], ["0.5,", 49999], ['0.5]]]], "bias": [', 1], ["0,", 49999],
                                ['0]}, {"type": "flatten"}], "input": [[', 1], ["[1],", 49999], ["[1]]]}", 1]]}}, 2, "its output 1×50000×50000 holds 2500000000 values, more than an array holds (2147483591)")
layer = '{"type": "dense", "weights": {"npy": "w.npy"}, "bias": [[' + ",".join(["0"] * 4096) + ']]}'
entry("class6-eight-dense-layers-sharing-one-npy", "eight 4096×4096 dense layers sharing one 128 MB .npy (11.5 GB before)", ["grad", "{dir}/case.json", "--max-memory", "128M"],
      {"w.npy": {"sparse": {"prefix": b64(npy("(4096, 4096)")), "length": 128 + 4096 * 4096 * 8}},
       "case.json": text('{"format": "referencenn/case@1", "loss": "mse", "network": [' + ",".join([layer] * 8) + '], "input": [[' + ",".join(["0.5"] * 4096) + ']], "target": [[' + ",".join(["0"] * 4096) + "]]}")},
      2, "more than --max-memory 134217728 bytes (128 MiB)")
entry("class6-epochs-near-2-to-31", "epochs: 2147483647 (\"Array dimensions exceeded\", exit 3 before)", ["train", "{dir}/case.json"], {"case.json": text(xor(2147483647))}, 2, "more than --max-work 1E+10")
entry("class6-fifty-million-epochs", "epochs: 50000000 of a tiny case (6.5 GB before)", ["train", "{dir}/case.json"], {"case.json": text(xor(50_000_000))}, 2, "more than --max-work 1E+10")
bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
bomb_bytes = bomb.compress(idx([2, 28, 28], b"")) + b"".join(bomb.compress(bytes(1 << 20)) for _ in range(64)) + bomb.flush()
entry("class6-gzip-bomb", f"a {len(bomb_bytes) // 1024} KB gzip IDX file inflating to 64 MB, its header declaring 1584 bytes (inflated whole before)", MNIST,
      data_files({"base64": b64(bomb_bytes)}, "train-images-idx3-ubyte.gz"), 2, "decompresses to more than the 1584 bytes its IDX header declares")
# 7. outputs
entry("class7-npy-symlink-at-temporary-name", "--npy DIR with a link to a file outside DIR planted at DIR/output.npy.partial (followed before)", ["grad", "{dir}/xor.json", "--npy", "{dir}/out"],
      {"xor.json": text(xor()), "out/output.npy.partial": {"special": "link:victim.txt"}}, 2, "holds \"output.npy.partial\", which refnn does not write")
entry("class7-npy-fails-half-way", "--npy DIR where loss.npy is a folder (output.npy overwritten, loss.npy.partial left before)", ["grad", "{dir}/xor.json", "--npy", "{dir}/out"],
      {"xor.json": text(xor()), "out/output.npy": text("old"), "out/loss.npy": {"special": "dir"}}, 2, "holds \"loss.npy\"", ["out/output.npy"])
entry("class7-npy-folder-of-other-files", "--npy at a folder of other files (written into before)", ["grad", "{dir}/xor.json", "--npy", "{dir}"], {"xor.json": text(xor())}, 2, "which refnn does not write", ["xor.json"])
entry("class7-empty-case-path", "grad \"\" (exit 3 before)", ["grad", ""], {}, 2, "CASE: the path is empty")
entry("class7-empty-npy-path", "--npy \"\" (exit 3 before)", ["grad", "{dir}/xor.json", "--npy", ""], {"xor.json": text(xor())}, 2, "--npy : the path is empty")
entry("class7-nul-in-path", "a NUL in the case's path (exit 3 before)", ["grad", "{dir}/a\u0000b"], {}, 2, "CASE: the path holds a NUL character")
entry("class7-csv-in-a-missing-folder", "--csv in a missing folder (checked only after training before)", [*MNIST, "--csv", "{dir}/no/h.csv"], data_files(), 2, "--csv ")
entry("class7-bad-plot-keeps-old-csv", "--plot in a missing folder beside an existing --csv (the CSV was already overwritten before)", [*MNIST, "--csv", "{dir}/h.csv", "--plot", "{dir}/no/h.svg"],
      {**data_files(), "h.csv": text("old\n")}, 2, "--plot ", ["h.csv"])
# 8. echoed input
entry("class8-newline-in-a-value", "a layer type holding a newline and an escape sequence (a forged second line before)", ["grad", "{dir}/case.json"],
      {"case.json": text(xor().replace('"activation"', '"x\\nrefnn: OK, all checks passed\\u001b[2J"', 1))}, 2, "unknown layer type \"x\\nrefnn: OK, all checks passed\\u001b[2J\"")
entry("class8-ten-megabyte-value", "a 10 MB loss name (a 10 MB line before)", ["grad", "{dir}/case.json"],
      {"case.json": {"pieces": [['{"format": "referencenn/case@1", "network": [{"type": "activation", "function": "tanh"}], "input": [[1]], "target": [[1]], "loss": "', 1], ["A", 10_000_000], ['"}', 1]]}},
      2, "… (10000000 characters)")
# 10. loose validation
for n, (dict_text, why) in enumerate([
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }", "an extra key"),
        ("['descr': '<f8', 'fortran_order': False, 'shape': (2,), ]", "not a dict"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'shape': (1,), }", "'shape' twice (refnn took the first, NumPy the last)"),
        ("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", "'descr' twice"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,,,2,), }", "(1,,,2,)"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } junk", "text after the dict")]):
    entry(f"class10-npy-header-{n}", f"a .npy header that is not NumPy's dict literal: {why} (accepted before)", ["grad", "{dir}/case.json"],
          {"x.npy": {"base64": b64(npy(None, struct.pack("<2d", 1, 2), dict_text=dict_text))}, "case.json": text(case(TANH, {"npy": "x.npy"}, {"npy": "x.npy"}))}, 2, "x.npy: the header ")
entry("class10-npy-trailing-bytes", "8 bytes after a .npy's data (accepted before)", ["grad", "{dir}/case.json"],
      {"x.npy": {"base64": b64(npy("(1, 1)", struct.pack("<2d", 1, 2)))}, "case.json": text(case(TANH, {"npy": "x.npy"}, [[1]]))}, 2, "x.npy: 8 bytes after the data")
entry("class10-comma-in-a-number-option", "--rtol 1,5 (read as 15 before)", ["check", "{dir}/xor.json", "{dir}/xor.json", "--rtol", "1,5"], {"xor.json": text(xor())}, 2, "--rtol: \"1,5\" is not a number")
entry("class10-option-given-twice", "--data X --data (the second ignored before)", ["mnist-fc", "--data", "{dir}/data", "--data"], data_files(), 2, "--data is given more than once")
entry("class10-producer-not-a-string", "a result whose producer is a number (accepted before)", ["check", "{dir}/xor.json", "{dir}/r.json"],
      {"xor.json": text(xor()), "r.json": text('{"format": "referencenn/result@1", "producer": 17, "output": [[0]], "loss": 0, "inputGradient": [[0, 0]], "layers": []}')}, 2, "$.producer: must be a string")
entry("class10-epochs-three-point-zero", "epochs: 3.0, an integer as the schema says (refused before)", ["train", "{dir}/case.json"], {"case.json": text(xor(3).replace('"epochs": 3', '"epochs": 3.0'))}, 0, "")
crc = bytearray(gzip.compress(idx([2], bytes([1, 2]))))
crc[-8] ^= 0xFF
entry("class10-gzip-crc-error", "a gzip CRC error (\"unsupported compression method\" before)", MNIST,
      {**{k: v for k, v in data_files().items() if "train-labels" not in k}, "data/train-labels-idx1-ubyte.gz": {"base64": b64(bytes(crc))}}, 2, "gzip CRC-32 mismatch")
entry("class10-fifty-gigabyte-npy", "a 50 GB .npy (\"claims 50000000000 bytes but the file holds 50000000000 bytes\" before)", ["grad", "{dir}/case.json"],
      {"huge.npy": {"sparse": {"prefix": b64(npy("(62500, 100000)")), "length": 128 + 62500 * 100000 * 8}}, "case.json": text(case(TANH, {"npy": "huge.npy"}, [[1]]))},
      2, "huge.npy: is 50000000128 bytes, more than the input limit")
print(len(os.listdir(OUT)), "entries")
