using ReferenceNN.Oracle;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class OracleCaseTests
{
    [Fact]
    public void Parse_KeepsWhatTheCaseSaidAboutEachLayer()
    {
        OracleCase c = CaseFile.Parse(CaseFileTests.Case(network:
            """[{"type":"dense","weights":[[0.1,0.2],[0.3,0.4]],"bias":[0.5,0.6]},{"type":"dropout","rate":0.25,"mask":[[1,0]]},{"type":"dropout","rate":0.5}]"""), "c.json");
        Assert.Equal(["dense", "dropout", "dropout"], System.Linq.Enumerable.Select(c.Layers, l => l.Type));
        Assert.Equal(new Shape(2), c.Layers[0].BiasShape);
        Assert.Null(c.Layers[1].BiasShape);
        Assert.Equal((0.25, true), (c.Layers[1].DropoutRate, c.Layers[1].HasMask));
        Assert.Equal((0.5, false), (c.Layers[2].DropoutRate, c.Layers[2].HasMask));
        Assert.Null(c.Train);
        Assert.All(c.Layers, l => Assert.True(l.Layer.IsTraining));
        Assert.Same(c.Layers[2].Layer, c.Network.Layers[2]);
    }
}
