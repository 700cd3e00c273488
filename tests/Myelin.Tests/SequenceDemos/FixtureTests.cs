using Myelin.Examples;
using Myelin.NN;
using Myelin.Tests.NN;
using Myelin.Text;

namespace Myelin.Tests.SequenceDemos;

/// <summary>
/// The example models against PyTorch (tools/make_sequence_demo_fixtures.py): the recorded state dict is loaded by its
/// PyTorch names, then outputs, losses and the gradients of the inputs and of every parameter are compared
/// (Float32: 1e-5 relative for values, 1e-4 for gradients).
/// </summary>
public class FixtureTests
{
    const double ForwardTolerance = 1e-5;
    const double GradientTolerance = 1e-4;

    static void Load(Module module, DemoFixtureCase c)
    {
        Assert.Equal(c.State.Keys.Order(), module.StateDict().Keys.Order());
        module.LoadStateDict(c.State);
    }

    static void CloseValue(DemoFixtureCase c, string name, Tensor actual) =>
        TensorAssert.Close(c.Outputs[name], actual, ForwardTolerance, ForwardTolerance, $"{c.Name} {name}");

    static void CloseGradients(DemoFixtureCase c, Module? module)
    {
        if (module is not null)
            foreach (var (name, parameter) in module.NamedParameters())
                TensorAssert.Close(c.ParamGrads[name], parameter.Grad, GradientTolerance, GradientTolerance, $"{c.Name} gradient of {name}");
    }

    [Fact]
    public void CharLSTMMatchesPyTorch()
    {
        var c = DemoFixtures.Get("char_lstm");
        var model = new CharLSTM(c.Int("vocab_size"), c.Int("embedding_dim"), c.Int("hidden_size"), c.Int("num_layers"));
        Load(model, c);
        var tokens = c.Inputs["tokens"];
        var vocabulary = new CharVocabulary("abcd");
        Assert.Equal(c.Int("vocab_size"), vocabulary.Count);

        CloseValue(c, "logits", model.Forward(tokens.Narrow(1, 0, tokens.Size(1) - 1)));
        var loss = CharLanguageModelTraining.Loss(model, tokens, vocabulary);
        CloseValue(c, "loss", loss);
        loss.Backward();
        CloseGradients(c, model);
    }

    [Theory]
    [InlineData("sine_forecaster_rnn", RecurrentKind.RNN)]
    [InlineData("sine_forecaster_lstm", RecurrentKind.LSTM)]
    [InlineData("sine_forecaster_gru", RecurrentKind.GRU)]
    public void SineForecasterMatchesPyTorch(string name, RecurrentKind kind)
    {
        var c = DemoFixtures.Get(name);
        var model = new SineForecaster(kind, c.Int("hidden_size"));
        Load(model, c);
        var windows = c.Inputs["windows"].RequireGrad();
        var prediction = model.Forward(windows);
        CloseValue(c, "prediction", prediction);
        var loss = F.MSELoss(prediction, c.Inputs["target"]);
        CloseValue(c, "loss", loss);
        loss.Backward();
        TensorAssert.Close(c.InputGrads["windows"], windows.Grad, GradientTolerance, GradientTolerance, $"{name} gradient of the windows");
        CloseGradients(c, model);
    }

    [Fact]
    public void AttentionWordClassifierMatchesPyTorch()
    {
        var c = DemoFixtures.Get("attention_classifier");
        var model = new AttentionWordClassifier(c.Int("vocab_size"), c.Int("embed_dim"), c.Int("num_heads"), c.Int("num_classes"));
        Load(model, c);
        var (logits, weights) = model.ForwardWithWeights(c.Inputs["tokens"]);
        CloseValue(c, "logits", logits);
        CloseValue(c, "weights", weights);
        var loss = F.CrossEntropy(logits, c.Inputs["labels"]);
        CloseValue(c, "loss", loss);
        loss.Backward();
        CloseGradients(c, model);
    }

    [Fact]
    public void MinibatchStdDevMatchesPyTorch()
    {
        var c = DemoFixtures.Get("minibatch_std");
        var input = c.Inputs["input"].RequireGrad();
        var output = new MinibatchStdDev().Forward(input);
        CloseValue(c, "output", output);
        (output * c.Inputs["upstream"]).Sum().Backward();
        TensorAssert.Close(c.InputGrads["input"], input.Grad, GradientTolerance, GradientTolerance, "minibatch_std input gradient");
    }

    [Fact]
    public void GanLossesMatchPyTorch()
    {
        var c = DemoFixtures.Get("gan_losses");
        var real = c.Inputs["real_logits"].RequireGrad();
        var fake = c.Inputs["fake_logits"].RequireGrad();
        var discriminator = GanLosses.Discriminator(real, fake);
        var generator = GanLosses.Generator(fake);
        CloseValue(c, "discriminator_loss", discriminator);
        CloseValue(c, "generator_loss", generator);
        (discriminator + generator).Backward();
        TensorAssert.Close(c.InputGrads["real_logits"], real.Grad, GradientTolerance, GradientTolerance, "gradient of the real logits");
        TensorAssert.Close(c.InputGrads["fake_logits"], fake.Grad, GradientTolerance, GradientTolerance, "gradient of the fake logits");
    }
}
