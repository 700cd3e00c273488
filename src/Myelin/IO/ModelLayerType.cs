using Myelin.NN;

namespace Myelin.IO;

/// <summary>A layer type known to <see cref="ModelDescription"/>: its name in descriptions, its .NET type, and how to write and rebuild it.</summary>
/// <param name="Name">The value of the "type" field, such as "Linear".</param>
/// <param name="ModuleType">The module class, matched exactly (not subclasses).</param>
/// <param name="Describe">Writes the module's settings.</param>
/// <param name="Build">Creates a module from the settings.</param>
internal sealed record ModelLayerType(string Name, Type ModuleType, Action<Module, ModelLayerWriter> Describe, Func<ModelLayerReader, Module> Build)
{
    /// <summary>The entry for <typeparamref name="TModule"/>, with the functions typed for it.</summary>
    public static ModelLayerType For<TModule>(string name, Action<TModule, ModelLayerWriter> describe, Func<ModelLayerReader, TModule> build)
        where TModule : Module =>
        new(name, typeof(TModule), (module, writer) => describe((TModule)module, writer), reader => build(reader));
}
