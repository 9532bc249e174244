using System;
using System.Collections.Generic;
using System.Linq;
using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Losses;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Mutation;

/// <summary>
/// Tests written for mutants that survived a Stryker run: each asserts a behaviour the mutant changes, at a boundary
/// or on a path the other tests did not look at. docs/Verification/EquivalentMutants.md lists the ones no test can kill.
/// </summary>
public class MutationEdgeTests
{
    /// <summary>A layer whose parameter θ (1×2) maps to Y = A·θ with A = [[1, 0], [1, 0]], ignoring its input.</summary>
    private sealed class SkewLayer : Layer
    {
        private readonly Parameter[] _parameters = [new("weights", Tensor.Row(1, 0))];

        public SkewLayer() : base(new Shape(1, 1), new Shape(1, 2)) { }

        public override IReadOnlyList<Parameter> Parameters => _parameters;

        protected override void ForwardCore(Tensor input, Tensor output)
        {
            double t0 = _parameters[0].Value.Span[0];
            output.Span[0] = t0;
            output.Span[1] = t0;
        }

        protected override void BackwardCore(Tensor outputError, Tensor inputError)
        {
            _parameters[0].Error.Span[0] = outputError.Span[0] + outputError.Span[1];
            _parameters[0].Error.Span[1] = 0;
            inputError.Span[0] = 0;
        }
    }

