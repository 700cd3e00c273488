using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// How the standard layers of <see cref="Myelin.NN"/> appear in a model description. Field names are
/// PyTorch's constructor arguments; every setting a layer's constructor takes is written, except the
/// random generator (a built model draws fresh initial values, and dropout draws from
/// <see cref="Generator.Default"/>).
/// </summary>
internal static class ModelStandardLayers
{
    public static void RegisterAll()
    {
        Add<Sequential>("Sequential",
            (m, w) => w.WriteModules("layers", m),
            r => new Sequential([.. r.BuildModules("layers")]));

        Add<Linear>("Linear",
            (m, w) =>
            {
                w.Write("in_features", m.InFeatures);
                w.Write("out_features", m.OutFeatures);
                w.Write("bias", m.Bias is not null);
                w.WriteDType(m.Weight.DType);
            },
            r => new Linear(r.GetInt32("in_features"), r.GetInt32("out_features"), r.GetBoolean("bias"), r.Generator, r.GetDType()));

        Add<BatchNorm1d>("BatchNorm1d", WriteBatchNorm,
            r => ReadBatchNorm(r, (numFeatures, eps, momentum, affine, trackRunningStats, dtype) =>
                new BatchNorm1d(numFeatures, eps, momentum, affine, trackRunningStats, dtype)));

        Add<LayerNorm>("LayerNorm",
            (m, w) =>
            {
                w.Write("normalized_shape", m.NormalizedShape);
                w.Write("eps", m.Eps);
                w.Write("elementwise_affine", m.ElementwiseAffine);
                if (m.Weight is { } weight) w.WriteDType(weight.DType);
            },
            r => new LayerNorm(r.GetInt32Array("normalized_shape"), r.GetDouble("eps"), r.GetBoolean("elementwise_affine"), r.GetDType()));

        Add<Dropout>("Dropout", (m, w) => w.Write("p", m.P), r => new Dropout(r.GetDouble("p")));

        Add<Flatten>("Flatten",
            (m, w) =>
            {
                w.Write("start_dim", m.StartDim);
                w.Write("end_dim", m.EndDim);
            },
            r => new Flatten(r.GetInt32("start_dim"), r.GetInt32("end_dim")));

        Add<Identity>("Identity", (_, _) => { }, _ => new Identity());

        // Activations.
        Add<Step>("Step", (m, w) => w.Write("threshold", m.Threshold), r => new Step(r.GetDouble("threshold")));
        Add<Sigmoid>("Sigmoid", (_, _) => { }, _ => new Sigmoid());
        Add<Tanh>("Tanh", (_, _) => { }, _ => new Tanh());
        Add<ReLU>("ReLU", (_, _) => { }, _ => new ReLU());
        Add<LeakyReLU>("LeakyReLU", (m, w) => w.Write("negative_slope", m.NegativeSlope), r => new LeakyReLU(r.GetDouble("negative_slope")));
        Add<ELU>("ELU", (m, w) => w.Write("alpha", m.Alpha), r => new ELU(r.GetDouble("alpha")));
        Add<GELU>("GELU", (m, w) => w.Write("approximate", m.Approximate), r => new GELU(r.GetString("approximate")));
        Add<SiLU>("SiLU", (_, _) => { }, _ => new SiLU());
        Add<Softplus>("Softplus",
            (m, w) =>
            {
                w.Write("beta", m.Beta);
                w.Write("threshold", m.Threshold);
            },
            r => new Softplus(r.GetDouble("beta"), r.GetDouble("threshold")));
        Add<Softmax>("Softmax", (m, w) => w.Write("dim", m.Dim), r => new Softmax(r.GetInt32("dim")));
        Add<LogSoftmax>("LogSoftmax", (m, w) => w.Write("dim", m.Dim), r => new LogSoftmax(r.GetInt32("dim")));

        // Convolution, pooling and the other image layers.
        Vision.VisionModelLayers.RegisterAll();
    }

    /// <summary>Writes the settings every batch normalisation layer (1-D or 2-D) takes.</summary>
    internal static void WriteBatchNorm(BatchNormBase layer, ModelLayerWriter writer)
    {
        writer.Write("num_features", layer.NumFeatures);
        writer.Write("eps", layer.Eps);
        writer.Write("momentum", layer.Momentum);
        writer.Write("affine", layer.Affine);
        writer.Write("track_running_stats", layer.TrackRunningStats);
        // Without weights or running statistics the layer holds no tensor, so no dtype.
        if ((layer.Weight ?? layer.RunningMean) is { } tensor) writer.WriteDType(tensor.DType);
    }

    /// <summary>
    /// Reads the settings written by <see cref="WriteBatchNorm"/> and builds the layer with <paramref name="create"/>
    /// from (num_features, eps, momentum, affine, track_running_stats, dtype).
    /// </summary>
    internal static TLayer ReadBatchNorm<TLayer>(ModelLayerReader reader, Func<int, double, double?, bool, bool, DType, TLayer> create) =>
        create(reader.GetInt32("num_features"), reader.GetDouble("eps"), reader.GetNullableDouble("momentum"),
            reader.GetBoolean("affine"), reader.GetBoolean("track_running_stats"), reader.GetDType());

    static void Add<TModule>(string name, Action<TModule, ModelLayerWriter> describe, Func<ModelLayerReader, TModule> build) where TModule : Module =>
        ModelLayerRegistry.Register(ModelLayerType.For(name, describe, build));
}
