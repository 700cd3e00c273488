using System.Globalization;

namespace Myelin.Training;

/// <summary>The names under which a trainer records values, and how they are printed.</summary>
internal static class LogNames
{
    /// <summary>The prefix of values measured on the validation data: "val_loss", "val_accuracy".</summary>
    public const string ValidationPrefix = "val_";

    /// <summary>The mean training loss of an epoch.</summary>
    public const string Loss = "loss";

    /// <summary>The mean validation loss of an epoch.</summary>
    public const string ValidationLoss = ValidationPrefix + Loss;

    /// <summary>The learning rate at the start of an epoch.</summary>
    public const string LearningRate = "lr";

    /// <summary>The wall-clock seconds an epoch took, validation included.</summary>
    public const string Seconds = "seconds";

    /// <summary>A value for tables and messages: 6 significant digits, invariant culture.</summary>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A value for files: round-trip precision, invariant culture.</summary>
    public static string FormatExact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
