using Myelin.IO;
using Myelin.NN;

namespace Myelin.Vision;

/// <summary>
/// How the image layers appear in a model description (<see cref="ModelDescription"/>), so that a CNN saved
/// with <see cref="Model.Save"/> loads with <see cref="Model.Load"/>: <see cref="Conv1d"/>, <see cref="Conv2d"/>,
/// <see cref="ConvTranspose2d"/>, <see cref="MaxPool2d"/>, <see cref="AvgPool2d"/>, <see cref="AdaptiveAvgPool2d"/>,
/// <see cref="BatchNorm2d"/>, <see cref="Dropout2d"/>, <see cref="Upsample"/> and <see cref="Unflatten"/>.
/// The layer registry registers them together with the standard layers.
/// </summary>
/// <remarks>
/// Field names are PyTorch's constructor arguments. A 2-D size is a JSON integer when the layer was given one
/// number and a pair [height, width] otherwise, so a loaded layer prints as the saved one did; a convolution's
/// padding may also be the string "same" or "valid".
/// </remarks>
internal static class VisionModelLayers
{
    /// <summary>Adds the image layer types to the registry; registering again replaces the same entries.</summary>
    public static void RegisterAll()
    {
        ModelDescription.Register<Conv2d>("Conv2d",
            (m, w) =>
            {
                w.Write("in_channels", m.InChannels);
                w.Write("out_channels", m.OutChannels);
                WriteSize(w, "kernel_size", m.KernelSize);
                WriteSize(w, "stride", m.Stride);
                WritePadding(w, m.Padding, pair: true);
                WriteSize(w, "dilation", m.Dilation);
                w.Write("groups", m.Groups);
                w.Write("bias", m.Bias is not null);
                w.WriteDType(m.Weight.DType);
            },
            r => new Conv2d(r.GetInt32("in_channels"), r.GetInt32("out_channels"), ReadSize(r, "kernel_size"), ReadSize(r, "stride"),
                ReadPadding(r), ReadSize(r, "dilation"), r.GetInt32("groups"), r.GetBoolean("bias"), r.Generator, r.GetDType()));

        ModelDescription.Register<Conv1d>("Conv1d",
            (m, w) =>
            {
                w.Write("in_channels", m.InChannels);
                w.Write("out_channels", m.OutChannels);
                w.Write("kernel_size", m.KernelSize);
                w.Write("stride", m.Stride);
                WritePadding(w, m.Padding, pair: false);
                w.Write("dilation", m.Dilation);
                w.Write("groups", m.Groups);
                w.Write("bias", m.Bias is not null);
                w.WriteDType(m.Weight.DType);
            },
            r => new Conv1d(r.GetInt32("in_channels"), r.GetInt32("out_channels"), r.GetInt32("kernel_size"), r.GetInt32("stride"),
                ReadPadding(r), r.GetInt32("dilation"), r.GetInt32("groups"), r.GetBoolean("bias"), r.Generator, r.GetDType()));

        ModelDescription.Register<ConvTranspose2d>("ConvTranspose2d",
            (m, w) =>
            {
                w.Write("in_channels", m.InChannels);
                w.Write("out_channels", m.OutChannels);
                WriteSize(w, "kernel_size", m.KernelSize);
                WriteSize(w, "stride", m.Stride);
                WriteSize(w, "padding", m.Padding);
                WriteSize(w, "output_padding", m.OutputPadding);
                w.Write("groups", m.Groups);
                w.Write("bias", m.Bias is not null);
                WriteSize(w, "dilation", m.Dilation);
                w.WriteDType(m.Weight.DType);
            },
            r => new ConvTranspose2d(r.GetInt32("in_channels"), r.GetInt32("out_channels"), ReadSize(r, "kernel_size"), ReadSize(r, "stride"),
                ReadSize(r, "padding"), ReadSize(r, "output_padding"), r.GetInt32("groups"), r.GetBoolean("bias"), ReadSize(r, "dilation"),
                r.Generator, r.GetDType()));

        ModelDescription.Register<MaxPool2d>("MaxPool2d",
            (m, w) =>
            {
                WriteSize(w, "kernel_size", m.KernelSize);
                WriteSize(w, "stride", m.Stride);
                WriteSize(w, "padding", m.Padding);
                WriteSize(w, "dilation", m.Dilation);
                w.Write("ceil_mode", m.CeilMode);
            },
            r => new MaxPool2d(ReadSize(r, "kernel_size"), ReadSize(r, "stride"), ReadSize(r, "padding"), ReadSize(r, "dilation"), r.GetBoolean("ceil_mode")));

        ModelDescription.Register<AvgPool2d>("AvgPool2d",
            (m, w) =>
            {
                WriteSize(w, "kernel_size", m.KernelSize);
                WriteSize(w, "stride", m.Stride);
                WriteSize(w, "padding", m.Padding);
                w.Write("ceil_mode", m.CeilMode);
                w.Write("count_include_pad", m.CountIncludePad);
                w.Write("divisor_override", (double?)m.DivisorOverride);
            },
            r => new AvgPool2d(ReadSize(r, "kernel_size"), ReadSize(r, "stride"), ReadSize(r, "padding"), r.GetBoolean("ceil_mode"),
                r.GetBoolean("count_include_pad"), ReadOptionalInt(r, "divisor_override")));

        ModelDescription.Register<AdaptiveAvgPool2d>("AdaptiveAvgPool2d",
            (m, w) => WriteSize(w, "output_size", m.OutputSize),
            r => new AdaptiveAvgPool2d(ReadSize(r, "output_size")));

        ModelDescription.Register<BatchNorm2d>("BatchNorm2d", ModelStandardLayers.WriteBatchNorm,
            r => ModelStandardLayers.ReadBatchNorm(r, (numFeatures, eps, momentum, affine, trackRunningStats, dtype) =>
                new BatchNorm2d(numFeatures, eps, momentum, affine, trackRunningStats, dtype)));

        ModelDescription.Register<Dropout2d>("Dropout2d", (m, w) => w.Write("p", m.P), r => new Dropout2d(r.GetDouble("p")));

        ModelDescription.Register<Upsample>("Upsample",
            (m, w) =>
            {
                // Exactly one of the two is set; the other is left out.
                if (m.Size is Size2d size) WriteSize(w, "size", size);
                if (m.ScaleFactor is double factor) w.Write("scale_factor", factor);
                w.Write("mode", m.Mode);
            },
            r => new Upsample(r.Contains("size") ? ReadSize(r, "size") : null,
                r.Contains("scale_factor") ? r.GetDouble("scale_factor") : null, r.GetString("mode")));

        ModelDescription.Register<Unflatten>("Unflatten",
            (m, w) =>
            {
                w.Write("dim", m.Dim);
                w.Write("unflattened_size", m.UnflattenedSize);
            },
            r => new Unflatten(r.GetInt32("dim"), r.GetInt32Array("unflattened_size")));
    }

