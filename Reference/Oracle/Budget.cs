using System;
using System.Collections.Generic;
using System.Globalization;

namespace ReferenceNN.Oracle;

/// <summary>The command a case is read for, which decides the work it will need (see <see cref="CaseCost"/>).</summary>
internal enum CaseCommand
{
    /// <summary>Only reading: no work is estimated.</summary>
    None,

    /// <summary><c>refnn grad</c> and <c>refnn check</c>: one step, and writing (or comparing) every gradient.</summary>
    Grad,

    /// <summary><c>refnn train</c>: epochs × samples steps.</summary>
    Train,

    /// <summary><c>refnn gradcheck</c>: finite differences of every input and parameter element.</summary>
    GradCheck,
}

/// <summary>
/// The memory and work a case needs, counted while it is read — before any large buffer is allocated — and held to
/// its <see cref="Oracle.Limits"/>. Every refusal is a <see cref="CaseFileException"/> naming the file and the field
/// at which the total went over, with both numbers. Sizes are doubles, so no count can wrap. The work of the
/// <see cref="Command"/> is estimated from the sizes read so far after every layer and before every parameter
/// tensor is allocated: the estimate only grows as more is read, so a case is refused as soon as what it has shown
/// already costs too much, not after it has all been read. Docs: docs/Oracle/Budget.md.
/// </summary>
internal sealed class Budget
{
    /// <summary>The bytes of one element of a tensor.</summary>
    public const double BytesPerValue = sizeof(double);

    /// <summary>The operations any layer costs per pass, however small it is (the call and loop overheads).</summary>
    public const double LayerOverhead = 32;

    /// <summary>
    /// The operations writing one number of output costs: formatting it as the shortest text that reads back to the
    /// same double takes about as long as 200 multiply-adds (measured: 134 million gradient values took 30 s to write).
    /// </summary>
    public const double OutputOverhead = 200;

    /// <summary>
    /// The operations one element costs in a pass that strides through a buffer too large for the cache (more than
    /// <see cref="CacheValues"/>): a convolution with several output channels, a max pooling over several input
    /// channels. Measured: a convolution to 2.4e7 values took 70–150 ns per value per pass.
    /// </summary>
    public const double StridedOverhead = 40;

    /// <summary>Buffers of up to this many values (1 MiB) are taken to stay in the cache.</summary>
    public const double CacheValues = 1 << 17;

    public Budget(Limits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
    }

    /// <summary>The limits held to.</summary>
    public Limits Limits { get; }

    /// <summary>The command whose work is estimated as the case is read; <see cref="CaseCommand.None"/> for none.</summary>
    public CaseCommand Command { get; init; }

    /// <summary>The bytes charged so far.</summary>
    public double MemoryBytes { get; private set; }

    /// <summary>The sizes and work of the case read so far.</summary>
    public CaseCost Cost { get; } = new();

    /// <summary>The files read under this budget (a case and its .npy files), as their paths were given.</summary>
    public List<string> Files { get; } = [];

    /// <summary>
    /// Adds <paramref name="bytes"/> to the memory needed; refuses if the total passes <see cref="Limits.MaxMemoryBytes"/>.
    /// </summary>
    /// <exception cref="CaseFileException">The total is over the limit.</exception>
    public void Charge(double bytes, string file, string field)
    {
        MemoryBytes += bytes;
        if (MemoryBytes > Limits.MaxMemoryBytes)
        {
            throw new CaseFileException(file, field,
                $"the case needs at least {Whole(MemoryBytes)} bytes ({Limits.FormatBytes(MemoryBytes)}) of memory by here, " +
                $"more than --max-memory {Limits.MaxMemoryBytes} bytes ({Limits.FormatBytes(Limits.MaxMemoryBytes)})");
        }
    }

    /// <summary>
    /// Adds the memory for <paramref name="values"/> tensor elements, about to be allocated. For a layer's
    /// <paramref name="parameters"/>, also checks the command's work with them counted.
    /// </summary>
    /// <exception cref="CaseFileException">The memory or the work is over its limit.</exception>
    public void ChargeValues(double values, string file, string field, bool parameters = false)
    {
        Charge(values * BytesPerValue, file, field);
        if (parameters) RequireWorkSoFar(file, field, values);
    }

    /// <summary>Refuses the case if the command's work, estimated from what has been read, is already over the limit.</summary>
    /// <exception cref="CaseFileException">The work is over the limit.</exception>
    public void RequireWorkSoFar(string file, string field, double moreParameters = 0)
    {
        if (Cost.Estimate(Command, moreParameters) is (double work, string what)) RequireWork(work, what, file, field);
    }

    /// <summary>
    /// Refuses a command whose estimated <paramref name="work"/> passes <see cref="Limits.MaxWork"/>;
    /// <paramref name="what"/> says how the estimate was made.
    /// </summary>
    /// <exception cref="CaseFileException">The work is over the limit.</exception>
    public void RequireWork(double work, string what, string file, string field)
    {
        if (!(work <= Limits.MaxWork))
        {
            throw new CaseFileException(file, field,
                $"{what} needs about {Number(work)} operations, more than --max-work {Number(Limits.MaxWork)}");
        }
    }

    /// <summary>A large count in a few digits: <c>8.59E+12</c>; up to a million, the whole number.</summary>
    public static string Number(double value) =>
        value < 1e6 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##E+0", CultureInfo.InvariantCulture);

