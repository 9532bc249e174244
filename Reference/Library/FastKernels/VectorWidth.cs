using System.Runtime.Intrinsics;

namespace ReferenceNN.FastKernels;

/// <summary>
/// How many doubles a fast kernel handles per instruction: 8 (512-bit vectors), 4 (256), 2 (128) or 1 (scalar).
/// By default the widest the machine accelerates; tests set each width the machine offers in turn
/// (<see cref="Supported"/>) and hold every one to the literal formulas bit for bit. Each lane computes exactly what
/// the scalar loop computes for its element, in the same order, with no fused multiply-add, so the width changes the
/// speed and nothing else.
/// </summary>
internal static class VectorWidth
{
    /// <summary>The widths this machine accelerates, widest first, ending with 1 (scalar).</summary>
    internal static int[] Supported { get; } = Detect();

    /// <summary>The width the kernels use; a test may set any of <see cref="Supported"/>.</summary>
    internal static int Current { get; set; } = Supported[0];

    private static int[] Detect()
    {
        var widths = new System.Collections.Generic.List<int>(4);
        if (Vector512.IsHardwareAccelerated) widths.Add(8);
        if (Vector256.IsHardwareAccelerated) widths.Add(4);
        if (Vector128.IsHardwareAccelerated) widths.Add(2);
        widths.Add(1);
        return widths.ToArray();
    }
}