    [Fact]
    public void Adjoint_Scale_UsesTheForwardSideWhenItIsLarger()
    {
        // θ = [1, 0]: L(θ) = [1, 1]; ȳ = [1, −1]: Lᵀ(ȳ) = [0, 0]. ‖ȳ‖·‖L(θ)‖ = 2 is the larger bound.
        AdjointReport report = AdjointTest.ForParameter(new SkewLayer(), 0, Tensor.Row(5), Tensor.Row(1, -1));
        Assert.Equal(2, report.Scale, 1e-15);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Adjoint_Scale_UsesTheAdjointSideWhenItIsLarger()
    {
        // W (2×1) = [[1], [2]], x = [2, 0]: L(x) = [2]; ȳ = [1]: Lᵀ(ȳ) = [1, 2]. ‖Lᵀȳ‖·‖x‖ = 2√5 > ‖ȳ‖·‖L(x)‖ = 2.
        var layer = new FullyConnected(new Tensor(new Shape(2, 1), [1, 2]), Tensor.Row(0));
        Assert.Equal(Math.Sqrt(5) * 2, AdjointTest.ForInput(layer, Tensor.Row(2, 0), Tensor.Row(1)).Scale, 1e-15);
    }

    [Fact]
    public void Checker_ElementWhoseNumericDerivativeEqualsTheScaleTolerance_IsLeftOutOfTheWorstRelativeError()
    {
        // E = c·θ with c = 2⁻³⁰: every difference quotient is exactly c, and the scale s is c. With stol = 1 the element
        // is at the boundary |numeric| = stol·s and does not count towards the worst relative error.
        double c = Math.ScaleB(1, -30);
        Tensor theta = Tensor.Row(0.5);
        var objective = new Objective(() => c * theta.Span[0], [new CheckedVariable("v", "error", theta, Tensor.Row(2 * c))]);
        DerivativeCheck check = GradientChecker.Check(objective, new GradientCheckOptions { ScaleTolerance = 1, RelativeTolerance = 1 }).Derivatives[0];
        Assert.True(check.Passed);
        Assert.Equal(0, check.WorstRelativeError);
    }

    [Fact]
    public void Checker_EqualRelativeErrors_ReportTheFirstIndex()
    {
        // At θ = [0, 0] every evaluation of E = 2θ₀ + 2θ₁ is exact, so both numeric derivatives are exactly 2 and
        // both relative errors exactly 0.5: a tie, which goes to the first element.
        Tensor theta = Tensor.Row(0, 0);
        var objective = new Objective(() => 2 * theta.Span[0] + 2 * theta.Span[1], [new CheckedVariable("v", "error", theta, Tensor.Row(3, 3))]);
        DerivativeCheck check = GradientChecker.Check(objective, new GradientCheckOptions { RelativeTolerance = 1 }).Derivatives[0];
        Assert.Equal(0.5, check.WorstRelativeError);
        Assert.Equal([0, 0], check.WorstIndex);
    }

    [Fact]
    public void Dropout_BeforeAnyTrainingForward_HasAMaskOfOnes()
    {
        var layer = new Dropout(new Shape(1, 3), 0.5, new Rng(1));
        Assert.Equal([1.0, 1, 1], layer.Mask.Span.ToArray());
    }

    [Fact]
    public void Loss_DerivativeIntoADestination_ChecksTargetAgainstOutput()
    {
        Check(() => MeanSquaredError.Instance.Derivative(Tensor.Row(1), Tensor.Row(1, 2), new Tensor(new Shape(1, 2))),
            "MeanSquaredError.Derivative: target is 1×1 but output is 1×2");
        static void Check(Action action, string message) => Expect.Throws<ArgumentException>(action, message);
    }

    [Fact]
    public void Shape_OfExactlyTheLargestArray_HasItsSize()
    {
        Assert.Equal(Array.MaxLength, new Shape(1, Array.MaxLength).Size);
    }

    [Fact]
    public void Tensor_EveryAxisOfEveryIndexer_IsChecked()
    {
        var t3 = new Tensor(new Shape(2, 3, 4));
        Expect.Throws<IndexOutOfRangeException>(() => _ = t3[2, 0, 0], "index 2 is outside axis 0");
        Expect.Throws<IndexOutOfRangeException>(() => _ = t3[0, 3, 0], "index 3 is outside axis 1");
        var t4 = new Tensor(new Shape(2, 3, 4, 5));
        Expect.Throws<IndexOutOfRangeException>(() => _ = t4[2, 0, 0, 0], "index 2 is outside axis 0");
        Expect.Throws<IndexOutOfRangeException>(() => _ = t4[0, 3, 0, 0], "index 3 is outside axis 1");
        Expect.Throws<IndexOutOfRangeException>(() => _ = t4[0, 0, 4, 0], "index 4 is outside axis 2");
        Assert.Equal("index", Assert.Throws<ArgumentNullException>(() => Tensor.FormatIndex(null!)).ParamName);
    }

    [Fact]
    public void CaseFile_TrailingCommas_AreNotJson()
    {
        Assert.Contains("not valid JSON", Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case().Replace("\"target\"", "\"target\"").TrimEnd('}') + ",}", "c.json")).Problem);
    }

    [Theory]
    [InlineData("""[{"type":"dense","weights":"w","bias":[[0,0]]}]""", "[[1,2]]", "$.network[0].weights")]
    [InlineData("""[{"type":"dense","weights":[[1,2],[3,4]],"bias":"b"}]""", "[[1,2]]", "$.network[0].bias")]
    [InlineData("""[{"type":"conv","weights":"w","bias":[0]}]""", "[[[1]]]", "$.network[0].weights")]
    [InlineData("""[{"type":"conv","weights":[[[[1]]]],"bias":"b"}]""", "[[[1]]]", "$.network[0].bias")]
    public void CaseFile_BadTensorsInLayers_NameTheirField(string network, string input, string field)
    {
        CaseFileException e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(network: network, input: input), "c.json"));
        Assert.Equal(field, e.Field);
        Assert.StartsWith("expected a tensor", e.Problem);
    }

    [Fact]
    public void CaseFile_BadTensorsAtTheTop_NameTheirField()
    {
        Assert.Equal("$.target", Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(target: "\"t\""), "c.json")).Field);
        Assert.Equal("$.train.inputs", Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(
            train: """{"inputs":"x","targets":[[[0,1]]],"epochs":1,"learningRate":0.1}"""), "c.json")).Field);
        Assert.Equal("$.train.targets", Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(
            train: """{"inputs":[[[1,2]]],"targets":"y","epochs":1,"learningRate":0.1}"""), "c.json")).Field);
        Assert.Equal("$.inputGradient", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(
            """{"format":"referencenn/result@1","output":[[1]],"loss":1,"inputGradient":"g","layers":[]}""", "r.json")).Field);
        Assert.Equal("expected a layer entry (a JSON object), got the number 3", Assert.Throws<CaseFileException>(() => ResultComparison.ReadResult(
            """{"format":"referencenn/result@1","output":[[1]],"loss":1,"inputGradient":[[1]],"layers":[3]}""", "r.json")).Problem);
    }

    [Fact]
    public void CaseFile_AlphaOnANonLeakyActivation_NamesTheActivation()
    {
        CaseFileException e = Assert.Throws<CaseFileException>(() => CaseFile.Parse(CaseFileTests.Case(
            network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]]},{"type":"activation","function":"softplus","alpha":2}]"""), "c.json"));
        Assert.Equal("only leaky_relu takes alpha, not softplus", e.Problem);
    }

    [Fact]
    public void Compare_IdenticalInfinitiesAndZeros_HaveNoDifference()
    {
        var a = new OracleResult(Tensor.Row(double.PositiveInfinity, 0), 0, Tensor.Row(1), []);
        TensorComparison output = ResultComparison.Compare(a, a).Tensors[0];
        Assert.Equal(0, output.WorstAbsolute);
        Assert.Equal(0, output.WorstRelative);
        Assert.True(output.Agrees);
    }

    [Fact]
    public void ReadResult_NamedNumbersInsideTensors_AreRead()
    {
        OracleResult r = ResultComparison.ReadResult(
            """{"format":"referencenn/result@1","output":[["-Infinity", 1]],"loss":"NaN","inputGradient":[[1]],"layers":[]}""", "r.json");
        Assert.Equal(double.NegativeInfinity, r.Output.Span[0]);
        Assert.True(double.IsNaN(r.Loss));
    }

    [Fact]
    public void GradCheck_NullCase_Throws() => Assert.Throws<ArgumentNullException>(() => CaseGradCheck.Run(null!));

    [Fact]
    public void GradCheck_AReluInputExactlyOneStepFromZero_IsNoted()
    {
        // 0.001·1 + 0 = 0.001 exactly, and the step at 0.001 is 1e-3·max(1, 0.001) = 0.001: on the boundary.
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"dense","weights":[[1]],"bias":[[0]]},{"type":"activation","function":"relu"}]""",
            input: "[[0.001]]", target: "[[1]]"), "c.json");
        Assert.Contains(CaseGradCheck.Run(c).Notes, n => n.Contains("1 inputs within a finite-difference step of the kink"));
    }

    [Fact]
    public void GradCheck_ATieInALaterWindow_IsNoted_AndAGapOfExactlyTwoStepsCounts()
    {
        OracleCase later = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"maxpool","size":[1,2]},{"type":"flatten"}]""",
            input: "[[[0.1],[0.9],[0.5],[0.5]]]", target: "[[1,1]]"), "c.json");
        Assert.Contains(CaseGradCheck.Run(later).Notes, n => n.Contains("1 windows"));
        OracleCase rows = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"maxpool","size":[1,2],"stride":[2,2]},{"type":"flatten"}]""",
            input: "[[[0.1],[0.9]],[[0.3],[0.7]],[[0.5],[0.5]]]", target: "[[1,1]]"), "c.json");
        Assert.Contains(CaseGradCheck.Run(rows).Notes, n => n.Contains("1 windows"));
        // Step(1000) = 1e-3·1000 = 1 exactly, so 1000 and 998 are exactly two steps apart.
        Assert.Equal(1, NumericalDerivative.Step(1000));
        OracleCase gap = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"maxpool","size":[1,2]},{"type":"flatten"}]""",
            input: "[[[1000],[998]]]", target: "[[1]]"), "c.json");
        Assert.Contains(CaseGradCheck.Run(gap).Notes, n => n.Contains("1 windows"));
    }
}

public class TaylorBoundaryTests
{
    [Fact]
    public void Rate_ExactlyTheRequiredRate_Passes()
    {
        // ε from 1 to 2⁻¹⁰ and R₁ from 1 to 2⁻¹⁹: every logarithm is exact, and the slope is 19/10, the double 1.9.
        var report = new TaylorReport([1, Math.ScaleB(1, -10)], [1, Math.ScaleB(1, -10)], [1, Math.ScaleB(1, -19)], 1, 1, 0);
        Assert.Equal(TaylorTest.RequiredRate, report.Rate);
        Assert.True(report.Passed);
    }
}
