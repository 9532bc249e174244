using System.Numerics;

namespace ReferenceNN;

public static partial class Elementary
{
    /// <summary>
    /// eˣ for any number type: <see cref="Exp(double)"/> for double, <see cref="Exp(float)"/> for float, and the type's
    /// own <c>T.Exp</c> otherwise (a dual number, for instance, which calls back here for its value). The literal
    /// formulas call this, so that double and float results never depend on the platform's maths library.
    /// </summary>
    public static T Exp<T>(T x) where T : IExponentialFunctions<T>
    {
        if (typeof(T) == typeof(double)) return (T)(object)Exp((double)(object)x);
        if (typeof(T) == typeof(float)) return (T)(object)Exp((float)(object)x);
        return T.Exp(x);
    }

    /// <summary>ln x for any number type, as <see cref="Exp{T}"/> chooses.</summary>
    public static T Log<T>(T x) where T : ILogarithmicFunctions<T>
    {
        if (typeof(T) == typeof(double)) return (T)(object)Log((double)(object)x);
        if (typeof(T) == typeof(float)) return (T)(object)Log((float)(object)x);
        return T.Log(x);
    }

    /// <summary>ln(1 + x) for any number type, as <see cref="Exp{T}"/> chooses.</summary>
    public static T Log1P<T>(T x) where T : ILogarithmicFunctions<T>
    {
        if (typeof(T) == typeof(double)) return (T)(object)Log1P((double)(object)x);
        if (typeof(T) == typeof(float)) return (T)(object)Log1P((float)(object)x);
        return T.LogP1(x);
    }

    /// <summary>tanh x for any number type, as <see cref="Exp{T}"/> chooses.</summary>
    public static T Tanh<T>(T x) where T : IHyperbolicFunctions<T>
    {
        if (typeof(T) == typeof(double)) return (T)(object)Tanh((double)(object)x);
        if (typeof(T) == typeof(float)) return (T)(object)Tanh((float)(object)x);
        return T.Tanh(x);
    }
}
