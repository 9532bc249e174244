using System;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

/// <summary>
/// The generic overloads the literal formulas call: double and float go to the library's correctly rounded functions,
/// bit for bit, and any other number type to its own (here Half).
/// </summary>
public class GenericTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(-7.25)]
    [InlineData(1e-9)]
    public void Generic_OnDoubleAndFloat_IsTheLibrarysFunction_BitForBit(double x)
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(E.Exp(x)), BitConverter.DoubleToInt64Bits(E.Exp<double>(x)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(E.Tanh(x)), BitConverter.DoubleToInt64Bits(E.Tanh<double>(x)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(E.Log(Math.Abs(x))), BitConverter.DoubleToInt64Bits(E.Log<double>(Math.Abs(x))));
        Assert.Equal(BitConverter.DoubleToInt64Bits(E.Log1P(Math.Abs(x))), BitConverter.DoubleToInt64Bits(E.Log1P<double>(Math.Abs(x))));
        float f = (float)x;
        Assert.Equal(BitConverter.SingleToInt32Bits(E.Exp(f)), BitConverter.SingleToInt32Bits(E.Exp<float>(f)));
        Assert.Equal(BitConverter.SingleToInt32Bits(E.Tanh(f)), BitConverter.SingleToInt32Bits(E.Tanh<float>(f)));
        Assert.Equal(BitConverter.SingleToInt32Bits(E.Log(Math.Abs(f))), BitConverter.SingleToInt32Bits(E.Log<float>(Math.Abs(f))));
        Assert.Equal(BitConverter.SingleToInt32Bits(E.Log1P(Math.Abs(f))), BitConverter.SingleToInt32Bits(E.Log1P<float>(Math.Abs(f))));
    }

    [Fact]
    public void Generic_OnAnotherType_IsThatTypesOwnFunction()
    {
        var x = (Half)0.75;
        Assert.Equal(Half.Exp(x), E.Exp(x));
        Assert.Equal(Half.Tanh(x), E.Tanh(x));
        Assert.Equal(Half.Log(x), E.Log(x));
        Assert.Equal(Half.LogP1(x), E.Log1P(x));
    }
}
