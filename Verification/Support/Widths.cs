using System;
using ReferenceNN.FastKernels;

namespace ReferenceNN.Verification.Support;

/// <summary>Runs a check of the fast kernels at every vector width the machine offers (and scalar).</summary>
public static class Widths
{
    /// <summary>Runs <paramref name="agrees"/> at each width of <see cref="VectorWidth.Supported"/>; true if all agree.</summary>
    public static bool AtEvery(Func<bool> agrees)
    {
        lock (VectorWidth.Supported)
        {
            int original = VectorWidth.Current;
            try
            {
                foreach (int width in VectorWidth.Supported)
                {
                    VectorWidth.Current = width;
                    if (!agrees()) return false;
                }
                return true;
            }
            finally
            {
                VectorWidth.Current = original;
            }
        }
    }
}
