using System;
using ReferenceNN.Checking;
using Xunit;

namespace ReferenceNN.Verification.Support;

/// <summary>Assertions shared by the test files.</summary>
public static class Expect
{
    /// <summary>Asserts that the action throws <typeparamref name="T"/> whose message contains every fragment.</summary>
    public static T Throws<T>(Action action, params string[] fragments) where T : Exception
    {
        T exception = Assert.Throws<T>(action);
        foreach (string fragment in fragments) Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        return exception;
    }

    /// <summary>Asserts that every element of <paramref name="actual"/> is bit-identical to <paramref name="expected"/>.</summary>
    public static void Bitwise(Tensor expected, Tensor actual) =>
        Assert.True(expected.BitwiseEquals(actual), $"expected {expected}\n  actual {actual}");

    /// <summary>Asserts the elements to within <paramref name="tolerance"/> each.</summary>
    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-15)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int n = 0; n < expected.Length; n++)
        {
            Assert.True(Math.Abs(expected[n] - actual.Span[n]) <= tolerance,
                $"element {n}: expected {expected[n]:R}, actual {actual.Span[n]:R}");
        }
    }

    /// <summary>Asserts that a report passed, showing the report when not.</summary>
    public static void Passed(GradientCheckReport report) => Assert.True(report.Passed, report.ToString());
}
