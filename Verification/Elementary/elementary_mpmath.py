#!/usr/bin/env python3
"""Checks ReferenceNN.Elementary bit for bit against mpmath, an independent arbitrary-precision library.

For each function (exp, expm1, log, log1p, tanh) it generates --count inputs (default 10^6) spread over the
whole domain, adds the special values and the published hard-to-round cases (Verification/worstcases/), runs
them through the C# library (Verification/Tools, its `elementary` command, batched through stdin), computes the correctly
rounded double with mpmath, and compares the bits. For exp and tanh the same inputs also go through the vectorised
kernels (Reference/Library/FastKernels/ElementaryKernels.cs, as one span, at every vector width the machine offers),
compared with the same mpmath results (--no-vector skips this). Any mismatch is printed and makes the exit status 1.

Correct rounding on the mpmath side: f(x) is evaluated at p bits (p = 256 first, plus the bits that a tiny
result or a result near 1 needs), taken to be within 2^-(p-10) relative of the exact value (mpmath's
elementary functions are accurate to a few ulps of the working precision), and both ends of that interval
are rounded to double by exact integer arithmetic (round to nearest, ties to even, on the subnormal grid
below 2^-1022, overflow to infinity at 2^1024). When the two ends differ, p is doubled (Ziv's strategy).
Special values follow IEEE 754 and are listed explicitly.

Usage: python3 Verification/elementary_mpmath.py [--count N] [--functions exp,log] [--jobs 2]
       [--seed 1] [--write-table Verification/Elementary/ElementaryCases.csv] [--no-vector]
Requires: python3-mpmath (apt-get install -y python3-mpmath) and the .NET SDK (Verification/Tools is built).
"""
import argparse
import math
import multiprocessing
import os
import random
import struct
import subprocess
import sys
import time

import mpmath
from mpmath import mp, mpf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FUNCTIONS = ['exp', 'expm1', 'log', 'log1p', 'tanh']
INF = float('inf')
NAN = float('nan')