    private static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>
/// What a case costs, estimated from its shapes while it is read: the elements of its input, parameters and output,
/// and the operations of one forward pass — multiply-adds, one per element for element-wise layers,
/// <see cref="Budget.StridedOverhead"/> per element for strided passes over buffers larger than the cache, plus
/// <see cref="Budget.LayerOverhead"/> per layer and for the loss. On this project's CI machine an operation so counted
/// takes about a nanosecond, so the default limit of 10¹⁰ is about ten seconds (docs/Oracle/Limits.md).
/// </summary>
internal sealed class CaseCost
{
    /// <summary>Elements of the input.</summary>
    public double InputValues { get; set; }

    /// <summary>Elements of every parameter (weights and biases).</summary>
    public double ParameterValues { get; set; }

    /// <summary>Elements of the output (0 until the whole network has been read).</summary>
    public double OutputValues { get; set; }

    /// <summary>Operations of one forward pass, the loss included once it is read.</summary>
    public double ForwardWork { get; set; }

    /// <summary>Operations of one training step (forward, backward, update): about three forward passes.</summary>
    public double StepWork => 3 * ForwardWork;

    /// <summary>
    /// The work <paramref name="command"/> needs, with <paramref name="moreParameters"/> counted beside the parameters
    /// read so far, and what it is in words; null for a command whose work is not known until the case is read whole
    /// (train needs its epochs and samples) or for none.
    /// </summary>
    public (double Work, string What)? Estimate(CaseCommand command, double moreParameters = 0)
    {
        // A layer's parameters are each used at least once per forward pass (dense: i·j + j; conv: p·q·k·(m·n·d + 1)
        // ≥ k·(m·n·d + 1)), so counting them in the pass keeps the estimate a lower bound of the final one.
        double parameters = ParameterValues + moreParameters, forward = ForwardWork + moreParameters;
        switch (command)
        {
            case CaseCommand.Grad:
            {
                double values = OutputValues + InputValues + parameters;
                return (3 * forward + Budget.OutputOverhead * values,
                    $"a step of {Budget.Number(3 * forward)} operations and writing {Budget.Number(values)} output and gradient values");
            }
            case CaseCommand.GradCheck:
            {
                double variables = InputValues + parameters;
                return ((4 * variables + 64) * forward,
                    $"checking this case's {Budget.Number(variables)} input and parameter elements by finite differences");
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// Refuses <c>refnn grad</c> (and <c>check</c>, which computes the same) beyond the limits: its work, and memory
    /// for the result's copies of the output, ∂E/∂X and every parameter's gradient.
    /// </summary>
    /// <exception cref="CaseFileException">A limit is passed.</exception>
    public void RequireGrad(Budget budget, string file)
    {
        budget.ChargeValues(OutputValues + InputValues + ParameterValues, file, "$.network");
        (double work, string what) = Estimate(CaseCommand.Grad)!.Value;
        budget.RequireWork(work, what, file, "$.network");
    }

    /// <summary>
    /// How many operations of the work estimate one operation of the float32 verdict counts as, per evaluation of the
    /// network (the literal formulas and each textbook form the case uses). The estimate is calibrated at about 1 ns
    /// per operation (1e10 is about 10 s); the verdict took 1.8 s for the 784-100-50-10 tanh network (two evaluations;
    /// grad's estimate 1.72e7, so about 50 ns per operation and evaluation, with other jobs sharing the 2 cores): 100
    /// keeps the calibration on the safe side.
    /// </summary>
    public const double Float32Factor = 100;

    /// <summary>
    /// Refuses <c>refnn check --dtype float32</c> beyond the limits: the float32 verdict evaluates the case
    /// <paramref name="evaluations"/> times in <see cref="Float32Estimate"/> (five doubles and 16 floats per value, 13
    /// times a double) beside the double result, with 16 randomly rounded lanes and a hash per operation: its work is
    /// charged at <see cref="Float32Factor"/> times grad's per evaluation, its memory at 16 times grad's values per evaluation.
    /// </summary>
    /// <exception cref="CaseFileException">A limit is passed.</exception>
    public void RequireFloat32Check(Budget budget, string file, int evaluations)
    {
        budget.ChargeValues(16 * evaluations * (OutputValues + InputValues + ParameterValues), file, "$.network");
        (double work, string what) = Estimate(CaseCommand.Grad)!.Value;
        budget.RequireWork(Float32Factor * evaluations * work, what + $" in the float32 verdict's arithmetic, {evaluations} evaluations,", file, "$.network");
    }

    /// <summary>
    /// Refuses <c>refnn gradcheck</c> beyond the limits: four forward passes per input and parameter element for the
    /// finite differences (Richardson), about 64 more for the Taylor and adjoint tests; memory for about six copies of
    /// every checked variable.
    /// </summary>
    /// <exception cref="CaseFileException">A limit is passed.</exception>
    public void RequireGradCheck(Budget budget, string file)
    {
        budget.ChargeValues(6 * (InputValues + ParameterValues + OutputValues), file, "$.network");
        (double work, string what) = Estimate(CaseCommand.GradCheck)!.Value;
        budget.RequireWork(work, what, file, "$.network");
    }

    /// <summary>
    /// Refuses <c>refnn train</c> beyond the work limit: epochs × samples × one step, and writing an error per epoch
    /// and the trained parameters (it streams, needing no more memory).
    /// </summary>
    /// <exception cref="CaseFileException">A limit is passed.</exception>
    public void RequireTrain(Budget budget, string file, int epochs, int samples) =>
        budget.RequireWork((double)epochs * samples * StepWork + Budget.OutputOverhead * (epochs + ParameterValues),
            $"training {Budget.Number(epochs)} epochs × {Budget.Number(samples)} samples × {Budget.Number(StepWork)} per step", file, "$.train.epochs");
}
