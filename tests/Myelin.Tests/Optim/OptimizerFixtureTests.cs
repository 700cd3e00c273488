namespace Myelin.Tests.Optim;

/// <summary>
/// Every optimizer configuration against PyTorch: the parameters after each of the first 10
/// steps on the same least-squares problem, with float32 and with float64 parameters.
/// </summary>
public class OptimizerFixtureTests
{
    public static IEnumerable<object[]> Cases => OptimFixtures.CaseNames(OptimFixtures.Optimizers);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32TrajectoryMatchesPyTorch(string name) => AssertTrajectory(name, DType.Float32, "float32", tolerance: 1e-6);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64TrajectoryMatchesPyTorch(string name) => AssertTrajectory(name, DType.Float64, "float64", tolerance: 1e-12);

    static void AssertTrajectory(string name, DType dtype, string key, double tolerance)
    {
        var @case = LeastSquaresProblem.Case(name);
        var problem = new LeastSquaresProblem(dtype);
        var optimizer = OptimFixtures.CreateOptimizer(@case, problem.Parameters);
        var expected = @case.GetProperty(key).EnumerateArray().Select(OptimFixtures.Doubles).ToArray();
        Assert.Equal(10, expected.Length);

        for (int step = 0; step < expected.Length; step++)
        {
            problem.Train(optimizer, 1);
            OptimFixtures.AssertClose(expected[step], problem.Values(), tolerance, tolerance, $"{name} ({key}) after step {step + 1}");
            Assert.Equal(dtype, problem.Weight.DType);
        }
    }
}
