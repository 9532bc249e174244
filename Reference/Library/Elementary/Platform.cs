using System;

namespace ReferenceNN;

/// <summary>
/// The elementary functions the formulas use. TEMPORARY: the platform's maths library, until the correctly rounded
/// versions replace this file.
/// </summary>
public static partial class Elementary
{
    /// <summary>eˣ.</summary>
    public static double Exp(double x) => Math.Exp(x);

    /// <summary>ln x.</summary>
    public static double Log(double x) => Math.Log(x);

    /// <summary>tanh x.</summary>
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>ln(1 + x) (Goldberg's method).</summary>
    public static double Log1P(double x)
    {
        double w = 1 + x;
        return w == 1 ? x : Math.Log(w) * x / (w - 1);
    }

    /// <summary>eˣ in single precision.</summary>
    public static float Exp(float x) => (float)Exp((double)x);

    /// <summary>ln x in single precision.</summary>
    public static float Log(float x) => (float)Log((double)x);

    /// <summary>tanh x in single precision.</summary>
    public static float Tanh(float x) => (float)Tanh((double)x);

    /// <summary>ln(1 + x) in single precision.</summary>
    public static float Log1P(float x) => (float)Log1P((double)x);
}
