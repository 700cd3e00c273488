using System.Text.Json;
using Myelin.Optim;

namespace Myelin.Tests.Optim;

/// <summary>Builds the optimizer and schedules that the scheduler fixtures describe.</summary>
public static class ScheduleFactory
{
    /// <summary>SGD with two groups whose learning rates are the fixture's base rates.</summary>
    public static SGD TwoGroupOptimizer()
    {
        var baseLrs = OptimFixtures.Doubles(OptimFixtures.Schedulers.GetProperty("base_lrs"));
        return new SGD([
            new ParameterGroup([Tensor.Zeros(2).RequireGrad()]) { LearningRate = baseLrs[0] },
            new ParameterGroup([Tensor.Zeros(1).RequireGrad()]) { LearningRate = baseLrs[1] },
        ], lr: baseLrs[0]);
    }

    /// <summary>An <see cref="LRScheduler"/> or a <see cref="ReduceLROnPlateau"/>.</summary>
    public static object Create(JsonElement d, Optimizer optimizer)
    {
        double Number(string name, double fallback) => d.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        int Integer(string name) => d.GetProperty(name).GetInt32();
        bool Flag(string name) => d.TryGetProperty(name, out var v) && v.GetBoolean();
        string Text(string name, string fallback) => d.TryGetProperty(name, out var v) ? v.GetString()! : fallback;

        return d.GetProperty("kind").GetString() switch
        {
            "StepLR" => new StepLR(optimizer, Integer("step_size"), Number("gamma", 0.1)),
            "MultiStepLR" => new MultiStepLR(optimizer, d.GetProperty("milestones").EnumerateArray().Select(m => m.GetInt32()), Number("gamma", 0.1)),
            "ExponentialLR" => new ExponentialLR(optimizer, Number("gamma", double.NaN)),
            "CosineAnnealingLR" => new CosineAnnealingLR(optimizer, Integer("t_max"), Number("eta_min", 0)),
            "OneCycleLR" => new OneCycleLR(optimizer, Number("max_lr", double.NaN), Integer("total_steps"), Number("pct_start", 0.3),
                Text("anneal", "cos") == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos,
                Number("div_factor", 25), Number("final_div_factor", 1e4), Flag("three_phase")),
            "LinearWarmup" => new LinearWarmup(optimizer, Integer("warmup_steps"), Number("start_factor", 1.0 / 3),
                d.TryGetProperty("then", out var then) ? (LRScheduler)Create(then, optimizer) : null),
            "ReduceLROnPlateau" => new ReduceLROnPlateau(optimizer,
                Text("mode", "min") == "max" ? PlateauMode.Max : PlateauMode.Min,
                Number("factor", 0.1), d.TryGetProperty("patience", out var p) ? p.GetInt32() : 10, Number("threshold", 1e-4),
                Text("threshold_mode", "rel") == "abs" ? ThresholdMode.Absolute : ThresholdMode.Relative,
                d.TryGetProperty("cooldown", out var c) ? c.GetInt32() : 0, Number("min_lr", 0)),
            var kind => throw new ArgumentException($"unknown schedule {kind}"),
        };
    }

    /// <summary>One step of either kind of schedule; plateau schedules read the scripted metric of that step.</summary>
    public static void Step(object schedule, JsonElement description, int step)
    {
        if (schedule is ReduceLROnPlateau plateau) plateau.Step(description.GetProperty("metrics")[step].GetDouble());
        else ((LRScheduler)schedule).Step();
    }

    public static Dictionary<string, Tensor> StateDict(object schedule) =>
        schedule is ReduceLROnPlateau plateau ? plateau.StateDict() : ((LRScheduler)schedule).StateDict();

    public static void LoadStateDict(object schedule, IReadOnlyDictionary<string, Tensor> state)
    {
        if (schedule is ReduceLROnPlateau plateau) plateau.LoadStateDict(state);
        else ((LRScheduler)schedule).LoadStateDict(state);
    }

    public static double[] Rates(Optimizer optimizer) => optimizer.ParameterGroups.Select(g => g.LearningRate!.Value).ToArray();
}
