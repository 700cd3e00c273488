using System.Text;

namespace Myelin.Training;

/// <summary>
/// The loss and metrics of a model on a data set, from <see cref="Trainer.Evaluate"/>.
/// </summary>
public sealed class EvaluationResult
{
    readonly KeyValuePair<string, double>[] metrics;

    /// <summary>Creates a result.</summary>
    /// <param name="loss">The mean loss over the samples.</param>
    /// <param name="metrics">Each metric's value by name, in order.</param>
    /// <param name="samples">The number of samples evaluated.</param>
    public EvaluationResult(double loss, IEnumerable<KeyValuePair<string, double>> metrics, int samples)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Loss = loss;
        this.metrics = metrics.ToArray();
        Samples = samples;
    }

    /// <summary>
    /// The mean loss per sample: each batch's loss weighted by its number of samples, which is the
    /// exact mean over the data set for losses with <c>Reduction.Mean</c>.
    /// </summary>
    public double Loss { get; }

    /// <summary>The metrics by name, in the trainer's order.</summary>
    public IReadOnlyDictionary<string, double> Metrics => metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);

    /// <summary>The number of samples evaluated.</summary>
    public int Samples { get; }

    /// <summary>"loss" or a metric's name.</summary>
    /// <exception cref="KeyNotFoundException">No such value; the message lists the names there are.</exception>
    public double this[string name]
    {
        get
        {
            if (name == LogNames.Loss) return Loss;
            foreach (var (key, value) in metrics)
                if (key == name) return value;
            throw new KeyNotFoundException(
                $"EvaluationResult: no value named '{name}'; the names are {string.Join(", ", metrics.Select(m => m.Key).Prepend(LogNames.Loss))}.");
        }
    }

    /// <summary>The values as (name, value) pairs with the given prefix ("val_" for validation logs), loss first.</summary>
    internal IEnumerable<KeyValuePair<string, double>> Named(string prefix) =>
        metrics.Select(m => new KeyValuePair<string, double>(prefix + m.Key, m.Value))
               .Prepend(new KeyValuePair<string, double>(prefix + LogNames.Loss, Loss));

    /// <summary>"loss 0.123, accuracy 0.96 (360 samples)".</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"loss {LogNames.Format(Loss)}");
        foreach (var (name, value) in metrics) text.Append($", {name} {LogNames.Format(value)}");
        return text.Append($" ({Samples} samples)").ToString();
    }
}
