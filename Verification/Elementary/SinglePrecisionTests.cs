using System;
using Xunit;
using E = ReferenceNN.Elementary;

namespace ReferenceNN.Verification.Elementary;

/// <summary>
/// The float overloads at the inputs where the double result is exactly halfway between two floats
/// (found by the exhaustive run, Verification/float-midpoints.txt); expected values from mpmath.
/// </summary>
public class SinglePrecisionTests
{
    [Theory]
    [InlineData("log", 0x1f116ab8u, 0xc233b53eu)]
    [InlineData("log", 0x3c413d3au, 0xc08e158fu)] // (float)F((double)x) alone gives c08e1590
    [InlineData("log", 0x41178febu, 0x400fe5e7u)] // (float)F((double)x) alone gives 400fe5e8
    [InlineData("log", 0x4c5d65a5u, 0x418f034bu)] // (float)F((double)x) alone gives 418f034a
    [InlineData("log", 0x4d604ebeu, 0x419a352cu)]
    [InlineData("log", 0x65d890d3u, 0x4254d1f9u)] // (float)F((double)x) alone gives 4254d1f8
    [InlineData("log", 0x66a8c860u, 0x42595e46u)]
    [InlineData("log", 0x6f31a8ecu, 0x42845a89u)] // (float)F((double)x) alone gives 42845a88
    [InlineData("log1p", 0x35400003u, 0x353fffffu)] // (float)F((double)x) alone gives 353ffffe
    [InlineData("log1p", 0x3710001bu, 0x370ffff3u)] // (float)F((double)x) alone gives 370ffff2
    [InlineData("log1p", 0x3efd81adu, 0x3ecdeee1u)] // (float)F((double)x) alone gives 3ecdeee2
    [InlineData("log1p", 0x41078febu, 0x400fe5e7u)] // (float)F((double)x) alone gives 400fe5e8
    [InlineData("log1p", 0x55185f82u, 0x41efd648u)]
    [InlineData("log1p", 0x65d890d3u, 0x4254d1f9u)] // (float)F((double)x) alone gives 4254d1f8
    [InlineData("log1p", 0x66a8c860u, 0x42595e46u)]
    [InlineData("log1p", 0x6f31a8ecu, 0x42845a89u)] // (float)F((double)x) alone gives 42845a88
    [InlineData("log1p", 0xb53ffffdu, 0xb5400001u)] // (float)F((double)x) alone gives b5400002
    [InlineData("log1p", 0xb70fffe5u, 0xb710000du)] // (float)F((double)x) alone gives b710000e
    [InlineData("log1p", 0xbb0ec8c4u, 0xbb0ef0a5u)] // (float)F((double)x) alone gives bb0ef0a4
    public void MidpointCasesAreDecidedByTheExactValue(string function, uint input, uint expected)
    {
        float x = BitConverter.UInt32BitsToSingle(input);
        float got = function switch
        {
            "log" => E.Log(x),
            "log1p" => E.Log1P(x),
            "exp" => E.Exp(x),
            "expm1" => E.ExpM1(x),
            _ => E.Tanh(x),
        };
        Assert.Equal(expected, BitConverter.SingleToUInt32Bits(got));
    }

    [Theory]
    [InlineData(1.5, false)]
    [InlineData(1.0000000596046448, true)]          // 1 + 2^-24: halfway between 1 and 1 + 2^-23
    [InlineData(-1.0000000596046448, true)]
    [InlineData(7.006492321624085e-46, true)]       // 2^-150: halfway between 0 and the smallest float
    [InlineData(2.1019476964872256e-45, true)]      // 3·2^-150
    [InlineData(2.802596928649634e-45, false)]      // 2^-148, a float
    [InlineData(3.4028235677973366e38, true)]       // 2^128 − 2^103: halfway between float.MaxValue and 2^128
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NaN, false)]
    [InlineData(0.0, false)]
    public void MidpointsAreRecognized(double y, bool expected) => Assert.Equal(expected, SinglePrecision.IsMidpoint(y));
}
