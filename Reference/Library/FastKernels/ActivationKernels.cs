using System;
using System.Runtime.CompilerServices;

namespace ReferenceNN.FastKernels;

/// <summary>
/// Fast kernels of the activation layer with tanh or the sigmoid, held bit for bit to
/// <see cref="Formulas.Tanh"/> and <see cref="Formulas.Sigmoid"/> (and the layer's ∂E/∂x_n = f′(x_n)·∂E/∂y_n) by tests
/// at every vector width. The exponentials and tanh come from <see cref="ElementaryKernels"/>, which gives the correctly
/// rounded value on every lane it decides; the formula's other operations follow on the same lanes, the same
/// operations in the same order, with no fused multiply-add. A lane whose exponential the vector code leaves undecided
/// is computed by the literal formula itself. Docs: docs/FastKernels/ActivationKernels.md.
/// </summary>
internal static class ActivationKernels
{
    /// <summary>y_n = <see cref="Formulas.Tanh.Function{T}"/>(x_n). Returns how many elements the scalar code computed.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int TanhForward(ReadOnlySpan<double> x, Span<double> y) => ElementaryKernels.Tanh(x, y);

    /// <summary>
    /// ∂E/∂x_n = <see cref="Formulas.Tanh.Derivative{T}"/>(x_n)·∂E/∂y_n: u = e^(−(2·|x|)), then 4u / ((1 + u)·(1 + u)),
    /// then the product. Returns how many elements the scalar code computed.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int TanhBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> outputError, Span<double> inputError) =>
        LaneMaps.Map<TanhBackwardFunction>(x, outputError, inputError, 1.0);

    /// <summary>
    /// y_n = <see cref="Formulas.Sigmoid.Function{T}"/>(x_n): 1 / (1 + e^(−x)) for x ≥ 0, e^x / (1 + e^x) otherwise.
    /// Returns how many elements the scalar code computed.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int SigmoidForward(ReadOnlySpan<double> x, Span<double> y) => LaneMaps.Map<SigmoidFunction>(x, y, 1.0);

    /// <summary>
    /// ∂E/∂x_n = <see cref="Formulas.Sigmoid.Derivative{T}"/>(x_n)·∂E/∂y_n: u = e^(−|x|), then u / ((1 + u)·(1 + u)),
    /// then the product. Returns how many elements the scalar code computed.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    internal static int SigmoidBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> outputError, Span<double> inputError) =>
        LaneMaps.Map<SigmoidBackwardFunction>(x, outputError, inputError, 1.0);

    private struct TanhBackwardFunction : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Lanes<TV>(TV x, TV dy, out uint undecided) where TV : struct, ILanes<TV>
        {
            TV u = ElementaryKernels.ExpLanes(-(TV.Create(2.0) * TV.Abs(x)), out undecided);
            TV onePlusU = TV.Create(1.0) + u;
            return TV.Create(4.0) * u / (onePlusU * onePlusU) * dy;
        }

        public static double Scalar(double x, double dy) => Formulas.Tanh.Derivative(x) * dy;
    }

    private struct SigmoidFunction : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Lanes<TV>(TV x, out uint undecided) where TV : struct, ILanes<TV>
        {
            TV nonNegative = TV.GreaterThanOrEqual(x, TV.Create(0.0));
            TV e = ElementaryKernels.ExpLanes(TV.Select(nonNegative, -x, x), out undecided);
            return TV.Select(nonNegative, TV.Create(1.0), e) / (TV.Create(1.0) + e);
        }

        public static double Scalar(double x) => Formulas.Sigmoid.Function(x);
    }

    private struct SigmoidBackwardFunction : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Lanes<TV>(TV x, TV dy, out uint undecided) where TV : struct, ILanes<TV>
        {
            TV u = ElementaryKernels.ExpLanes(-TV.Abs(x), out undecided);
            TV onePlusU = TV.Create(1.0) + u;
            return u / (onePlusU * onePlusU) * dy;
        }

        public static double Scalar(double x, double dy) => Formulas.Sigmoid.Derivative(x) * dy;
    }
}
