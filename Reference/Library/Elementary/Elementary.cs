namespace ReferenceNN;

/// <summary>
/// Correctly rounded elementary functions: <see cref="Exp(double)"/>, <see cref="ExpM1(double)"/>,
/// <see cref="Log(double)"/>, <see cref="Log1P(double)"/> and <see cref="Tanh(double)"/>, and their float
/// overloads. Each returns, for every input, the floating-point number nearest to the exact mathematical
/// value (ties to even), with the IEEE 754 special values. Each is a fast path in double-double arithmetic
/// with a rigorous error bound and Ziv's rounding test, and a slow path in exact big-integer arithmetic when
/// the test fails. Pure functions: no mutable state, thread-safe, allocation-free on the fast path.
/// The method and its error analysis are in docs/Elementary/.
/// </summary>
public static partial class Elementary
{
}