    /// <summary>Writes a size as one integer when it was given as one, else as [height, width].</summary>
    static void WriteSize(ModelLayerWriter writer, string name, Size2d size)
    {
        // Size2d prints a pair in parentheses and a single number without: keep the form it was given in.
        if (size.ToString().StartsWith('(')) writer.Write(name, [size.Height, size.Width]);
        else writer.Write(name, size.Height);
    }

    /// <summary>Reads a size written by <see cref="WriteSize"/>: an integer or [height, width].</summary>
    static Size2d ReadSize(ModelLayerReader reader, string name)
    {
        RequirePresent(reader, name);
        if (TryRead(() => reader.GetInt32(name), out int single)) return single;
        if (TryRead(() => reader.GetInt32Array(name), out int[]? pair) && pair!.Length == 2) return (pair[0], pair[1]);
        throw reader.Error($"{reader.TypeName}: field \"{name}\" must be an integer or a pair [height, width].");
    }

    /// <summary>Writes a convolution's padding: "same" or "valid", or the sizes ([height, width] for 2-D, one integer for 1-D).</summary>
    static void WritePadding(ModelLayerWriter writer, ConvPadding padding, bool pair)
    {
        if (padding.Mode is string mode) writer.Write("padding", mode);
        else if (pair) writer.Write("padding", [padding.Height, padding.Width]);
        else writer.Write("padding", padding.Height);
    }

    /// <summary>Reads a convolution's padding: a mode string, an integer or [height, width].</summary>
    static ConvPadding ReadPadding(ModelLayerReader reader)
    {
        const string name = "padding";
        RequirePresent(reader, name);
        if (TryRead(() => reader.GetString(name), out string? mode)) return mode!;
        if (TryRead(() => reader.GetInt32(name), out int single)) return single;
        if (TryRead(() => reader.GetInt32Array(name), out int[]? pair) && pair!.Length == 2) return (pair[0], pair[1]);
        throw reader.Error($"{reader.TypeName}: field \"{name}\" must be \"same\", \"valid\", an integer or a pair [height, width].");
    }

    static void RequirePresent(ModelLayerReader reader, string name)
    {
        if (!reader.Contains(name)) throw reader.Error($"{reader.TypeName}: missing field \"{name}\".");
    }

    /// <summary>
    /// Reads a field that may take one of several JSON forms: the reader's getters check one form each and
    /// throw for another, so each form is tried in turn.
    /// </summary>
    static bool TryRead<T>(Func<T> read, out T? value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (ModelFormatException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>An integer field that may be null (written as a JSON number or null).</summary>
    static int? ReadOptionalInt(ModelLayerReader reader, string name)
    {
        if (reader.GetNullableDouble(name) is not double value) return null;
        if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
            throw reader.Error($"{reader.TypeName}: field \"{name}\" must be an integer or null, got {value}.");
        return (int)value;
    }
}
