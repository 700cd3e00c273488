using Myelin.NN;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// <c>char-transformer</c>: the <c>char-lstm</c> task with a small causal transformer (<see cref="CausalTransformerLM"/>)
/// in place of the LSTM.
/// </summary>
internal sealed class CharTransformerDemo : ISequenceDemo
{
    const int DModel = 64;
    const int Heads = 4;
    const int Layers = 2;

    // Defaults sized to train in well under a minute on two cores.
    const int MaxWords = 20_000;
    const int Epochs = 2;
    const double LearningRate = 3e-3;

    public string Name => "char-transformer";

    public string Summary => "the char-lstm task with a small causal transformer (GPT-style) instead of the LSTM";

    public IReadOnlyList<DemoOption> Options { get; } = CharModelDemo.Options(MaxWords, Epochs, LearningRate);

    public int Run(DemoOptions options, TextWriter output) =>
        CharModelDemo.Run("Character-level transformer language model of English words", options, output, (MaxWords, Epochs, LearningRate),
            (vocabSize, longestInput, generator) => (
                new CausalTransformerLM(vocabSize, DModel, Heads, Layers, dimFeedforward: 4 * DModel, maxLength: longestInput, dropout: 0, generator: generator),
                $"CausalTransformerLM: {Layers} causal self-attention blocks of width {DModel} with {Heads} heads, context {longestInput} tokens"));
}
