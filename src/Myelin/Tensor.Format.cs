using System.Globalization;
using System.Text;

namespace Myelin;

public sealed partial class Tensor
{
    const int SummaryThreshold = 1000;
    const int EdgeItems = 3;

    /// <summary>
    /// A readable rendering in PyTorch's style: values (abridged with "..." beyond 1000 elements,
    /// three at each edge), then shape, dtype and gradient information.
    /// </summary>
    public override string ToString()
    {
        var values = ToArray<double>();
        bool summarize = values.Length > SummaryThreshold;
        bool isFloat = DType.IsFloatingPoint();
        bool allIntegral = values.All(v => !double.IsFinite(v) || v == Math.Floor(v));
        double maxAbs = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        bool scientific = isFloat && (maxAbs >= 1e8 || (maxAbs > 0 && maxAbs < 1e-4));

        string FormatValue(double v) => DType switch
        {
            DType.Bool => v != 0 ? "True" : "False",
            DType.Int32 or DType.Int64 => ((long)v).ToString(CultureInfo.InvariantCulture),
            _ => double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
                : scientific ? v.ToString("0.0000e+00", CultureInfo.InvariantCulture)
                : allIntegral ? v.ToString("0", CultureInfo.InvariantCulture) + "."
                : v.ToString("0.0000", CultureInfo.InvariantCulture),
        };

        int width = values.Length == 0 ? 1 : values.Select(FormatValue).Max(s => s.Length);
        var text = new StringBuilder("tensor(");
        if (Rank == 0) text.Append(FormatValue(values[0]));
        else AppendDimension(text, values, 0, 0, summarize, v => FormatValue(v).PadLeft(width), "tensor(".Length);
        text.Append(", shape=").Append(Layout.Format(shape));
        if (DType != DType.Float32) text.Append(", dtype=").Append(DType);
        if (GradFn is not null) text.Append(", grad_fn=").Append(GradFn.Op);
        else if (RequiresGrad) text.Append(", requires_grad=True");
        return text.Append(')').ToString();
    }

    void AppendDimension(StringBuilder text, double[] values, int dim, int start, bool summarize, Func<double, string> format, int indent)
    {
        int size = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < Rank; d++) stride *= shape[d];
        text.Append('[');
        bool abridge = summarize && size > 2 * EdgeItems;
        for (int i = 0; i < size; i++)
        {
            if (abridge && i == EdgeItems)
            {
                text.Append(dim == Rank - 1 ? "..., " : "...,\n" + new string(' ', indent + dim + 1));
                i = size - EdgeItems - 1;
                continue;
            }
            if (dim == Rank - 1) text.Append(format(values[start + i]));
            else AppendDimension(text, values, dim + 1, start + i * stride, summarize, format, indent);
            if (i < size - 1)
                text.Append(dim == Rank - 1 ? ", " : "," + new string('\n', Rank - dim - 1) + new string(' ', indent + dim + 1));
        }
        text.Append(']');
    }
}