# --- bits -------------------------------------------------------------------------------------------------
def f2b(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def b2f(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


def is_nan_bits(b):
    return (b >> 52) & 0x7FF == 0x7FF and (b & ((1 << 52) - 1)) != 0


# --- exact rounding of a dyadic rational sign·man·2^exp to double --------------------------------------------
def round_dyadic(sign, man, exp):
    """Bits of the double nearest to (-1)^sign·man·2^exp (man > 0 an integer), ties to even."""
    bc = man.bit_length()
    top = exp + bc - 1
    if top > 1023:
        return f2b(-INF if sign else INF)
    drop = bc - 53 if top >= -1022 else -1074 - exp
    if drop > bc + 1:
        q, qe = 0, 0  # below a quarter of the smallest subnormal
    elif drop <= 0:
        q, qe = man, exp
    else:
        q = man >> drop
        rest = man - (q << drop)
        half = 1 << (drop - 1)
        if rest > half or (rest == half and q & 1):
            q += 1
        qe = exp + drop
    if q == 0:
        return f2b(-0.0 if sign else 0.0)
    try:
        v = math.ldexp(q, qe)  # q <= 2^53: exact unless it overflows
    except OverflowError:
        v = INF
    return f2b(-v if sign else v)


def round_dyadic_single(sign, man, exp):
    """Bits of the float nearest to (-1)^sign·man·2^exp, ties to even (24 bits, subnormals below 2^-126)."""
    bc = man.bit_length()
    top = exp + bc - 1
    if top > 127:
        return 0xFF800000 if sign else 0x7F800000
    drop = bc - 24 if top >= -126 else -149 - exp
    if drop > bc + 1:
        q, qe = 0, 0
    elif drop <= 0:
        q, qe = man, exp
    else:
        q = man >> drop
        rest = man - (q << drop)
        half = 1 << (drop - 1)
        if rest > half or (rest == half and q & 1):
            q += 1
        qe = exp + drop
    if q == 0:
        return 0x80000000 if sign else 0
    try:
        v = math.ldexp(q, qe)
    except OverflowError:
        v = INF
    b = struct.unpack('<I', struct.pack('<f', v))[0] if abs(v) < 3.5e38 else 0x7F800000
    return b | (0x80000000 if sign else 0)


def round_mpf(v):
    sign, man, exp, _ = v._mpf_
    return round_dyadic(sign, man, exp)


# --- the functions at high precision ------------------------------------------------------------------------
with mp.workprec(400):  # Taylor coefficients (highest degree first) for tiny arguments, to 400 bits
    SERIES = {
        'expm1': [1 / mp.factorial(n + 1) for n in range(8, -1, -1)],
        'log1p': [mpf((-1) ** n) / (n + 1) for n in range(8, -1, -1)],
        'tanh': [mpf(62) / 2835, 0, -mpf(17) / 315, 0, mpf(2) / 15, 0, -mpf(1) / 3, 0, mpf(1)],
    }


def evaluate(name, x):
    """mpf value of f(x) at the current working precision, for finite x in the domain, f(x) != 0."""
    y = mpf(x)
    if name in ('expm1', 'log1p', 'tanh') and abs(x) < 2.0 ** -30:
        # Taylor series to x^9: the remainder is below |x|^10 < 2^-300 relative, and no high precision is
        # needed for tiny x (mpmath's own functions would be evaluated at about 1,100 bits for subnormal x).
        return y * mp.polyval(SERIES[name], y)
    if name == 'exp':
        return mp.exp(y)
    if name == 'expm1':
        # e^x - 1 with the working precision raised by max(0, -exponent(x)) + 64 bits (extra_bits), which
        # covers the cancellation; mpmath's own expm1 is about three times slower.
        return mp.exp(y) - 1
    if name == 'log':
        return mp.log(y)
    if name == 'log1p':
        return mp.log1p(y)
    return mp.tanh(y)


def extra_bits(name, x):
    """Precision that a tiny result, or cancellation inside mpmath, may cost."""
    e = math.frexp(x)[1] if x != 0 else 0
    if name in ('expm1', 'log1p', 'tanh') and abs(x) < 2.0 ** -30:
        return 64  # the series in evaluate() is accurate relative to x
    if name in ('expm1', 'log1p', 'tanh'):
        return max(0, -e) + 64
    if name == 'log':
        return 128
    return 64


def special(name, x):
    """IEEE 754 result for special inputs and exact cases, or None for the general case."""
    if math.isnan(x):
        return NAN
    # Far outside the interesting range the result is known without evaluation (and mpmath would be slow):
    # e^1000 > 2^1024, e^-1000 < 2^-1075, 1 - tanh(1000) < 2^-54, and e^-1000 - 1 rounds to -1.
    if name in ('exp', 'expm1') and 1000 <= x < INF:
        return INF
    if name == 'exp' and -INF < x <= -1000:
        return 0.0
    if name == 'expm1' and -INF < x <= -1000:
        return -1.0
    if name == 'tanh' and 1000 <= abs(x) < INF:
        return math.copysign(1.0, x)
    if name == 'exp':
        if x == INF:
            return INF
        if x == -INF:
            return 0.0
        if x == 0:
            return 1.0
    elif name == 'expm1':
        if x == INF:
            return INF
        if x == -INF:
            return -1.0
        if x == 0:
            return x  # keeps the sign of zero
    elif name == 'log':
        if x < 0:
            return NAN
        if x == 0:
            return -INF
        if x == INF:
            return INF
        if x == 1:
            return 0.0
    elif name == 'log1p':
        if x < -1:
            return NAN
        if x == -1:
            return -INF
        if x == INF:
            return INF
        if x == 0:
            return x
    elif name == 'tanh':
        if x == INF:
            return 1.0
        if x == -INF:
            return -1.0
        if x == 0:
            return x
    return None


def correctly_rounded(name, x, single=False):
    s = special(name, x)
    if s is not None:
        return struct.unpack('<I', struct.pack('<f', s))[0] if single else f2b(s)
    rounder = round_dyadic_single if single else round_dyadic
    p = 256
    while True:
        with mp.workprec(p + extra_bits(name, x)):
            v = evaluate(name, x)
        if v == 0:
            raise ValueError('zero result for %s(%r) at %d bits' % (name, x, p))
        sign, man, exp, bc = v._mpf_
        # |v - f(x)| <= 2^-(p-10)·|v| <= 2^(exp + bc - (p - 10)): widen the mantissa by 'pad' bits
        pad = max(0, p - bc)
        m = man << pad
        e = exp - pad
        err = 1 << max(0, (bc + pad) - (p - 10))
        lo = rounder(sign, m - err, e)
        hi = rounder(sign, m + err, e)
        if lo == hi:
            return lo
        p *= 2
        if p > 1 << 14:
            raise ValueError('no decision for %s(%r)' % (name, x))


def _worker(args):
    name, chunk = args
    return [correctly_rounded(name, x) for x in chunk]


def _worker_single(args):
    name, chunk = args
    return [correctly_rounded(name, x, single=True) for x in chunk]


# --- inputs ---------------------------------------------------------------------------------------------------
def neighbours(x, n):
    """x and the n doubles on each side of it (bit-pattern steps)."""
    b = f2b(x)
    out = []
    for k in range(-n, n + 1):
        c = b + k if x >= 0 else b - k
        if 0 <= c < (1 << 64):
            out.append(b2f(c))
    return out


def specials(name):
    tiny = b2f(1)
    common = [0.0, -0.0, INF, -INF, NAN, tiny, -tiny, b2f(0x000FFFFFFFFFFFFF), -b2f(0x000FFFFFFFFFFFFF),
              2.2250738585072014e-308, -2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
              1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 2.0 ** -54, -2.0 ** -54, 2.0 ** -53, -2.0 ** -53]
    extra = {
        'exp': [709.782712893384, 709.7827128933840, 709.7827128933841, 710.0, -708.3964185322641,
                -745.1332191019411, -745.1332191019412, -745.13321910194122, -744.4400719213812, -746.0, -745.0],
        'expm1': [709.782712893384, 710.0, -38.0, -37.42994775023705, 70.0, 2.0 ** -8, -2.0 ** -8],
        'log': [2.0 ** k for k in range(-1074, 1024, 37)] + [math.sqrt(2), math.sqrt(0.5)],
        'log1p': [-1.0, -0.9999999999999999, 2.0 ** -8, -2.0 ** -8, 1e300, -2.0],
        'tanh': [19.1, -19.1, 19.061547465398498, 2.0 ** -27, -2.0 ** -27, 2.0 ** -8, -2.0 ** -8, 1e300],
    }[name]
    if name in ('expm1', 'log1p', 'tanh'):   # powers of two: tiny results next to a binade boundary
        extra += [s * 2.0 ** -k for k in range(1, 61) for s in (1, -1)]
    if name == 'log':
        extra += [1 + s * 2.0 ** -k for k in range(1, 54) for s in (1, -1)]
    return common + extra


def in_domain(name, x):
    if math.isnan(x) or math.isinf(x):
        return False
    if name == 'exp':
        return -760 < x < 720
    if name == 'expm1':
        return -50 < x < 720
    if name == 'log':
        return x > 0
    if name == 'log1p':
        return x > -1
    return abs(x) < 25


def generate(name, count, rng):
    """count inputs: 40% random bit patterns in the domain, 30% uniform on the main range, 30% dense near
    interesting points; deterministic for a given seed."""
    xs = []
    n_bits = count * 4 // 10
    while len(xs) < n_bits:
        x = b2f(rng.getrandbits(64))
        if in_domain(name, x):
            xs.append(x)
    lo, hi = {'exp': (-746.0, 710.0), 'expm1': (-40.0, 710.0), 'log': (0.0, 4.0),
              'log1p': (-1.0, 4.0), 'tanh': (-5.0, 5.0)}[name]
    n_uniform = count * 3 // 10
    for _ in range(n_uniform):
        x = rng.uniform(lo, hi)
        if in_domain(name, x):
            xs.append(x)
    centres = {
        'exp': [0.0, 709.782712893384, -708.3964185322641, -745.1332191019411, -744.4400719213812,
                -709.089565712824, 2.0 ** -13, -2.0 ** -13],
        'expm1': [0.0, 2.0 ** -8, -2.0 ** -8, 70.0, -37.42994775023705, 709.782712893384, 1.0, -1.0],
        'log': [1.0, 2.0, 0.5, math.sqrt(2), math.sqrt(0.5), 1 + 1 / 256, 1 - 1 / 512, 2.2250738585072014e-308],
        'log1p': [0.0, -1.0, 2.0 ** -8, -2.0 ** -8, 1.0, -0.5, 2.0 ** -54, -2.0 ** -54],
        'tanh': [0.0, 2.0 ** -27, -2.0 ** -27, 2.0 ** -8, -2.0 ** -8, 19.061547465398498, -19.061547465398498, 0.5],
    }[name]
    n_dense = count - len(xs)
    for i in range(n_dense):
        c = centres[i % len(centres)]
        mode = rng.random()
        if mode < 0.5:   # within a few thousand ulps
            b = f2b(c) + rng.randint(-4000, 4000) * (1 if c >= 0 else -1)
            x = b2f(b % (1 << 64))
        else:            # relative offsets spread over many scales
            scale = max(abs(c), 2.0 ** -1000) * 2.0 ** -rng.randint(1, 60)
            x = c + rng.uniform(-scale, scale)
        if in_domain(name, x):
            xs.append(x)
        else:
            xs.append(c)
    return xs


def read_worst_cases(name):
    path = os.path.join(HERE, 'worstcases', name + '.txt')
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                out.append(float.fromhex(line))
    return out


# --- the C# side --------------------------------------------------------------------------------------------------
def runner_command():
    dll = os.path.join(ROOT, 'Verification', 'Tools', 'bin', 'Release', 'net10.0', 'Tools.dll')
    return ['dotnet', dll, 'elementary']


def build_runner():
    subprocess.run(['dotnet', 'build', os.path.join(ROOT, 'Verification', 'Tools'), '-c', 'Release', '--nologo', '-v', 'q'],
                   check=True, stdout=subprocess.DEVNULL)


def float_inputs(name, count, rng):
    """Float inputs for the float overloads: the exhaustive run's midpoint cases (Verification/float-midpoints.txt),
    float special values, and random float bit patterns in the domain."""
    out = []
    with open(os.path.join(HERE, 'float-midpoints.txt')) as f:
        current = None
        for line in f:
            if line.startswith('#'):
                continue
            if not line.startswith(' '):
                current = line.split(':')[0].strip()
            elif current == name and 'x = ' in line:
                out.append(int(line.split('x = ')[1].split()[0], 16))
    out += [0, 0x80000000, 0x7F800000, 0xFF800000, 1, 0x80000001, 0x3F800000, 0xBF800000, 0x7F7FFFFF, 0xFF7FFFFF]
    while len(out) < count:
        b = rng.getrandbits(32)
        x = struct.unpack('<f', struct.pack('<I', b))[0]
        if in_domain(name, x):
            out.append(b)
    return out


def run_library_single(name, bits):
    data = ''.join('%08x\n' % b for b in bits)
    out = subprocess.run(runner_command() + [name, 'float'], input=data, capture_output=True, text=True, check=True)
    return [int(line, 16) for line in out.stdout.split()]


def run_library(name, xs):
    data = ''.join('%016x\n' % f2b(x) for x in xs)
    out = subprocess.run(runner_command() + [name], input=data, capture_output=True, text=True, check=True)
    return [int(line, 16) for line in out.stdout.split()]


def run_library_vector(name, xs):
    """The vectorised kernel's results at each vector width: (widths, one list of result bits per width)."""
    data = ''.join('%016x\n' % f2b(x) for x in xs)
    out = subprocess.run(runner_command() + [name, 'vector'], input=data, capture_output=True, text=True, check=True)
    widths = [line.split()[1:] for line in out.stderr.splitlines() if line.startswith('widths ')][0]
    columns = list(zip(*[[int(b, 16) for b in line.split()] for line in out.stdout.splitlines() if line]))
    return widths, columns


def same(expected, got):
    if is_nan_bits(expected):
        return is_nan_bits(got)
    return expected == got


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--count', type=int, default=1_000_000, help='random inputs per function (default 10^6)')
    ap.add_argument('--functions', default=','.join(FUNCTIONS))
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--seed', type=int, default=20260101)
    ap.add_argument('--write-table', help='also write a table of cases (CSV) for the xunit tests')
    ap.add_argument('--table-random', type=int, default=400, help='random cases per function in the table')
    ap.add_argument('--float-count', type=int, default=20_000,
                    help='float inputs per function for the float overloads (default 20,000; 0 to skip)')
    ap.add_argument('--no-build', action='store_true')
    ap.add_argument('--no-vector', action='store_true',
                    help='skip the vectorised kernels (exp and tanh), which are otherwise checked on the same inputs')
    args = ap.parse_args()

    if not args.no_build:
        build_runner()
    names = [n for n in args.functions.split(',') if n]
    failures = 0
    table = []
    t_all = time.time()
    with multiprocessing.Pool(args.jobs) as pool:
        for name in names:
            t0 = time.time()
            rng = random.Random('%d-%s' % (args.seed, name))
            sp = specials(name)
            wc = read_worst_cases(name)
            wc_neg = [-x for x in wc] if name in ('tanh',) else []
            rnd = generate(name, args.count, rng)
            xs = sp + wc + wc_neg + rnd
            got = run_library(name, xs)
            t1 = time.time()
            chunks = [(name, xs[i:i + 2000]) for i in range(0, len(xs), 2000)]
            expected = [b for part in pool.map(_worker, chunks) for b in part]
            t2 = time.time()
            bad = [(x, e, g) for x, e, g in zip(xs, expected, got) if not same(e, g)]
            failures += len(bad)
            print('%-6s %8d inputs (%d special, %d hard cases): %d mismatches; C# %.1f s, mpmath %.1f s'
                  % (name, len(xs), len(sp), len(wc) + len(wc_neg), len(bad), t1 - t0, t2 - t1), flush=True)
            for x, e, g in bad[:10]:
                print('   MISMATCH %s(%s = %r): expected %016x (%r), got %016x (%r)'
                      % (name, float.hex(x), x, e, b2f(e), g, b2f(g)))
            if name in ('exp', 'tanh') and not args.no_vector:
                t4 = time.time()
                widths, columns = run_library_vector(name, xs)
                vbad = [(w, x, e, g) for w, column in zip(widths, columns)
                        for x, e, g in zip(xs, expected, column) if not same(e, g)]
                failures += len(vbad) + (0 if len(columns) == len(widths) and all(len(c) == len(xs) for c in columns) else 1)
                print('%-6s %8d inputs through the vector kernels at widths %s: %d mismatches; %.1f s'
                      % (name, len(xs), ','.join(widths), len(vbad), time.time() - t4), flush=True)
                for w, x, e, g in vbad[:10]:
                    print('   MISMATCH %s(%s) at width %s: expected %016x, got %016x' % (name, float.hex(x), w, e, g))
            if args.float_count:
                t3 = time.time()
                fb = float_inputs(name, args.float_count, rng)
                fx = [struct.unpack('<f', struct.pack('<I', b))[0] for b in fb]
                fgot = run_library_single(name, fb)
                fchunks = [(name, fx[i:i + 2000]) for i in range(0, len(fx), 2000)]
                fexp = [b for part in pool.map(_worker_single, fchunks) for b in part]
                fbad = [(b, e, g) for b, e, g in zip(fb, fexp, fgot)
                        if not ((e & 0x7FFFFFFF) > 0x7F800000 and (g & 0x7FFFFFFF) > 0x7F800000) and e != g]
                failures += len(fbad)
                print('%-6s %8d float inputs (the exhaustive run\'s midpoint cases first): %d mismatches; %.1f s'
                      % (name, len(fb), len(fbad), time.time() - t3), flush=True)
                for b, e, g in fbad[:10]:
                    print('   MISMATCH %s(float %08x): expected %08x, got %08x' % (name, b, e, g))
            if args.write_table:
                kinds = [('special', sp), ('hard', wc + wc_neg)]
                picks = rnd[:]
                random.Random(args.seed).shuffle(picks)
                kinds.append(('random', picks[:args.table_random]))
                index = {f2b(x): b for x, b in zip(xs, expected)}
                for kind, values in kinds:
                    for x in values:
                        table.append((name, kind, f2b(x), index[f2b(x)]))
    print('total %.1f s, %d mismatches' % (time.time() - t_all, failures))
    if args.write_table:
        with open(args.write_table, 'w') as f:
            f.write('# function,kind,input bits,expected bits (correctly rounded by mpmath %s; generated by\n'
                    '# python3 Verification/elementary_mpmath.py --count %d --seed %d --write-table <this file>)\n'
                    % (mpmath.__version__, args.count, args.seed))
            for name, kind, xb, eb in table:
                f.write('%s,%s,%016x,%016x\n' % (name, kind, xb, eb))
        print('wrote %d cases to %s' % (len(table), args.write_table))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
