using Myelin.NN;

namespace Myelin.IO;

/// <summary>
/// The layer types that model descriptions can hold, by name and by .NET type. The standard layers are
/// registered on first use; other layer types add themselves with <see cref="ModelDescription.Register{TModule}"/>.
/// </summary>
internal static class ModelLayerRegistry
{
    static readonly object gate = new();
    static readonly Dictionary<string, ModelLayerType> byName = new(StringComparer.Ordinal);
    static readonly Dictionary<Type, ModelLayerType> byType = [];

    static ModelLayerRegistry() => ModelStandardLayers.RegisterAll();

    /// <summary>Adds a layer type, or replaces the entry registered under the same name for the same type.</summary>
    /// <exception cref="ArgumentException">The name is taken by another type, or the type is registered under another name.</exception>
    public static void Register(ModelLayerType entry)
    {
        lock (gate)
        {
            if (byName.TryGetValue(entry.Name, out var existing) && existing.ModuleType != entry.ModuleType)
                throw new ArgumentException(
                    $"ModelDescription.Register: the layer type name \"{entry.Name}\" is already registered for {existing.ModuleType.Name}.", "typeName");
            if (byType.TryGetValue(entry.ModuleType, out existing) && existing.Name != entry.Name)
                throw new ArgumentException(
                    $"ModelDescription.Register: {entry.ModuleType.Name} is already registered under the name \"{existing.Name}\".", "typeName");
            byName[entry.Name] = entry;
            byType[entry.ModuleType] = entry;
        }
    }

    /// <summary>The entry for the type name <paramref name="name"/>, or null.</summary>
    public static ModelLayerType? Find(string name)
    {
        lock (gate) return byName.GetValueOrDefault(name);
    }

    /// <summary>The entry for the module class of <paramref name="module"/> (exactly that class), or null.</summary>
    public static ModelLayerType? Find(Module module)
    {
        lock (gate) return byType.GetValueOrDefault(module.GetType());
    }

    /// <summary>The registered type names, in registration order.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (gate) return [.. byName.Keys];
        }
    }
}
