using Myelin.Examples;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// <c>char-lstm</c>: a character-level LSTM language model of English words; its validation loss against the unigram
/// baseline, and new words sampled with a temperature.
/// </summary>
internal sealed class CharLstmDemo : ISequenceDemo
{
    const int EmbeddingDim = 32;
    const int HiddenSize = 128;

    // Defaults sized to train in well under a minute on two cores.
    const int MaxWords = 30_000;
    const int Epochs = 2;
    const double LearningRate = 3e-3;

    public string Name => "char-lstm";

    public string Summary => "a character-level LSTM learns to spell English words; validation loss vs the unigram baseline, sampled new words";

    public IReadOnlyList<DemoOption> Options { get; } = CharModelDemo.Options(MaxWords, Epochs, LearningRate);

    public int Run(DemoOptions options, TextWriter output) =>
        CharModelDemo.Run("Character-level LSTM language model of English words", options, output, (MaxWords, Epochs, LearningRate),
            (vocabSize, _, generator) => (new CharLSTM(vocabSize, EmbeddingDim, HiddenSize, generator: generator),
                $"CharLSTM: embedding {vocabSize}×{EmbeddingDim}, LSTM {EmbeddingDim}→{HiddenSize}, linear {HiddenSize}→{vocabSize}"));
}
