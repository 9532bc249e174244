using System;
using System.Collections.Generic;
using System.Numerics;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using F = ReferenceNN.Formulas;

namespace ReferenceNN.Oracle;

/// <summary>A case's output, loss and every gradient, in the number type T.</summary>
/// <typeparam name="T">The number type the formulas ran in.</typeparam>
/// <param name="Output">Y of the last layer.</param>
/// <param name="Loss">E.</param>
/// <param name="InputGradient">∂E/∂X of the first layer.</param>
/// <param name="WeightsGradients">∂E/∂W of each layer, null for a layer without parameters.</param>
/// <param name="BiasGradients">∂E/∂B of each layer, null for a layer without parameters.</param>
public sealed record FormulaResult<T>(T[] Output, T Loss, T[] InputGradient, IReadOnlyList<T[]?> WeightsGradients, IReadOnlyList<T[]?> BiasGradients);

/// <summary>
/// Sees, and may change, each tensor <see cref="FormulaNetwork"/> computes, right after it is computed: the float32
/// verdict's number type uses it to seal each stored tensor and to widen a bound where a float32 implementation may
/// take another branch (a kink, a max-pool tie) or another textbook form of a derivative (docs/Oracle/Float32Reference.md).
/// </summary>
/// <typeparam name="T">The number type of the evaluation.</typeparam>
internal interface IFormulaObserver<T>
{
    /// <summary>After layer n's forward pass: its input X, output Y, and for a max pooling the argmax of each window.</summary>
    void Forward(int n, Layer layer, T[] input, T[] output, int[] argmax);

    /// <summary>After the loss: E and ∂E/∂Y of the last layer.</summary>
    void Loss(Loss loss, T[] target, T[] output, ref T value, T[] outputError);

    /// <summary>After layer n's backward pass: X, Y, ∂E/∂Y, ∂E/∂X, and ∂E/∂W and ∂E/∂B (null for a layer without parameters).</summary>
    void Backward(int n, Layer layer, T[] input, T[] output, T[] outputError, T[] inputError, T[]? weightsError, T[]? biasError, int[] argmax);
}

/// <summary>
/// A case's network evaluated directly with the literal formulas (namespace <c>ReferenceNN.Formulas</c>) in any
/// number type with the arithmetic, comparisons and elementary functions the formulas use: every weight, bias, mask,
/// input and target is converted to T (<c>T.CreateTruncating</c>: for float, rounded to nearest), and every
/// operation of forward, loss and backward is carried out in T, in the formulas' order. For T = double this is exactly
/// what <see cref="OracleResult.Compute"/> computes through the layers (a test holds the two bit for bit); for
/// T = float it is what a float32 implementation that follows the formulas computes; for the float32 verdict's
/// <see cref="Float32Estimate"/> it carries a bound on what any float32 implementation may compute
/// (docs/Oracle/Float32Reference.md). Layers compute in their mode: a dropout layer applies its mask only when training.
/// </summary>
public static class FormulaNetwork
{
    /// <summary>Forward, loss and backward of the case in T.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="oracleCase"/> is null.</exception>
    /// <exception cref="NotSupportedException">A layer, activation or loss the formulas do not cover (a user-defined one).</exception>
    public static FormulaResult<T> Evaluate<T>(OracleCase oracleCase)
        where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T> =>
        Evaluate<T>(oracleCase, null);

