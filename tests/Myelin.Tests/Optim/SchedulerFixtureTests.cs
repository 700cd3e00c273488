using Myelin.IO;
using Myelin.Optim;

namespace Myelin.Tests.Optim;

/// <summary>Each schedule's learning rates over 30 steps against PyTorch's, for two groups.</summary>
public class SchedulerFixtureTests
{
    public static IEnumerable<object[]> Cases => OptimFixtures.CaseNames(OptimFixtures.Schedulers);

    [Theory]
    [MemberData(nameof(Cases))]
    public void LearningRatesMatchPyTorch(string name)
    {
        var @case = OptimFixtures.Case(OptimFixtures.Schedulers, name);
        var description = @case.GetProperty("scheduler");
        var expected = @case.GetProperty("lrs").EnumerateArray().Select(OptimFixtures.Doubles).ToArray();
        var optimizer = ScheduleFactory.TwoGroupOptimizer();
        var schedule = ScheduleFactory.Create(description, optimizer);

        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            if (epoch > 0) ScheduleFactory.Step(schedule, description, epoch - 1);
            var rates = ScheduleFactory.Rates(optimizer);
            OptimFixtures.AssertClose(expected[epoch], rates, 1e-9, 1e-15, $"{name} at epoch {epoch}");
            if (schedule is LRScheduler scheduler)
            {
                Assert.Equal(epoch, scheduler.LastEpoch);
                Assert.Equal(rates, scheduler.CurrentLearningRates);
                Assert.Equal(rates[0], scheduler.CurrentLearningRate);
                Assert.Equal(rates[1], scheduler.LearningRateAt(epoch, 1));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResumingFromStateDictsContinuesIdentically(string name)
    {
        var description = OptimFixtures.Case(OptimFixtures.Schedulers, name).GetProperty("scheduler");
        const int total = 30, saveAt = 12;

        var straightOptimizer = ScheduleFactory.TwoGroupOptimizer();
        var straight = ScheduleFactory.Create(description, straightOptimizer);
        var straightRates = new List<double[]>();
        for (int step = 0; step < total; step++)
        {
            ScheduleFactory.Step(straight, description, step);
            straightRates.Add(ScheduleFactory.Rates(straightOptimizer));
        }

        var firstOptimizer = ScheduleFactory.TwoGroupOptimizer();
        var first = ScheduleFactory.Create(description, firstOptimizer);
        for (int step = 0; step < saveAt; step++) ScheduleFactory.Step(first, description, step);
        var optimizerState = RoundTrip(firstOptimizer.StateDict());
        var scheduleState = RoundTrip(ScheduleFactory.StateDict(first));

        var resumedOptimizer = ScheduleFactory.TwoGroupOptimizer();
        var resumed = ScheduleFactory.Create(description, resumedOptimizer);
        resumedOptimizer.LoadStateDict(optimizerState);
        ScheduleFactory.LoadStateDict(resumed, scheduleState);
        Assert.Equal(straightRates[saveAt - 1], ScheduleFactory.Rates(resumedOptimizer));
        for (int step = saveAt; step < total; step++)
        {
            ScheduleFactory.Step(resumed, description, step);
            Assert.Equal(straightRates[step], ScheduleFactory.Rates(resumedOptimizer));
        }
    }

    static IReadOnlyDictionary<string, Tensor> RoundTrip(Dictionary<string, Tensor> state) =>
        SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(state))).Tensors;
}
