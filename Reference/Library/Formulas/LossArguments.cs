using System;

namespace ReferenceNN.Formulas;

/// <summary>The argument checks shared by the loss formulas.</summary>
internal static class LossArguments
{
    internal static void Check(string operation, int target, int output, int? outputError = null)
    {
        Require.Positive(operation, "output.Length", output);
        Require.Length(operation, "target", target, output, "the output");
        if (outputError is int length) Require.Length(operation, "outputError", length, output, "the output");
    }
}
