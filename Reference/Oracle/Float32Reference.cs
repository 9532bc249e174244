using System;
using System.Collections.Generic;
using System.Linq;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Oracle;

/// <summary>One tensor of the float32 reference: for each element, what a float32 result is held to.</summary>
/// <param name="Name">The tensor's name in the result file, e.g. <c>layers[0].weightsGradient</c>.</param>
/// <param name="Reference">The double reference (what <c>refnn grad</c> prints, bit for bit).</param>
/// <param name="Bound">
/// How far a correct float32 implementation may be from the reference: the smaller of <paramref name="RoundingBound"/>
/// and the plausible bound <see cref="Float32Reference.SpreadFactor"/>·<paramref name="Spread"/> +
/// <see cref="Float32Reference.FinalRoundings"/>·u·|reference| + <paramref name="Deviation"/> (docs/Oracle/Float32Reference.md).
/// </param>
/// <param name="RoundingBound">The worst-case running error bound <see cref="Float32Estimate.Bound"/> carried to the element.</param>
/// <param name="Spread">The root-mean-square distance of the randomly rounded float32 lanes from the reference (<see cref="Float32Estimate.Spread"/>).</param>
/// <param name="Deviation">How far another branch (a kink, a tie) or another textbook form of a derivative can move the element (<see cref="Float32Estimate.Deviation"/>).</param>
/// <param name="Float32">The element as the formulas compute it in float, rounding to nearest (<see cref="FormulaNetwork.Evaluate{T}(OracleCase)"/>), widened: one float32 implementation, for comparison; not part of the bound.</param>
public sealed record Float32Tensor(string Name, double[] Reference, double[] Bound, double[] RoundingBound, double[] Spread, double[] Deviation, double[] Float32)
{
    /// <summary>
    /// Whether element <paramref name="n"/> can be told from zero in float32: its bound is below its own size (or is
    /// the floor <see cref="Float32Reference.SmallestNormal"/> every bound has, or the reference is not finite). When not, any float32 value within the bound — zero, the opposite sign —
    /// is as right as the reference.
    /// </summary>
    public bool Resolvable(int n) => Bound[n] < Math.Abs(Reference[n]) || Bound[n] <= Float32Reference.SmallestNormal || !double.IsFinite(Reference[n]);
}

/// <summary>
/// The float32 verdict's reference (docs/Oracle/Float32Reference.md): the case evaluated with the literal formulas in
/// <see cref="Float32Estimate"/>, which carries with each element its double value (the reference), a worst-case
/// running error bound, <see cref="Float32Estimate.LaneCount"/> float32 evaluations with random rounding, and the
/// deviation other branches and textbook forms allow; combined into one bound per element.
/// </summary>
public sealed class Float32Reference
{
    /// <summary>
    /// The plausible bound allows this many standard deviations of the randomly rounded lanes. Random rounding errs by
    /// about twice what rounding to nearest does (variance ulp²/3 against ulp²/12 per operation), so this is about 20
    /// standard deviations of a round-to-nearest implementation that sums in the formulas' order.
    /// </summary>
    public const double SpreadFactor = 10;

    /// <summary>The plausible bound allows this many roundings of the element itself, u·|reference| each (an element whose lanes happen to agree, a float32 exp or tanh a few ulps off).</summary>
    public const double FinalRoundings = 8;

    private Float32Reference(IReadOnlyList<Float32Tensor> tensors) => Tensors = tensors;

    /// <summary>Every tensor of the result, in the result file's order.</summary>
    public IReadOnlyList<Float32Tensor> Tensors { get; }

