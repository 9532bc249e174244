using System;
using ReferenceNN.Layers;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class OracleResultTests
{
    [Fact]
    public void Compute_ChangesNoParameter_AndReturnsBiasInItsGivenShape()
    {
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(network: """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[0.5,0.6]}]"""), "c.json");
        Tensor weights = ((FullyConnected)c.Layers[0].Layer).Weights.Clone();
        OracleResult r = OracleResult.Compute(c);
        Expect.Bitwise(weights, ((FullyConnected)c.Layers[0].Layer).Weights);
        Assert.Equal(new Shape(2), r.Layers[0].BiasGradient!.Shape);
        // y = [1·0.1 + 2·0.3 + 0.5, 1·0.2 + 2·0.4 + 0.6] = [1.2, 1.6]; target [0, 1]; ∂E/∂y = (2/2)(y − t) = [1.2, 0.6]
        Expect.Close([1.2, 1.6], r.Output, 1e-15);
        Expect.Close([1.2, 0.6], r.Layers[0].BiasGradient!, 1e-15);
        Assert.Equal((1.2 * 1.2 + 0.6 * 0.6) / 2, r.Loss, 1e-15);
        Assert.Throws<ArgumentNullException>(() => OracleResult.Compute(null!));
        Assert.Throws<ArgumentNullException>(() => new OracleResult(null!, 0, Tensor.Row(1), []));
    }
}
