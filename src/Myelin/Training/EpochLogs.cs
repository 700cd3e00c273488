using System.Text;

namespace Myelin.Training;

/// <summary>
/// The values recorded for one epoch, by name: "loss" and each metric on the training data,
/// "val_loss" and "val_" + each metric on the validation data (when there is one), "lr" (the
/// learning rate at the start of the epoch) and "seconds" (the epoch's duration, validation
/// included). Callbacks receive them in <see cref="Callback.OnEpochEnd"/>; <see cref="History"/>
/// keeps one per epoch.
/// </summary>
public sealed class EpochLogs
{
    readonly Dictionary<string, double> values;
    readonly string[] keys;

    /// <summary>Creates the logs of epoch <paramref name="epoch"/> from named values, kept in the given order.</summary>
    /// <param name="epoch">The epoch, numbered from 1.</param>
    /// <param name="values">The values by name; names must be distinct.</param>
    /// <param name="skippedBatches">Batches skipped because their loss was not finite.</param>
    /// <exception cref="ArgumentException">A name repeats.</exception>
    public EpochLogs(int epoch, IEnumerable<KeyValuePair<string, double>> values, int skippedBatches = 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(skippedBatches);
        Epoch = epoch;
        SkippedBatches = skippedBatches;
        this.values = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, value) in values)
        {
            if (!this.values.TryAdd(name, value))
                throw new ArgumentException($"EpochLogs: the name '{name}' appears twice.", nameof(values));
            order.Add(name);
        }
        keys = order.ToArray();
    }

    /// <summary>The epoch, numbered from 1.</summary>
    public int Epoch { get; }

    /// <summary>The names of the values, in recording order.</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>The values by name.</summary>
    public IReadOnlyDictionary<string, double> Values => values;

    /// <summary>Training batches skipped because their loss was not finite (see <see cref="NonFiniteLossAction.SkipBatch"/>).</summary>
    public int SkippedBatches { get; }

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such value; the message lists the names there are.</exception>
    public double this[string name] => TryGetValue(name, out double value) ? value
        : throw new KeyNotFoundException($"EpochLogs: no value named '{name}' in epoch {Epoch}; the names are {string.Join(", ", keys)}.");

    /// <summary>Looks up a value by name.</summary>
    public bool TryGetValue(string name, out double value) => values.TryGetValue(name, out value);

    /// <summary>Whether a value named <paramref name="name"/> was recorded.</summary>
    public bool Contains(string name) => values.ContainsKey(name);

    /// <summary>The mean training loss over the epoch's samples.</summary>
    public double Loss => this[LogNames.Loss];

    /// <summary>The mean validation loss, or null without validation data.</summary>
    public double? ValidationLoss => TryGetValue(LogNames.ValidationLoss, out double v) ? v : null;

    /// <summary>The learning rate at the start of the epoch.</summary>
    public double LearningRate => this[LogNames.LearningRate];

    /// <summary>The epoch's wall-clock duration in seconds, validation included.</summary>
    public double Seconds => this[LogNames.Seconds];

    /// <summary>One line: "epoch 3: loss 0.123, accuracy 0.96, val_loss 0.2, …".</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"epoch {Epoch}:");
        for (int i = 0; i < keys.Length; i++)
            text.Append(i == 0 ? " " : ", ").Append(keys[i]).Append(' ').Append(LogNames.Format(values[keys[i]]));
        if (SkippedBatches > 0) text.Append($" ({SkippedBatches} batch(es) skipped: loss not finite)");
        return text.ToString();
    }
}
