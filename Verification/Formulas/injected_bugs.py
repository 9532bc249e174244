#!/usr/bin/env python3
"""Injects known bugs into a scratch copy of the literal formulas and reports which tests fail for each.

Usage (from the repository root; about two minutes per bug on two cores):

    python3 Verification/Formulas/injected_bugs.py              # every bug
    python3 Verification/Formulas/injected_bugs.py softmax-no-shift pool-row-stride-ignored

The repository is copied (without bin/, obj/ and .git) to a temporary folder; for each bug one formula file of the copy
is edited, the solution built, and the whole `dotnet test` run with the CI seed (REFERENCENN_SEED=1145141919). A test
that also fails on the unmodified copy (the baseline) is not counted. Nothing in the repository itself is changed.
docs/Verification/Accuracy.md records the result.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

FORMULAS = "Reference/Library/Formulas/"

BUGS = {
    # max pooling: wrong windows, three ways, and the wrong tie
    "pool-windows": ("MaxPooling/Forward.cs", [
        ("int best = (r * strideHeight * width + c * strideWidth) * depth + d;",
         "int best = (r * poolHeight * width + c * poolWidth) * depth + d;"),
        ("int position = ((r * strideHeight + a) * width + (c * strideWidth + b)) * depth + d;",
         "int position = ((r * poolHeight + a) * width + (c * poolWidth + b)) * depth + d;")]),
    "pool-row-stride-ignored": ("MaxPooling/Forward.cs", [
        ("int best = (r * strideHeight * width + c * strideWidth) * depth + d;",
         "int best = (r * width + c * strideWidth) * depth + d;"),
        ("int position = ((r * strideHeight + a) * width + (c * strideWidth + b)) * depth + d;",
         "int position = ((r + a) * width + (c * strideWidth + b)) * depth + d;")]),
    "pool-transposed-window": ("MaxPooling/Forward.cs", [
        ("for (int a = 0; a < poolHeight; a++)\n            for (int b = 0; b < poolWidth; b++)",
         "for (int a = 0; a < poolWidth; a++)\n            for (int b = 0; b < poolHeight; b++)")]),
    "pool-last-tie": ("MaxPooling/Forward.cs", [
        ("if (input[position] > input[best] || T.IsNaN(input[position])) best = position;",
         "if (input[position] >= input[best] || T.IsNaN(input[position])) best = position;")]),
    # convolution forward with the kernel index transposed: x[p+a, q+b]·K[b, a]
    "conv-transposed-kernel": ("Convolution/Forward.cs", [
        ("CorrelateValid(Channel(input, s.I, s.J, s.D, d), Kernel(weights, s, d, k), outputK);",
         """var xd = Channel(input, s.I, s.J, s.D, d); var kdk = Kernel(weights, s, d, k);
                for (int p = 0; p < outputK.Height; p++)
                for (int q = 0; q < outputK.Width; q++)
                {
                    T sum = T.Zero;
                    for (int a = 0; a < kdk.Height; a++)
                    for (int b = 0; b < kdk.Width; b++) sum += xd[p + a, q + b] * kdk[b, a];
                    outputK[p, q] += sum;
                }""")]),
    # ∂E/∂K rounded to float32 (as if accumulated in single precision)
    "conv-weights-float": ("Convolution/WeightsError.cs", [
        ("""                new Plane<T>(weightsError, s.M, s.N, s.D * s.K, d * s.K + k));
        }""", """                new Plane<T>(weightsError, s.M, s.N, s.D * s.K, d * s.K + k));
        }
        for (int n = 0; n < weightsError.Length; n++) weightsError[n] = T.CreateTruncating(float.CreateTruncating(weightsError[n]));""")]),
    "fc-inputerror-W-not-transposed": ("FullyConnected/InputError.cs", [
        ("sum += outputError[column] * weights[row * j + column];",
         "sum += outputError[column] * weights[(row * j + column) % (i * j) == 0 ? 0 : (column * i + row) % (i * j)];")]),
    "softmax-no-shift": ("Softmax/Forward.cs", [
        ("output[l] = Elementary.Exp(input[l] - max);", "output[l] = Elementary.Exp(input[l]);")]),
    "mse-no-1/n": ("MeanSquaredError/Value.cs", [
        ("return sum / T.CreateChecked(output.Length);", "return sum;")]),
    "mse-derivative-no-1/n": ("MeanSquaredError/Derivative.cs", [
        ("outputError[i] = two * (output[i] - target[i]) / n;", "outputError[i] = two * (output[i] - target[i]);")]),
    "mse-derivative-float": ("MeanSquaredError/Derivative.cs", [
        ("outputError[i] = two * (output[i] - target[i]) / n;",
         "outputError[i] = T.CreateTruncating(float.CreateTruncating(two * (output[i] - target[i]) / n));")]),
    "dropout-backward-no-scale": ("Dropout/InputError.cs", [
        ("inputError[n] = outputError[n] * mask[n] / (T.One - rate);", "inputError[n] = outputError[n] * mask[n];")]),
    # the article's tanh′ = 1 − tanh²x and sigmoid′ = f(1 − f): right in absolute terms, wrong relative to the tails
    "tanh-article-derivative": ("Tanh/Derivative.cs", [
        ("""        T two = T.One + T.One;
        T u = Elementary.Exp(-(two * T.Abs(x)));
        T onePlusU = T.One + u;
        return two * two * u / (onePlusU * onePlusU);""", """        T e = Elementary.Exp(x + x);
        T t = (e - T.One) / (e + T.One);
        return T.One - t * t;""")]),
    "sigmoid-derivative-f-times-1-minus-f": ("Sigmoid/Derivative.cs", [
        ("""        T u = Elementary.Exp(-T.Abs(x));
        T onePlusU = T.One + u;
        return u / (onePlusU * onePlusU);""", """        T f = T.One / (T.One + Elementary.Exp(-x));
        return f * (T.One - f);""")]),
}


def run(root, name):
    """Builds and tests the copy; returns the set of failing test names, or None if the build failed."""
    build = subprocess.run(["dotnet", "build", "ReferenceNN.sln", "-c", "Release"], cwd=root, capture_output=True, text=True)
    if build.returncode != 0:
        print(f"{name}: build failed\n" + "\n".join(l for l in build.stdout.splitlines() if " error " in l))
        return None
    trx = os.path.join(root, "TestResults", re.sub(r"[^A-Za-z0-9-]", "-", name) + ".trx")
    env = dict(os.environ, REFERENCENN_SEED="1145141919")
    subprocess.run(["dotnet", "test", "ReferenceNN.sln", "-c", "Release", "--no-build", "--logger", f"trx;LogFileName={trx}"],
                   cwd=root, env=env, capture_output=True, text=True)
    with open(trx, encoding="utf-8") as f:
        text = f.read()
    return set(re.findall(r'testName="([^"]+)"[^>]*outcome="Failed"', text))


def main(names):
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    scratch = tempfile.mkdtemp(prefix="injected-bugs-")
    root = os.path.join(scratch, "repo")
    shutil.copytree(repository, root, ignore=shutil.ignore_patterns("bin", "obj", ".git", "TestResults", "artifacts"))
    pristine = os.path.join(scratch, "pristine")
    shutil.copytree(os.path.join(root, FORMULAS), pristine)
    baseline = run(root, "baseline") or set()
    print(f"baseline: {len(baseline)} failing " + " ".join(sorted(baseline)))
    for name in names or BUGS:
        shutil.rmtree(os.path.join(root, FORMULAS))
        shutil.copytree(pristine, os.path.join(root, FORMULAS))
        file, edits = BUGS[name]
        path = os.path.join(root, FORMULAS, file)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for old, new in edits:
            if old not in text:
                sys.exit(f"{name}: the text to replace is no longer in {file}; update this script")
            text = text.replace(old, new)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        failed = run(root, name)
        if failed is None:
            continue
        new = sorted(failed - baseline)
        print(f"\n== {name} ({file}): {len(new)} tests fail")
        for test in new:
            print("  " + test.replace("ReferenceNN.Verification.", "").replace("&quot;", '"'))
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main(sys.argv[1:])
