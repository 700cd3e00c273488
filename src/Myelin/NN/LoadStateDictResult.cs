namespace Myelin.NN;

/// <summary>What <see cref="Module.LoadStateDict"/> skipped.</summary>
/// <param name="MissingKeys">Keys the module expects that the state dict did not provide (those tensors kept their values).</param>
/// <param name="UnexpectedKeys">Keys of the state dict that the module does not have (ignored).</param>
public sealed record LoadStateDictResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys)
{
    /// <summary>True when every key matched: nothing missing, nothing unexpected.</summary>
    public bool IsExactMatch => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0;
}
