namespace ReferenceNN;

/// <summary>
/// Which code computes a training step or a prediction. The literal formulas (namespace <c>ReferenceNN.Formulas</c>) define every
/// result; the fast kernels are optimisations of some of them that tests hold to the formulas bit for bit, so both
/// choices give identical numbers and differ only in speed. Docs: docs/Kernels.md.
/// </summary>
public enum Kernels
{
    /// <summary>The literal formulas, as the oracle uses them.</summary>
    Literal,

    /// <summary>The fast kernels where a layer has them (the literal formulas elsewhere): the default for training.</summary>
    Fast,
}