    /// <summary>Forward, loss and backward of the case in T, with <paramref name="observer"/> called after each step.</summary>
    internal static FormulaResult<T> Evaluate<T>(OracleCase oracleCase, IFormulaObserver<T>? observer)
        where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        int count = oracleCase.Layers.Count;
        var inputs = new T[count + 1][];
        T[] activation = Convert<T>(oracleCase.Input);
        var argmax = new int[count][];
        for (int n = 0; n < count; n++)
        {
            inputs[n] = activation;
            Layer layer = oracleCase.Layers[n].Layer;
            var output = new T[layer.OutputShape.Size];
            Forward(layer, activation, output, out argmax[n]);
            observer?.Forward(n, layer, activation, output, argmax[n]);
            activation = output;
        }
        inputs[count] = activation;
        T[] target = Convert<T>(oracleCase.Target);
        T loss = LossValue(oracleCase.Loss, target, activation);
        var error = new T[activation.Length];
        LossDerivative(oracleCase.Loss, target, activation, error);
        observer?.Loss(oracleCase.Loss, target, activation, ref loss, error);
        var weights = new T[]?[count];
        var biases = new T[]?[count];
        for (int n = count - 1; n >= 0; n--)
        {
            Layer layer = oracleCase.Layers[n].Layer;
            var inputError = new T[layer.InputShape.Size];
            (weights[n], biases[n]) = Backward(layer, inputs[n], error, inputError, argmax[n]);
            observer?.Backward(n, layer, inputs[n], inputs[n + 1], error, inputError, weights[n], biases[n], argmax[n]);
            error = inputError;
        }
        return new FormulaResult<T>(activation, loss, error, weights, biases);
    }

    private static void Forward<T>(Layer layer, T[] x, T[] y, out int[] argmax) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        argmax = [];
        switch (layer)
        {
            case FullyConnected fc:
                F.FullyConnected.Forward<T>(x, Convert<T>(fc.Weights), Convert<T>(fc.Bias), y);
                break;
            case Convolution conv:
                F.Convolution.Forward<T>(x, conv.InputShape, Convert<T>(conv.Weights), conv.Weights.Shape, Convert<T>(conv.Bias), y);
                break;
            case MaxPooling pool:
                argmax = new int[y.Length];
                F.MaxPooling.Forward<T>(x, pool.InputShape, pool.PoolHeight, pool.PoolWidth, pool.StrideHeight, pool.StrideWidth, y, argmax);
                break;
            case Flatten:
                F.Flatten.Forward<T>(x, y);
                break;
            case Dropout dropout when dropout.IsTraining:
                F.Dropout.Forward<T>(x, Convert<T>(dropout.Mask), T.CreateTruncating(dropout.Rate), y);
                break;
            case Dropout:
                x.AsSpan().CopyTo(y);
                break;
            case Softmax:
                F.Softmax.Forward<T>(x, y);
                break;
            case ActivationLayer a:
                for (int n = 0; n < x.Length; n++) y[n] = Function(a.Activation, x[n]);
                break;
            default:
                throw new NotSupportedException($"FormulaNetwork: no formulas for {layer.Name}.");
        }
    }

    private static (T[]? Weights, T[]? Bias) Backward<T>(Layer layer, T[] x, T[] dy, T[] dx, int[] argmax) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        switch (layer)
        {
            case FullyConnected fc:
            {
                T[] dw = new T[fc.Weights.Length], db = new T[fc.Bias.Length];
                F.FullyConnected.InputError<T>(dy, Convert<T>(fc.Weights), dx);
                F.FullyConnected.WeightsError<T>(x, dy, dw);
                F.FullyConnected.BiasError<T>(dy, db);
                return (dw, db);
            }
            case Convolution conv:
            {
                T[] dw = new T[conv.Weights.Length], db = new T[conv.Bias.Length];
                F.Convolution.BiasError<T>(dy, conv.OutputShape[0], conv.OutputShape[1], db);
                F.Convolution.WeightsError<T>(x, conv.InputShape, dy, conv.Weights.Shape, dw);
                F.Convolution.InputError<T>(dy, Convert<T>(conv.Weights), conv.Weights.Shape, conv.InputShape, dx);
                return (dw, db);
            }
            case MaxPooling:
                F.MaxPooling.InputError<T>(dy, argmax, dx);
                break;
            case Flatten:
                F.Flatten.InputError<T>(dy, dx);
                break;
            case Dropout dropout when dropout.IsTraining:
                F.Dropout.InputError<T>(dy, Convert<T>(dropout.Mask), T.CreateTruncating(dropout.Rate), dx);
                break;
            case Dropout:
                dy.AsSpan().CopyTo(dx);
                break;
            case Softmax:
            {
                var y = new T[x.Length];
                F.Softmax.Forward<T>(x, y);
                F.Softmax.InputError<T>(y, dy, dx);
                break;
            }
            default:
                Activation f = ((ActivationLayer)layer).Activation;
                for (int n = 0; n < x.Length; n++) dx[n] = Derivative(f, x[n]) * dy[n];
                break;
        }
        return (null, null);
    }

    private static T Function<T>(Activation f, T x) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T> => f switch
    {
        Tanh => F.Tanh.Function(x),
        Sigmoid => F.Sigmoid.Function(x),
        ReLU => F.ReLU.Function(x),
        LeakyReLU leaky => F.LeakyReLU.Function(x, T.CreateTruncating(leaky.Alpha)),
        Softplus => F.Softplus.Function(x),
        _ => throw new NotSupportedException($"FormulaNetwork: no formulas for the activation {f.Name}."),
    };

    private static T Derivative<T>(Activation f, T x) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T> => f switch
    {
        Tanh => F.Tanh.Derivative(x),
        Sigmoid => F.Sigmoid.Derivative(x),
        ReLU => F.ReLU.Derivative(x),
        LeakyReLU leaky => F.LeakyReLU.Derivative(x, T.CreateTruncating(leaky.Alpha)),
        _ => F.Softplus.Derivative(x),
    };

    private static T LossValue<T>(Loss loss, T[] target, T[] output) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T> => loss switch
    {
        MeanSquaredError => F.MeanSquaredError.Value<T>(target, output),
        BinaryCrossEntropy => F.BinaryCrossEntropy.Value<T>(target, output),
        CrossEntropy => F.CrossEntropy.Value<T>(target, output),
        _ => throw new NotSupportedException($"FormulaNetwork: no formulas for the loss {loss.Name}."),
    };

    private static void LossDerivative<T>(Loss loss, T[] target, T[] output, T[] error) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        switch (loss)
        {
            case MeanSquaredError: F.MeanSquaredError.Derivative<T>(target, output, error); break;
            case BinaryCrossEntropy: F.BinaryCrossEntropy.Derivative<T>(target, output, error); break;
            default: F.CrossEntropy.Derivative<T>(target, output, error); break;
        }
    }

    /// <summary>The tensor's elements, each rounded to the nearest T.</summary>
    internal static T[] Convert<T>(Tensor tensor) where T : INumberBase<T>, IComparisonOperators<T, T, bool>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        var values = new T[tensor.Length];
        for (int n = 0; n < values.Length; n++) values[n] = T.CreateTruncating(tensor.Span[n]);
        return values;
    }
}