    /// <summary>Evaluates the case in <see cref="Float32Estimate"/> (and, for comparison, in float) and derives each element's bound.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="oracleCase"/> is null.</exception>
    /// <exception cref="NotSupportedException">A layer, activation or loss the formulas do not cover.</exception>
    public static Float32Reference Compute(OracleCase oracleCase)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        int count = oracleCase.Layers.Count;
        List<Form> forms = FormsOf(oracleCase);
        var evaluations = forms.Select(f => Named(FormulaNetwork.Evaluate(oracleCase, new Observer(count, f))).ToList()).ToList();
        List<(string Name, float[] Values)> single = Named(FormulaNetwork.Evaluate<float>(oracleCase)).ToList();
        var tensors = new List<Float32Tensor>();
        for (int t = 0; t < single.Count; t++)
        {
            Float32Estimate[] literal = evaluations[0][t].Values;
            int length = literal.Length;
            double[] reference = new double[length], bound = new double[length], rounding = new double[length], spread = new double[length], deviation = new double[length], widened = new double[length];
            for (int n = 0; n < length; n++)
            {
                Float32Estimate x = literal[n];
                double r = x.Value, s = Float32Estimate.Spread(x), branches = x.Deviation, textbook = 0, formsBound = 0;
                for (int v = 1; v < evaluations.Count; v++)
                {
                    // Another textbook form: the distance of its double value, its own rounding (lanes, running bound).
                    Float32Estimate y = evaluations[v][t].Values[n];
                    double distance = Math.Abs(y.Value - r);
                    textbook += double.IsNaN(distance) ? double.PositiveInfinity : distance;
                    formsBound += y.Bound + (double.IsNaN(distance) ? double.PositiveInfinity : distance);
                    s = Math.Max(s, Float32Estimate.Spread(y));
                    branches = Math.Max(branches, y.Deviation);
                }
                reference[n] = r;
                rounding[n] = x.Bound + formsBound;
                spread[n] = s;
                deviation[n] = branches + textbook;
                widened[n] = single[t].Values[n];
                double plausible = SpreadFactor * s + FinalRoundings * Float32Estimate.UnitRoundoff * Math.Abs(r) + deviation[n] + SmallestNormal;
                bound[n] = Math.Max(Math.Min(rounding[n], plausible), SmallestNormal);
            }
            tensors.Add(new Float32Tensor(single[t].Name, reference, bound, rounding, spread, deviation, widened));
        }
        return new Float32Reference(tensors);
    }

    /// <summary>2⁻¹²⁶, float's smallest normal number: below it an implementation may flush to zero or lose digits (a 1/(1 + eˣ) that overflows).</summary>
    public static readonly double SmallestNormal = Math.ScaleB(1.0, -126);

    /// <summary>
    /// The textbook forms a float32 implementation may compute a derivative in, each evaluated over the whole network
    /// (an implementation uses one form throughout): each that the case's layers and loss use, after the literal one.
    /// </summary>
    internal enum Form
    {
        /// <summary>The formulas as written.</summary>
        Literal,

        /// <summary>tanh′ = 1 − y².</summary>
        Tanh,

        /// <summary>σ′ = y(1 − y).</summary>
        Sigmoid,

        /// <summary>The softmax's ∂E/∂X as y ⊙ (g − ⟨y, g⟩).</summary>
        Softmax,

        /// <summary>Softmax and cross-entropy fused: ∂E/∂X = y·Σt − t.</summary>
        FusedCrossEntropy,

        /// <summary>Binary cross-entropy's ∂E/∂Y as (y − t)/(y(1 − y))/n, also where t is 0 or 1.</summary>
        BinaryCrossEntropy,
    }

    /// <summary>How many times <see cref="Compute"/> evaluates the case: the literal formulas and each textbook form it uses.</summary>
    internal static int EvaluationsOf(OracleCase c) => FormsOf(c).Count;

    private static List<Form> FormsOf(OracleCase c)
    {
        var forms = new List<Form> { Form.Literal };
        IEnumerable<Layer> layers = c.Layers.Select(l => l.Layer);
        if (layers.Any(l => l is ActivationLayer { Activation: Tanh })) forms.Add(Form.Tanh);
        if (layers.Any(l => l is ActivationLayer { Activation: Sigmoid })) forms.Add(Form.Sigmoid);
        if (layers.Any(l => l is Softmax)) forms.Add(Form.Softmax);
        if (c.Layers[^1].Layer is Softmax && c.Loss is CrossEntropy) forms.Add(Form.FusedCrossEntropy);
        if (c.Loss is BinaryCrossEntropy) forms.Add(Form.BinaryCrossEntropy);
        return forms;
    }

    /// <summary>The tensors of an evaluation by their result-file names, in the result file's order.</summary>
    private static IEnumerable<(string Name, T[] Values)> Named<T>(FormulaResult<T> result)
    {
        yield return ("output", result.Output);
        yield return ("loss", [result.Loss]);
        yield return ("inputGradient", result.InputGradient);
        for (int n = 0; n < result.WeightsGradients.Count; n++)
        {
            if (result.WeightsGradients[n] is not { } weights) continue;
            yield return ($"layers[{n}].weightsGradient", weights);
            yield return ($"layers[{n}].biasGradient", result.BiasGradients[n]!);
        }
    }

    /// <summary>
    /// Seals each stored tensor (its elements become new terms of any later sum), and widens a bound where a float32
    /// implementation may take the other side of a kink or a max-pool tie, or compute a derivative in another textbook
    /// form: tanh′ as 1 − y², σ′ as y(1 − y), the softmax's backward as y ⊙ (g − ⟨y, g⟩), softmax with cross-entropy
    /// fused as y·Σt − t, and binary cross-entropy's derivative as (y − t)/(y(1 − y)).
    /// </summary>
    private sealed class Observer : IFormulaObserver<Float32Estimate>
    {
        private static readonly Float32Estimate ExactZero = Float32Estimate.Input(0);
        private readonly int _layers;
        private readonly Form _form;
        private readonly Dictionary<int, List<(int Output, int Other)>> _ties = [];
        private Loss? _loss;
        private Float32Estimate[] _target = [];

        public Observer(int layers, Form form)
        {
            _layers = layers;
            _form = form;
        }

        public void Forward(int n, Layer layer, Float32Estimate[] input, Float32Estimate[] output, int[] argmax)
        {
            if (layer is ActivationLayer { Activation: ReLU or LeakyReLU } activation)
            {
                for (int i = 0; i < input.Length; i++)
                {
                    if (!OnKink(input[i])) continue;
                    // The other side of the kink: x itself, or 0 (α·x for the leaky one).
                    Float32Estimate other = input[i].Value > 0
                        ? (activation.Activation is LeakyReLU leaky ? Float32Estimate.Input(leaky.Alpha) * input[i] : ExactZero)
                        : input[i];
                    output[i] = Float32Estimate.Widen(output[i], other);
                }
            }
            if (layer is MaxPooling pool) _ties[n] = Ties(pool, input, output, argmax);
            Seal(output);
        }

        public void Loss(Loss loss, Float32Estimate[] target, Float32Estimate[] output, ref Float32Estimate value, Float32Estimate[] outputError)
        {
            _loss = loss;
            _target = target;
            if (loss is BinaryCrossEntropy && _form == Form.BinaryCrossEntropy)
            {
                Float32Estimate count = Float32Estimate.CreateChecked(output.Length);
                for (int i = 0; i < output.Length; i++)
                {
                    Float32Estimate y = output[i], t = target[i];
                    outputError[i] = (y - t) / (y * (Float32Estimate.One - y)) / count;
                }
            }
            value = Float32Estimate.Stored(value);
            Seal(outputError);
        }

        public void Backward(int n, Layer layer, Float32Estimate[] input, Float32Estimate[] output, Float32Estimate[] outputError,
            Float32Estimate[] inputError, Float32Estimate[]? weightsError, Float32Estimate[]? biasError, int[] argmax)
        {
            switch (layer)
            {
                case ActivationLayer { Activation: Tanh } when _form == Form.Tanh:
                    for (int i = 0; i < input.Length; i++)
                    {
                        Float32Estimate y = output[i];
                        inputError[i] = (Float32Estimate.One - y * y) * outputError[i];
                    }
                    break;
                case ActivationLayer { Activation: Sigmoid } when _form == Form.Sigmoid:
                    for (int i = 0; i < input.Length; i++)
                    {
                        Float32Estimate y = output[i];
                        inputError[i] = y * (Float32Estimate.One - y) * outputError[i];
                    }
                    break;
                case ActivationLayer { Activation: ReLU or LeakyReLU } activation:
                    for (int i = 0; i < input.Length; i++)
                    {
                        if (!OnKink(input[i])) continue;
                        double otherSlope = input[i].Value > 0 ? (activation.Activation as LeakyReLU)?.Alpha ?? 0 : 1;
                        inputError[i] = Float32Estimate.Widen(inputError[i], Float32Estimate.Input(otherSlope) * outputError[i]);
                    }
                    break;
                case Softmax:
                    SoftmaxVariants(output, outputError, inputError, last: n == _layers - 1);
                    break;
                case MaxPooling:
                    foreach ((int o, int other) in _ties[n])
                    {
                        // The window's gradient may go to the other candidate instead of the first maximum.
                        int best = argmax[o];
                        inputError[best] = Float32Estimate.Widen(inputError[best], inputError[best] - outputError[o]);
                        inputError[other] = Float32Estimate.Widen(inputError[other], inputError[other] + outputError[o]);
                    }
                    break;
            }
            Seal(inputError);
            if (weightsError is not null) Seal(weightsError);
            if (biasError is not null) Seal(biasError);
        }

        private void SoftmaxVariants(Float32Estimate[] y, Float32Estimate[] g, Float32Estimate[] inputError, bool last)
        {
            if (_form == Form.Softmax)
            {
                Float32Estimate dot = Float32Estimate.Zero;
                for (int l = 0; l < y.Length; l++) dot += y[l] * g[l];
                for (int i = 0; i < y.Length; i++) inputError[i] = y[i] * (g[i] - dot);
            }
            if (_form != Form.FusedCrossEntropy || !last || _loss is not CrossEntropy) return;
            Float32Estimate total = Float32Estimate.Zero;
            foreach (Float32Estimate t in _target) total += t;
            for (int i = 0; i < y.Length; i++) inputError[i] = y[i] * total - _target[i];
        }

        /// <summary>Whether float32 may see x on the other side of 0: its plausible error reaches across.</summary>
        private static bool OnKink(Float32Estimate x) => Math.Abs(x.Value) <= Plausible(x);

        /// <summary>How far float32 plausibly puts x: the bound of <see cref="Compute"/> for one evaluation.</summary>
        internal static double Plausible(Float32Estimate x) =>
            Math.Max(Math.Min(x.Bound, SpreadFactor * Float32Estimate.Spread(x) + FinalRoundings * Float32Estimate.UnitRoundoff * Math.Abs(x.Value) + x.Deviation), SmallestNormal);

        /// <summary>
        /// The windows whose maximum float32 may find elsewhere: another element within both plausible errors of the first
        /// maximum. Each output is widened to cover that element.
        /// </summary>
        private static List<(int Output, int Other)> Ties(MaxPooling pool, Float32Estimate[] input, Float32Estimate[] output, int[] argmax)
        {
            var ties = new List<(int, int)>();
            int rows = pool.OutputShape[0], columns = pool.OutputShape[1], depth = pool.OutputShape[2], width = pool.InputShape[1];
            for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            for (int d = 0; d < depth; d++)
            {
                int o = (r * columns + c) * depth + d, best = argmax[o];
                double lowest = input[best].Value - Plausible(input[best]); // the least float32 plausibly makes the maximum
                for (int a = 0; a < pool.PoolHeight; a++)
                for (int b = 0; b < pool.PoolWidth; b++)
                {
                    int position = ((r * pool.StrideHeight + a) * width + c * pool.StrideWidth + b) * depth + d;
                    Float32Estimate x = input[position];
                    if (position == best || x.Value + Plausible(x) < lowest) continue;
                    ties.Add((o, position));
                    output[o] = Float32Estimate.Widen(output[o], x);
                }
            }
            return ties;
        }

        private static void Seal(Float32Estimate[] values)
        {
            for (int i = 0; i < values.Length; i++) values[i] = Float32Estimate.Stored(values[i]);
        }
    }
}
