using System;
using ReferenceNN.Losses;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Losses;

public class LossTests
{
    [Theory]
    [InlineData("mse", "MeanSquaredError")]
    [InlineData("binary_cross_entropy", "BinaryCrossEntropy")]
    [InlineData("cross_entropy", "CrossEntropy")]
    public void EveryLoss_ChecksShapesBeforeComputing(string name, string type)
    {
        Loss loss = name switch { "mse" => MeanSquaredError.Instance, "binary_cross_entropy" => BinaryCrossEntropy.Instance, _ => CrossEntropy.Instance };
        Assert.Equal(name, loss.Name);
        Expect.Throws<ArgumentException>(() => loss.Value(Tensor.Row(0.5), Tensor.Row(0.5, 0.5)), $"{type}.Value: target is 1×1 but output is 1×2");
        Expect.Throws<ArgumentException>(() => loss.Derivative(Tensor.Row(0.5), new Tensor(new Shape(1, 1, 1))), $"{type}.Derivative: target is 1×1 but output is 1×1×1");
        Assert.Throws<ArgumentNullException>(() => loss.Derivative(null!, Tensor.Row(1)));
    }
}
