#!/usr/bin/env python3
"""Bug injection: applies one deliberate bug at a time to the library, runs the xunit tests and a short mpmath
comparison, reports which of them fail, and restores the file. A bug that nothing catches is reported as such.

Usage: python3 Verification/inject_bugs.py [--count 20000] [--only NAME]
The working tree must be clean in Reference/Library/ (the script restores each file with its original text).
"""
import argparse
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LIB = os.path.join(ROOT, 'Reference', 'Library', 'Elementary')

# (name, file, old text, new text)
BUGS = [
    ('no slow path (keep the fast result RN(h + l - err) when the test fails)', 'RoundingTest.cs',
     'return low == high;', 'return true;'),
    ('no rounding test (always accept RN(h + l))', 'RoundingTest.cs',
     '            result = low;\n            return low == high;', '            result = h + l;\n            return true;'),
    ('exp: coefficient 1/2 of the polynomial one ulp up', 'Exp.cs',
     'yh * yh * (0.5 + yh', 'yh * yh * (0.50000000000000011 + yh'),
    ('exp: coefficient 1/6 off by 2^-20 (relative)', 'Exp.cs',
     '(1.0 / 6 + yh', '(1.0 / 6 * (1 + 1.0 / (1 << 20)) + yh'),
    ('log: coefficient 1/3 of the tail one ulp up', 'Log.cs',
     'Math.FusedMultiplyAdd(z, -0.25, 1.0 / 3)', 'Math.FusedMultiplyAdd(z, -0.25, 0.33333333333333337)'),
    ('log: coefficient 1/3 off by 2^-30 (relative)', 'Log.cs',
     'Math.FusedMultiplyAdd(z, -0.25, 1.0 / 3)', 'Math.FusedMultiplyAdd(z, -0.25, 1.0 / 3 * (1 + 1.0 / (1 << 30)))'),
    ('tanh: coefficient -1/3 one ulp off', 'Tanh.cs',
     'double p = -1.0 / 3 +', 'double p = -0.33333333333333337 +'),
    ('exp: error bound 2^-77 claimed as 2^-100', 'Exp.cs',
     'internal const double ExpCoreError = 1.0 / (1L << 62) / (1L << 15);',
     'internal const double ExpCoreError = 1.0 / (1L << 62) / (1L << 38);'),
    ('log: tail error coefficient 2^-49 claimed as 2^-60', 'Log.cs',
     'internal const double TailError = 1.0 / (1L << 49);', 'internal const double TailError = 1.0 / (1L << 60);'),
    ('exp: subnormal results rounded twice (normal path used)', 'RoundingTest.cs',
     'if (e > -1022)', 'if (e > -1080)'),
    ('expm1: sign of zero lost', 'ExpM1.cs',
     '                    return x; // x²/2', '                    return x == 0 ? 0.0 : x; // x²/2'),
    ('tanh: saturation threshold 19 instead of 19.1', 'Tanh.cs',
     'if (a < 19.1)', 'if (a < 19.0)'),
    ('log1p: tiny threshold 2^-50 instead of 2^-54', 'Log1P.cs',
     'if (Math.Abs(x) < 1.0 / (1L << 54))', 'if (Math.Abs(x) < 1.0 / (1L << 50))'),
    ('slow path: exp enclosure error bound 2|k| + 4 units halved to 1 unit', 'SlowPath.cs',
     'return new Enclosure(e, checked((int)(k - w)), 2 * Math.Abs(k) + 4);',
     'return new Enclosure(e, checked((int)(k - w)), 1);'),
    ('slow path: log series stopped after 3 terms', 'SlowPath.cs',
     'while (!term.IsZero)\n            {\n                sum += term / (2 * j + 1);',
     'while (!term.IsZero && j < 3)\n            {\n                sum += term / (2 * j + 1);'),
    ('float overload: plain (float) conversion, no midpoint decision', 'SinglePrecision.cs',
     'return IsMidpoint(y) ? Resolve(y, r, f, x) : r;', 'return r;'),
]


def run(cmd, timeout):
    t = time.time()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return p, time.time() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--count', type=int, default=20000)
    ap.add_argument('--only')
    args = ap.parse_args()
    for name, file, old, new in BUGS:
        if args.only and args.only not in name:
            continue
        path = os.path.join(LIB, file)
        original = open(path).read()
        assert original.count(old) == 1, (name, 'pattern not found exactly once')
        try:
            open(path, 'w').write(original.replace(old, new))
            b, _ = run(['dotnet', 'build', 'Verification/Verification.csproj', '-c', 'Release', '--nologo', '-v', 'q'], 600)
            b2, _ = run(['dotnet', 'build', 'Verification/Tools', '-c', 'Release', '--nologo', '-v', 'q'], 600)
            if b.returncode or b2.returncode:
                print('%s: BUILD FAILED' % name)
                continue
            try:
                t, tt = run(['dotnet', 'test', 'Verification/Verification.csproj', '-c', 'Release', '--no-build', '--nologo', '--filter', 'FullyQualifiedName~ReferenceNN.Verification.Elementary'], 900)
                failed = sorted(set(re.findall(r'Failed (ReferenceNN\.Verification\.Elementary\.[\w.]+)', t.stdout)))
                summary = [l.strip() for l in t.stdout.splitlines() if 'Failed:' in l and 'Passed:' in l]
            except subprocess.TimeoutExpired:
                failed, summary, tt = ['(timed out: a test never finished)'], [], 900
            try:
                m, mt = run([sys.executable, 'Verification/elementary_mpmath.py', '--no-build', '--count', str(args.count),
                             '--float-count', '2000'], 900)
                mism = [l.strip() for l in m.stdout.splitlines() if 'mismatches' in l and not l.startswith('total')]
                bad = [l for l in mism if not l.split(':')[-1].strip().startswith('0 mismatches')
                       and ' 0 mismatches' not in l]
            except subprocess.TimeoutExpired:
                bad, mt = ['(timed out)'], 900
            short = [f.replace('ReferenceNN.Verification.Elementary.', '') for f in failed]
            print('== %s (%s)' % (name, file))
            print('   xunit: %s; %d failing: %s' % (summary[0] if summary else '?', len(short), ', '.join(short) or 'none'))
            print('   mpmath (--count %d): %s' % (args.count, '; '.join(bad) if bad else 'no mismatch'), flush=True)
        finally:
            open(path, 'w').write(original)
    run(['dotnet', 'build', 'Verification/Verification.csproj', '-c', 'Release', '--nologo', '-v', 'q'], 600)
    run(['dotnet', 'build', 'Verification/Tools', '-c', 'Release', '--nologo', '-v', 'q'], 600)


if __name__ == '__main__':
    main()
