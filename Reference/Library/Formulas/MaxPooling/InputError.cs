using System;
using System.Numerics;

namespace ReferenceNN.Formulas;

public static partial class MaxPooling
{
    /// <summary>
    /// <c>∂E/∂x[n] = Σ ∂E/∂y[o]</c> over the outputs o whose window's maximum is at input position n (argmax[o] = n),
    /// and 0 where no window takes its maximum. ∂E/∂X starts at zero and the outputs are visited in order.
    /// </summary>
    /// <exception cref="ArgumentException">argmax and outputError differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argmax position is outside inputError.</exception>
    public static void InputError<T>(ReadOnlySpan<T> outputError, ReadOnlySpan<int> argmax, Span<T> inputError)
        where T : INumberBase<T>
    {
        const string operation = "MaxPooling.InputError";
        Require.Length(operation, nameof(argmax), argmax.Length, outputError.Length, "∂E/∂Y");
        for (int o = 0; o < argmax.Length; o++)
        {
            if ((uint)argmax[o] >= (uint)inputError.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(argmax), argmax[o],
                    $"{operation}: argmax[{o}] is {argmax[o]}, outside ∂E/∂X's {inputError.Length} elements.");
            }
        }
        inputError.Clear();
        for (int o = 0; o < outputError.Length; o++)
        {
            inputError[argmax[o]] += outputError[o];
        }
    }
}
