namespace Myelin.Optim;

/// <summary>
/// What an optimizer remembers about one parameter between steps: how many updates it has
/// received and its running buffers (Adam's <c>exp_avg</c> and <c>exp_avg_sq</c>, SGD's
/// <c>momentum_buffer</c>, …). Each buffer has the parameter's shape and element type.
/// </summary>
public sealed class ParameterState
{
    /// <summary>The number of updates applied to the parameter so far (PyTorch's <c>step</c>).</summary>
    public long Step { get; set; }

    /// <summary>The running buffers by name, as they appear in <see cref="Optimizer.StateDict"/>.</summary>
    public Dictionary<string, Tensor> Buffers { get; } = new(StringComparer.Ordinal);

    /// <summary>The buffer called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such buffer.</exception>
    public Tensor this[string name] => Buffers.TryGetValue(name, out var buffer)
        ? buffer
        : throw new KeyNotFoundException($"ParameterState: no buffer called '{name}'.");
}
