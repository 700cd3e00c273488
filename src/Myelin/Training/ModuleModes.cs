using Myelin.NN;

namespace Myelin.Training;

/// <summary>
/// Remembers the training/evaluation mode of a model and all its submodules, so that Fit,
/// Evaluate and Predict can switch modes and leave the model as they found it (including a
/// submodule deliberately kept in evaluation mode, such as frozen batch normalisation).
/// </summary>
internal sealed class ModuleModes
{
    readonly (Module Module, bool Training)[] modes;

    ModuleModes((Module, bool)[] modes) => this.modes = modes;

    public static ModuleModes Capture(Module model) => new(model.Modules().Select(m => (m, m.IsTraining)).ToArray());

    public void Restore()
    {
        // Modules() lists parents before children, and Train(mode) also sets the descendants, so
        // setting each in order ends with every module in its own saved mode.
        foreach (var (module, training) in modes) module.Train(training);
    }
}
