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

        Add<BatchNorm1d>("BatchNorm1d",
            (m, w) =>
            {
                w.Write("num_features", m.NumFeatures);
                w.Write("eps", m.Eps);
                w.Write("momentum", m.Momentum);
                w.Write("affine", m.Affine);
                w.Write("track_running_stats", m.TrackRunningStats);
                // Without weights or running statistics the layer holds no tensor, so no dtype.
                if ((m.Weight ?? m.RunningMean) is { } tensor) w.WriteDType(tensor.DType);
            },
            r => new BatchNorm1d(r.GetInt32("num_features"), r.GetDouble("eps"), r.GetNullableDouble("momentum"),
                r.GetBoolean("affine"), r.GetBoolean("track_running_stats"), r.GetDType()));

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

    static void Add<TModule>(string name, Action<TModule, ModelLayerWriter> describe, Func<ModelLayerReader, TModule> build) where TModule : Module =>
        ModelLayerRegistry.Register(ModelLayerType.For(name, describe, build));
}
