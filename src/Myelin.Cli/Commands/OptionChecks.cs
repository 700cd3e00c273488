using System.Globalization;
using Myelin.Cli.Data;

namespace Myelin.Cli.Commands;

/// <summary>Checks shared by the commands' settings; each failure is a usage error naming the option.</summary>
internal static class OptionChecks
{
    /// <summary>Exactly one source, a known data set name, and regression only for CSV files.</summary>
    public static void CheckDataSpec(DataSpec data)
    {
        if (data.DataSetName is not null && data.CsvPath is not null)
            throw CliException.Usage("--data and --csv cannot be used together; choose one source.");
        if (data.DataSetName is null && data.CsvPath is null)
            throw CliException.Usage("no data: give --data NAME or --csv FILE.");
        if (data.DataSetName is not null && !DataSetNames.All.Contains(data.DataSetName))
            throw CliException.Usage("--data: " + DataCatalog.UnknownDataSetMessage(data.DataSetName));
        if (data.DataSetName is not null && data.Task == TaskKind.Regression)
            throw CliException.Usage($"--task regression needs --csv FILE with a numeric label column; the data set '{data.DataSetName}' is a classification task.");
        if (data.CsvPath is null && data.LabelColumn is not null)
            throw CliException.Usage("--label-column applies to --csv files only.");
    }

    /// <summary>Each fraction in [0, 1) and their sum below 1, so that samples remain for training.</summary>
    public static void CheckFractions(double validationFraction, double testFraction)
    {
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw CliException.Usage($"--validation-fraction: must be in [0, 1), got {validationFraction.ToString(CultureInfo.InvariantCulture)}.");
        if (!(testFraction >= 0 && testFraction < 1))
            throw CliException.Usage($"--test-fraction: must be in [0, 1), got {testFraction.ToString(CultureInfo.InvariantCulture)}.");
        if (!(validationFraction + testFraction < 1))
            throw CliException.Usage(
                $"--validation-fraction + --test-fraction must be below 1 so that samples remain for training, got {(validationFraction + testFraction).ToString(CultureInfo.InvariantCulture)}.");
    }
}
