using Myelin.Text;

namespace Myelin.Tests.Sequence;

public class TextTests
{
    [Fact]
    public void VocabularyEncodesAndDecodesText()
    {
        var vocabulary = CharVocabulary.FromText("hello world");
        Assert.Equal(" dehlorw", new string(vocabulary.Characters.ToArray()));
        Assert.Equal(3 + 8, vocabulary.Count);
        Assert.Equal(3, vocabulary.IndexOf(' '));
        var tokens = vocabulary.Encode("hold", addStart: true, addEnd: true);
        Assert.Equal(new long[] { 1, 6, 8, 7, 4, 2 }, tokens);
        Assert.Equal("hold", vocabulary.Decode(tokens));
        Assert.Equal("<s>hold</s>", vocabulary.Decode(tokens, skipSpecialTokens: false));
        Assert.Equal("<pad>", vocabulary.TokenOf(vocabulary.PaddingIndex));
        var tensor = vocabulary.EncodeTensor("low");
        Assert.Equal(DType.Int64, tensor.DType);
        Assert.Equal("low", vocabulary.Decode(tensor));
        Assert.Equal(vocabulary.Characters, new CharVocabulary(vocabulary.Characters).Characters);
    }

    [Fact]
    public void UnknownCharactersAndIndicesAreErrors()
    {
        var vocabulary = CharVocabulary.FromText("abc");
        var error = Assert.Throws<ArgumentException>(() => vocabulary.Encode("abx"));
        Assert.Contains("'x'", error.Message);
        Assert.Contains("position 2", error.Message);
        Assert.False(vocabulary.Contains('x'));
        Assert.Throws<KeyNotFoundException>(() => vocabulary.IndexOf('\n'));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Decode([7L]));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Decode([-1L]));
        Assert.Throws<ArgumentException>(() => vocabulary.Decode(Tensor.Zeros(3)));
    }

    [Fact]
    public void ProbabilitiesFollowTemperatureAndTopK()
    {
        var logits = Tensor.FromArray(new float[] { 1, 2, 3, 0 });
        var p = Sampling.Probabilities(logits);
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3) + 1;
        Assert.Equal(Math.Exp(3) / z, p[2], 6);
        var cold = Sampling.Probabilities(logits, temperature: 0.5);
        Assert.Equal(Math.Exp(6) / (Math.Exp(2) + Math.Exp(4) + Math.Exp(6) + 1), cold[2], 6);
        var top2 = Sampling.Probabilities(logits, topK: 2);
        Assert.Equal(0, top2[0]);
        Assert.Equal(0, top2[3]);
        Assert.Equal(Math.Exp(2) / (Math.Exp(2) + Math.Exp(3)), top2[1], 6);
    }

    [Fact]
    public void SampleDrawsFromTheDistributionReproducibly()
    {
        var logits = Tensor.FromArray(new float[] { 0, (float)Math.Log(3), float.NegativeInfinity });
        var generator = new Generator(5);
        var counts = new int[3];
        for (int i = 0; i < 4000; i++) counts[Sampling.Sample(logits, generator: generator)]++;
        Assert.Equal(0, counts[2]);
        Assert.InRange(counts[1] / 4000.0, 0.72, 0.78);   // expected 3/4
        Assert.Equal(Sampling.Sample(logits, generator: new Generator(6)), Sampling.Sample(logits, generator: new Generator(6)));
        Assert.Equal(1, Sampling.Sample(logits, topK: 1, generator: generator));
        Assert.Equal(1, Sampling.Greedy(logits));
    }

    [Fact]
    public void SamplingRejectsBadArguments()
    {
        var logits = Tensor.FromArray(new float[] { 1, 2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(logits, temperature: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(logits, topK: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Sample(logits, topK: 0));
        var shapeError = Assert.Throws<ArgumentException>(() => Sampling.Sample(Tensor.Zeros(2, 2)));
        Assert.Contains("1-D", shapeError.Message);
        Assert.Throws<ArgumentException>(() => Sampling.Sample(Tensor.FromArray(new float[] { float.NaN, 1 })));
        Assert.Throws<ArgumentException>(() => Sampling.Sample(Tensor.FromArray(new float[] { float.NegativeInfinity })));
    }
}
