namespace ReferenceNN;

/// <summary>
/// Where the library's random numbers come from: initial weights, dropout masks, the checks' random directions. Every
/// draw goes through <see cref="NextUInt64"/>, and <see cref="NextDouble"/> turns it into a double in [0, 1) by one
/// documented rule, so a sequence is reproduced exactly from its seed on any platform and from any language
/// (docs/RandomSource.md gives the NumPy code). <see cref="SplitMix64"/> is the library's generator; a test may
/// derive its own source to feed chosen values.
/// </summary>
/// <remarks>A source is not safe for concurrent use: one thread at a time.</remarks>
public abstract class RandomSource
{
    /// <summary>The next 64 random bits.</summary>
    public abstract ulong NextUInt64();

    /// <summary>
    /// A double uniform in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³, <c>(u &gt;&gt; 11)·2⁻⁵³</c>,
    /// which is exact (every such value is a double), so the result does not depend on the platform's rounding.
    /// </summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the generator
/// of Java's SplittableRandom and the seeding generator of the xoshiro family): the state advances by the odd constant
/// 0x9E3779B97F4A7C15, and each output is that state through a fixed 64-bit mixing function. Its 2⁶⁴ states form one
/// cycle and it passes BigCrush. Docs: docs/RandomSource.md.
/// </summary>
public sealed class SplitMix64 : RandomSource
{
    private ulong _state;

    /// <summary>Creates a generator whose state starts at <paramref name="seed"/> (any 64-bit value).</summary>
    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>
    /// state ← state + 0x9E3779B97F4A7C15 (mod 2⁶⁴); z ← state; z ← (z ⊕ (z ≫ 30))·0xBF58476D1CE4E5B9;
    /// z ← (z ⊕ (z ≫ 27))·0x94D049BB133111EB; return z ⊕ (z ≫ 31), all modulo 2⁶⁴.
    /// </summary>
    public override ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
