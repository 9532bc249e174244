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
        Assert.Contains(check.Rows, r => r.Method == "adjoint" && r.Owner.Contains("Dropout"));
        Assert.Contains(check.Rows, r => r.Method == "Taylor");
        Assert.True(check.Report.Passed);
    }

    [Fact]
    public void Run_StrictTolerances_AreUsed()
    {
        OracleCase c = CaseFile.Load(Repository.PathOf("Verification/Conformance/xor.case.json"));
        CaseGradCheck check = CaseGradCheck.Run(c, new GradientCheckOptions { RelativeTolerance = 0, AbsoluteTolerance = 0 });
        Assert.False(check.Passed);
        Assert.EndsWith("checks\n", check.ToString());
        Assert.StartsWith("FAILED:", check.ToString().TrimEnd().Split('\n')[^1]);
    }
}
