#!/usr/bin/env python3
"""Bug injection for the vectorised elementary functions and the activation kernels: applies one deliberate bug at a
time to Reference/Library/FastKernels/, rebuilds, runs the fast kernels' xunit tests (Verification/FastKernels and
KernelsTests) and the mpmath comparison of the vector kernels (exp and tanh, --count inputs), reports which of them
fail, and restores the file. A bug that nothing catches is reported as such.

Usage: python3 Verification/FastKernels/inject_kernel_bugs.py [--count 20000] [--only TEXT]
The working tree must be clean in Reference/Library/FastKernels/ (the script restores each file with its original text).
"""
import argparse
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KERNELS = os.path.join(ROOT, 'Reference', 'Library', 'FastKernels')

# (name, file, old text, new text)
BUGS = [
    ('exp: rounding test dropped (every lane in the domain keeps RN(h + (l - err)))', 'ElementaryKernels.cs',
     'undecided = ~TV.LaneBits(inDomain & TV.EqualTo(low, high)) & AllLanes<TV>();',
     'undecided = ~TV.LaneBits(inDomain) & AllLanes<TV>();'),
    ('tanh: rounding test dropped', 'ElementaryKernels.cs',
     'undecided = domain & ~TV.LaneBits(TV.EqualTo(low, high));', 'undecided = 0;'),
    ('exp: coefficient 1/6 off by 2^-20 (relative)', 'ElementaryKernels.cs',
     '(TV.Create(1.0 / 6) + yh', '(TV.Create(1.0 / 6 * (1 + 1.0 / (1 << 20))) + yh'),
    ('exp: coefficient 1/2 one ulp up', 'ElementaryKernels.cs',
     '(TV.Create(0.5) + yh', '(TV.Create(0.50000000000000011) + yh'),
    ('tanh: series coefficient 2/15 off by 2^-20 (relative)', 'ElementaryKernels.cs',
     '(TV.Create(2.0 / 15) + s', '(TV.Create(2.0 / 15 * (1 + 1.0 / (1 << 20))) + s'),
    ('tanh: quotient error bound 2^-76 claimed as 2^-90', 'ElementaryKernels.cs',
     'err = TV.Create(Elementary.TanhQuotientError);', 'err = TV.Create(Elementary.TanhQuotientError / 16384);'),
    ('tanh: NaN forgotten (taken as saturated: the special lanes select on a < 19.1)', 'ElementaryKernels.cs',
     'TV special = TV.Select(TV.GreaterThanOrEqual(a, TV.Create(TanhSaturated)), TV.Create(1.0) | sign, x);',
     'TV special = TV.Select(TV.LessThan(a, TV.Create(TanhSaturated)), x, TV.Create(1.0) | sign);'),
    ('tanh: sign of x not restored', 'ElementaryKernels.cs',
     'return TV.Select(inDomain, low | sign, special);', 'return TV.Select(inDomain, low, special);'),
    ('exp: upper end of the vector domain forgotten (x > 709 on the vector path)', 'ElementaryKernels.cs',
     ' & TV.GreaterThanOrEqual(x, TV.Create(ExpLow)) & TV.GreaterThanOrEqual(TV.Create(ExpHigh), x);',
     ' & TV.GreaterThanOrEqual(x, TV.Create(ExpLow));'),
    ('exp: vector domain down to -745 (subnormal results scaled as if normal)', 'ElementaryKernels.cs',
     'internal const double ExpLow = -707,', 'internal const double ExpLow = -745,'),
    ('exp: table digit i2 read from the wrong bits (k >> 1)', 'Lanes.cs',
     'Vector512<ulong> i2 = Vector512.ShiftLeft(m & Vector512.Create(63UL), 1);',
     'Vector512<ulong> i2 = Vector512.ShiftLeft(Vector512.ShiftRightLogical(m, 1) & Vector512.Create(63UL), 1);'),
    ('tanh backward: (1 + u)^2 as one fused multiply-add u(u + 2) + 1', 'ActivationKernels.cs',
     'return TV.Create(4.0) * u / (onePlusU * onePlusU) * dy;',
     'return TV.Create(4.0) * u / TV.FusedMultiplyAdd(u, u + TV.Create(2.0), TV.Create(1.0)) * dy;'),
    ('sigmoid forward: e^(-|x|) for every x (the x < 0 branch takes 1/(1 + e^x))', 'ActivationKernels.cs',
     'return TV.Select(nonNegative, TV.Create(1.0), e) / (TV.Create(1.0) + e);',
     'return TV.Create(1.0) / (TV.Create(1.0) + e);'),
    ('tail: the last partial vector\'s padding lanes not masked out of the fallback set', 'LaneMaps.cs',
     '            TV v = TF.Lanes(TV.Load(ref source, 0), out uint undecided);\n            undecided &= lanes;',
     '            TV v = TF.Lanes(TV.Load(ref source, 0), out uint undecided);'),
]


def run(cmd, timeout):
    t = time.time()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return p, time.time() - t


def build():
    b, _ = run(['dotnet', 'build', 'Verification/Verification.csproj', '-c', 'Release', '--nologo', '-v', 'q'], 900)
    b2, _ = run(['dotnet', 'build', 'Verification/Tools', '-c', 'Release', '--nologo', '-v', 'q'], 900)
    return b.returncode == 0 and b2.returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--count', type=int, default=20000)
    ap.add_argument('--only')
    args = ap.parse_args()
    for name, file, old, new in BUGS:
        if args.only and args.only not in name:
            continue
        path = os.path.join(KERNELS, file)
        original = open(path).read()
        assert original.count(old) == 1, (name, 'pattern not found exactly once')
        try:
            open(path, 'w').write(original.replace(old, new))
            if not build():
                print('== %s: BUILD FAILED' % name, flush=True)
                continue
            try:
                t, _ = run(['dotnet', 'test', 'Verification/Verification.csproj', '-c', 'Release', '--no-build', '--nologo', '--filter',
                            'FullyQualifiedName~ReferenceNN.Verification.FastKernels|FullyQualifiedName~ReferenceNN.Verification.KernelsTests'], 900)
                failed = sorted(set(re.findall(r'Failed (ReferenceNN\.Verification\.[\w.]+)', t.stdout)))
                summary = [l.strip() for l in t.stdout.splitlines() if 'Failed:' in l and 'Passed:' in l]
            except subprocess.TimeoutExpired:
                failed, summary = ['(timed out: a test never finished)'], []
            try:
                m, _ = run([sys.executable, 'Verification/Elementary/elementary_mpmath.py', '--no-build', '--functions', 'exp,tanh',
                            '--count', str(args.count), '--float-count', '0'], 900)
                vector = [l.strip() for l in m.stdout.splitlines() if 'vector kernels' in l]
                bad = [l for l in vector if ': 0 mismatches' not in l] or ([] if vector else ['(did not run)'])
            except subprocess.TimeoutExpired:
                bad = ['(timed out)']
            short = [f.replace('ReferenceNN.Verification.', '') for f in failed]
            print('== %s (%s)' % (name, file))
            print('   xunit: %s; %d failing: %s' % (summary[0] if summary else '?', len(short), ', '.join(short) or 'none'))
            print('   mpmath, vector kernels (--count %d): %s' % (args.count, '; '.join(bad) if bad else 'no mismatch'), flush=True)
        finally:
            open(path, 'w').write(original)
    build()


if __name__ == '__main__':
    main()
