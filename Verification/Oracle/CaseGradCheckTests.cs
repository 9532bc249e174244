using ReferenceNN.Checking;
using ReferenceNN.Layers;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class CaseGradCheckTests
{
    [Fact]
    public void Run_LeavesTheCaseBitIdentical_AndCoversEveryKindOfCheck()
    {
        OracleCase c = CaseFile.Load(Repository.PathOf("Verification/Conformance/dropout.case.json"));
        Tensor weights = ((FullyConnected)c.Layers[0].Layer).Weights.Clone();
        CaseGradCheck check = CaseGradCheck.Run(c);
        Expect.Bitwise(weights, ((FullyConnected)c.Layers[0].Layer).Weights);
        Assert.True(check.Passed, check.ToString());
        Assert.Contains(check.Rows, r => r.Method.StartsWith("finite differences"));
        Assert.Contains(check.Rows, r => r.Method == "adjoint" && r.Owner.Contains("(dropout)"));
        Assert.Contains(check.Rows, r => r.Method == "Taylor");
        Assert.True(check.Report.Passed);
    }

    [Fact]
    public void Run_AConstantLoss_IsAnExactTaylorPass()
    {
        // Everything is dropped: E does not depend on anything, every derivative is 0, and R₁ is exactly 0.
        OracleCase c = CaseFile.Parse(Oracle.CaseFileTests.Case(network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[[0.5,0.6]]},{"type":"dropout","rate":0.5,"mask":[[0,0]]}]"""), "c.json");
        CaseGradCheck check = CaseGradCheck.Run(c);
        Assert.True(check.Passed, check.ToString());
        Assert.Contains("asymptotic rate      exact", check.ToString());
    }

    [Fact]
    public void Run_StrictTolerances_AreUsed()
    {
        OracleCase c = CaseFile.Load(Repository.PathOf("Verification/Conformance/xor.case.json"));
        // Plain central differences (error O(h²)) held to no tolerance but the noise floor: the options reach the checks.
        CaseGradCheck check = CaseGradCheck.Run(c, new GradientCheckOptions { RelativeTolerance = 0, ScaleTolerance = 0, Method = DifferenceMethod.Central });
        Assert.False(check.Passed);
        Assert.EndsWith("checks\n", check.ToString());
        Assert.StartsWith("FAILED:", check.ToString().TrimEnd().Split('\n')[^1]);
    }

    [Theory]
    [InlineData("network", -1, false)]
    [InlineData("network", 0, true)]
    [InlineData("layer 0 (FullyConnected)", 1, true)]
    [InlineData("layer 1 (FullyConnected)", 1, false)]
    [InlineData("layer 2 (FullyConnected)", 1, false)]
    [InlineData("layer 12 (Convolution)", 13, true)]
    [InlineData("layer 12 (Convolution)", 3, false)]
    public void MovesAKink_IsTheInputAndTheLayersBeforeTheLastKink_Only(string owner, int lastKink, bool expected) =>
        Assert.Equal(expected, CaseGradCheck.MovesAKink(owner, lastKink));
}
