using Myelin.Optim;

namespace Myelin.Tests.Optim;

public class SchedulerTests
{
    static SGD Optimizer(double lr = 0.1) => new([Tensor.Zeros(2).RequireGrad()], lr: lr);

    [Fact]
    public void TheScheduledRateDrivesTheUpdates()
    {
        var p = Tensor.FromArray([0.0]).RequireGrad();
        var optimizer = new SGD([p], lr: 1);
        var schedule = new StepLR(optimizer, stepSize: 1, gamma: 0.5);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            p.Grad = Tensor.FromArray([1.0]);
            optimizer.Step();
            schedule.Step();
        }
        Assert.Equal(-(1 + 0.5 + 0.25), p.Item(), 1e-12);
        Assert.Equal(0.125, optimizer.LearningRate, 1e-15);
    }

    [Fact]
    public void ASecondScheduleStartsFromTheSameInitialRate()
    {
        var optimizer = Optimizer(0.1);
        var first = new ExponentialLR(optimizer, 0.5);
        first.Step();
        Assert.Equal(0.05, optimizer.LearningRate, 1e-15);

        var second = new StepLR(optimizer, stepSize: 10);
        Assert.Equal([0.1], second.BaseLearningRates);
        Assert.Equal(0.1, optimizer.ParameterGroups[0].InitialLearningRate);
        Assert.Equal(0.1, optimizer.LearningRate);
    }

    [Fact]
    public void OneCycleSetsTheInitialRateAndStopsAfterTheLastStep()
    {
        var optimizer = Optimizer(0.5);
        var schedule = new OneCycleLR(optimizer, maxLr: 1.0, totalSteps: 10);
        Assert.Equal(0.04, optimizer.LearningRate, 1e-15);
        Assert.Equal(0.04, optimizer.ParameterGroups[0].InitialLearningRate!.Value, 1e-15);
        Assert.Equal(0.04 / 1e4, schedule.MinLearningRates[0], 1e-18);
        for (int i = 0; i < 10; i++) schedule.Step();

        var e = Assert.Throws<InvalidOperationException>(schedule.Step);
        Assert.Contains("OneCycleLR: tried to step 12 times, but the schedule has 10 steps", e.Message);
        Assert.Equal(10, schedule.LastEpoch);
    }

    [Fact]
    public void OneCycleTakesOnePeakPerGroup()
    {
        var optimizer = ScheduleFactory.TwoGroupOptimizer();
        var schedule = new OneCycleLR(optimizer, [1.0, 0.1], totalSteps: 20);
        OptimFixtures.AssertClose([1.0 / 25, 0.1 / 25], ScheduleFactory.Rates(optimizer), 1e-12, 0, "start");
        for (int i = 0; i < 5; i++) schedule.Step();
        OptimFixtures.AssertClose([1.0, 0.1], ScheduleFactory.Rates(optimizer), 1e-12, 0, "peak");
    }

    [Fact]
    public void LinearWarmupKeepsTheNextScheduleInStep()
    {
        var optimizer = Optimizer(0.1);
        var cosine = new CosineAnnealingLR(optimizer, tMax: 10);
        var warmup = new LinearWarmup(optimizer, warmupSteps: 4, startFactor: 0, then: cosine);
        Assert.Equal(0.0, optimizer.LearningRate);
        Assert.Equal(0, cosine.LastEpoch);

        for (int i = 0; i < 7; i++) warmup.Step();

        Assert.Equal(3, cosine.LastEpoch);
        Assert.Equal(cosine.CurrentLearningRate, warmup.CurrentLearningRate);
        Assert.Equal(cosine.LearningRateAt(3, 0), optimizer.LearningRate);
    }

    [Fact]
    public void LinearWarmupStateDictNestsTheNextSchedule()
    {
        var optimizer = Optimizer();
        var warmup = new LinearWarmup(optimizer, 3, 0.5, new StepLR(optimizer, 2));
        for (int i = 0; i < 6; i++) warmup.Step();
        var state = warmup.StateDict();
        Assert.Equal(["base_lrs.0", "last_epoch", "then.base_lrs.0", "then.last_epoch"], state.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(6L, state["last_epoch"].Item<long>());
        Assert.Equal(3L, state["then.last_epoch"].Item<long>());
    }

    [Fact]
    public void AddingGroupsAfterTheScheduleIsReported()
    {
        var optimizer = Optimizer();
        var schedule = new ExponentialLR(optimizer, 0.9);
        optimizer.AddParameterGroup(new ParameterGroup([Tensor.Zeros(1).RequireGrad()]));
        var e = Assert.Throws<InvalidOperationException>(schedule.Step);
        Assert.Contains("ExponentialLR: the optimizer now has 2 parameter group(s), but the schedule was made for 1", e.Message);
    }

    [Fact]
    public void PlateauScheduleTracksBestAndCooldown()
    {
        var optimizer = Optimizer(1.0);
        var schedule = new ReduceLROnPlateau(optimizer, patience: 1, cooldown: 2, factor: 0.5);
        Assert.Equal(double.PositiveInfinity, schedule.Best);
        schedule.Step(1.0);
        schedule.Step(1.0);
        Assert.Equal(1, schedule.NumBadEpochs);
        schedule.Step(1.0);
        Assert.Equal(0.5, schedule.CurrentLearningRate);
        Assert.True(schedule.InCooldown);
        Assert.Equal(2, schedule.CooldownCounter);
        schedule.Step(2.0);
        schedule.Step(2.0);
        Assert.False(schedule.InCooldown);
        Assert.Equal(0.5, optimizer.LearningRate);
        Assert.Equal(1.0, schedule.Best);
        Assert.Equal(5, schedule.LastEpoch);
    }

    [Fact]
    public void PlateauScheduleRejectsANaNMetric()
    {
        var schedule = new ReduceLROnPlateau(Optimizer());
        var e = Assert.Throws<ArgumentException>(() => schedule.Step(double.NaN));
        Assert.Contains("ReduceLROnPlateau: the metric is NaN", e.Message);
        Assert.Equal(0, schedule.LastEpoch);
    }

    public static IEnumerable<object[]> InvalidSettings => new (string Name, Action Create, string Expected)[]
    {
        ("StepLR step size 0", () => new StepLR(Optimizer(), 0), "StepLR: the step size must be ≥ 1, got 0"),
        ("StepLR negative gamma", () => new StepLR(Optimizer(), 3, -0.1), "StepLR: gamma must be a finite number ≥ 0, got -0.1"),
        ("MultiStepLR milestone 0", () => new MultiStepLR(Optimizer(), [3, 0]), "MultiStepLR: milestones must be ≥ 1, got 0"),
        ("ExponentialLR NaN gamma", () => new ExponentialLR(Optimizer(), double.NaN), "ExponentialLR: gamma must be a finite number ≥ 0, got NaN"),
        ("CosineAnnealingLR tMax 0", () => new CosineAnnealingLR(Optimizer(), 0), "CosineAnnealingLR: tMax must be ≥ 1, got 0"),
        ("CosineAnnealingLR negative etaMin", () => new CosineAnnealingLR(Optimizer(), 5, -1), "CosineAnnealingLR: etaMin must be a finite number ≥ 0, got -1"),
        ("OneCycleLR negative peak", () => new OneCycleLR(Optimizer(), -1, 10), "OneCycleLR: the peak learning rate must be a finite number ≥ 0, got -1"),
        ("OneCycleLR zero steps", () => new OneCycleLR(Optimizer(), 1, 0), "OneCycleLR: totalSteps must be ≥ 1, got 0"),
        ("OneCycleLR pctStart", () => new OneCycleLR(Optimizer(), 1, 10, pctStart: 1.5), "OneCycleLR: pctStart must be in [0, 1], got 1.5"),
        ("OneCycleLR divFactor", () => new OneCycleLR(Optimizer(), 1, 10, divFactor: 0), "OneCycleLR: divFactor must be a finite number > 0, got 0"),
        ("OneCycleLR empty phase", () => new OneCycleLR(Optimizer(), 1, 3), "OneCycleLR: with totalSteps 3 and pctStart 0.3 a phase would be empty"),
        ("OneCycleLR peaks per group", () => new OneCycleLR(Optimizer(), [1.0, 2.0], 10), "OneCycleLR: got 2 peak learning rates for 1 parameter group(s)"),
        ("LinearWarmup zero steps", () => new LinearWarmup(Optimizer(), 0), "LinearWarmup: warmupSteps must be ≥ 1, got 0"),
        ("LinearWarmup start factor", () => new LinearWarmup(Optimizer(), 5, 1.5), "LinearWarmup: startFactor must be in [0, 1], got 1.5"),
        ("LinearWarmup other optimizer", () => new LinearWarmup(Optimizer(), 5, 0.1, new StepLR(Optimizer(), 3)), "LinearWarmup: the schedule to hand over to ('then') must be built on the same optimizer"),
        ("ReduceLROnPlateau factor 1", () => new ReduceLROnPlateau(Optimizer(), factor: 1), "ReduceLROnPlateau: factor must be in [0, 1), got 1"),
        ("ReduceLROnPlateau negative patience", () => new ReduceLROnPlateau(Optimizer(), patience: -1), "ReduceLROnPlateau: patience must be ≥ 0, got -1"),
        ("ReduceLROnPlateau negative minLr", () => new ReduceLROnPlateau(Optimizer(), minLr: -1), "ReduceLROnPlateau: minLr must be a finite number ≥ 0, got -1"),
    }.Select(c => new object[] { c.Name, c.Create, c.Expected });

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void InvalidSettingsAreRejectedWithTheScheduleAndValue(string name, Action create, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(e.Message.Contains(expected), $"{name}: message was \"{e.Message}\"");
    }

    [Fact]
    public void AnInvalidScheduleSettingLeavesTheOptimizerUntouched()
    {
        var optimizer = Optimizer(0.3);
        Assert.ThrowsAny<ArgumentException>(() => new OneCycleLR(optimizer, 1, 3));
        Assert.Equal(0.3, optimizer.LearningRate);
        Assert.Null(optimizer.ParameterGroups[0].InitialLearningRate);
    }

    [Fact]
    public void LoadStateDictReportsBadEntries()
    {
        var optimizer = Optimizer();
        var schedule = new StepLR(optimizer, 3);
        var good = schedule.StateDict();

        var missing = new Dictionary<string, Tensor>(good);
        missing.Remove("last_epoch");
        Assert.Contains("StepLR.LoadStateDict: the state dict has no entry 'last_epoch'",
            Assert.Throws<ArgumentException>(() => schedule.LoadStateDict(missing)).Message);

        var extra = new Dictionary<string, Tensor>(good) { ["gamma"] = Tensor.Scalar(0.5, DType.Float64) };
        Assert.Contains("unexpected entry 'gamma'", Assert.Throws<ArgumentException>(() => schedule.LoadStateDict(extra)).Message);

        var moreGroups = new Dictionary<string, Tensor>(good) { ["base_lrs.1"] = Tensor.Scalar(0.5, DType.Float64) };
        Assert.Contains("more base learning rates", Assert.Throws<ArgumentException>(() => schedule.LoadStateDict(moreGroups)).Message);

        var negative = new Dictionary<string, Tensor>(good) { ["last_epoch"] = Tensor.FromArray([-3L]) };
        Assert.Contains("'last_epoch' must be between 0", Assert.Throws<ArgumentException>(() => schedule.LoadStateDict(negative)).Message);

        var cycle = new OneCycleLR(Optimizer(), 1, 10);
        var past = cycle.StateDict();
        past["last_epoch"] = Tensor.FromArray([11L]);
        Assert.Contains("tried to step 12 times", Assert.Throws<ArgumentException>(() => cycle.LoadStateDict(past)).Message);
        Assert.Equal(0, cycle.LastEpoch);
    }

    [Fact]
    public void PlateauLoadStateDictReportsBadEntries()
    {
        var schedule = new ReduceLROnPlateau(Optimizer());
        var state = schedule.StateDict();
        state["num_bad_epochs"] = Tensor.FromArray([-1L]);
        Assert.Contains("'num_bad_epochs' must be between 0",
            Assert.Throws<ArgumentException>(() => schedule.LoadStateDict(state)).Message);
        state.Remove("num_bad_epochs");
        Assert.Contains("no entry 'num_bad_epochs'", Assert.Throws<ArgumentException>(() => schedule.LoadStateDict(state)).Message);
    }
}
