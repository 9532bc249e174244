using System;
using System.Globalization;

namespace ReferenceNN.Formulas;

/// <summary>
/// The argument checks of the public formulas: a wrong length names the operation, the argument and both sizes. The
/// message is only built when a check fails, so a check allocates nothing.
/// </summary>
internal static class Require
{
    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>; <paramref name="meaning"/> says what needs it.</summary>
    internal static void Length(string operation, string argument, int actual, long expected, string meaning)
    {
        if (actual != expected) throw WrongLength(operation, argument, actual, expected, meaning);
    }

    /// <summary>As <see cref="Length(string, string, int, long, string)"/>, with <paramref name="format"/> filled from the sizes on failure.</summary>
    internal static void Length(string operation, string argument, int actual, long expected, string format, int a, int b, int c = 0, int d = 0)
    {
        if (actual != expected)
        {
            throw WrongLength(operation, argument, actual, expected, string.Format(CultureInfo.InvariantCulture, format, a, b, c, d));
        }
    }

    internal static void Positive(string operation, string argument, int value)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(argument, value, $"{operation}: {argument} must be at least 1, not {value}.");
        }
    }

    private static ArgumentException WrongLength(string operation, string argument, int actual, long expected, string meaning) =>
        new($"{operation}: {argument} has {actual} elements but {meaning} needs {expected}.", argument);
}
