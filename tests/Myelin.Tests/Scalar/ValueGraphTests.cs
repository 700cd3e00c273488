using System.Text.RegularExpressions;
using Myelin.Scalar;

namespace Myelin.Tests.Scalar;

/// <summary>The Graphviz DOT export of a value's graph.</summary>
public class ValueGraphTests
{
    static Value TextbookGraph()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = new Value(10.0, "c");
        Value e = a * b; e.Label = "e";
        Value d = e + c; d.Label = "d";
        var f = new Value(-2.0, "f");
        Value L = d * f; L.Label = "L";
        L.Backward();
        return L;
    }

    [Fact]
    public void ShowsEveryValueWithLabelDataAndGrad()
    {
        string dot = TextbookGraph().ToDot();

        TextAssert.ContainsAll(dot,
            "{ a | data 2.0000 | grad 6.0000 }",
            "{ b | data -3.0000 | grad -4.0000 }",
            "{ c | data 10.0000 | grad -2.0000 }",
            "{ e | data -6.0000 | grad -2.0000 }",
            "{ d | data 4.0000 | grad -2.0000 }",
            "{ f | data -2.0000 | grad 4.0000 }",
            "{ L | data -8.0000 | grad 1.0000 }");
        Assert.Equal(7, Regex.Matches(dot, @"shape=record").Count);
    }

    [Fact]
    public void ShowsEachOperationAsANodeBetweenOperandsAndResult()
    {
        string dot = TextbookGraph().ToDot();

        Assert.Equal(2, Regex.Matches(dot, "shape=circle, label=\"\\*\"").Count);
        Assert.Single(Regex.Matches(dot, "shape=circle, label=\"\\+\""));

        // Topological ids: a=v0, b=v1, e=v2, c=v3, d=v4, f=v5, L=v6.
        TextAssert.ContainsAll(dot,
            "v0 -> v2_op;",
            "v1 -> v2_op;",
            "v2_op -> v2;",
            "v2 -> v4_op;",
            "v3 -> v4_op;",
            "v4_op -> v4;",
            "v4 -> v6_op;",
            "v5 -> v6_op;",
            "v6_op -> v6;");
        Assert.Equal(9, Regex.Matches(dot, "->").Count);
    }

    [Fact]
    public void IsAWellFormedLeftToRightDigraph()
    {
        string dot = TextbookGraph().ToDot();

        Assert.StartsWith("digraph ValueGraph {\n", dot);
        Assert.Contains("rankdir=LR;", dot);
        Assert.EndsWith("}\n", dot);
        Assert.Equal(dot.Count(ch => ch == '{'), dot.Count(ch => ch == '}'));
        Assert.Equal(0, dot.Count(ch => ch == '"') % 2);

        // Every edge joins two declared nodes.
        var declared = Regex.Matches(dot, @"^  (\w+) \[", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (Match edge in Regex.Matches(dot, @"^  (\w+) -> (\w+);", RegexOptions.Multiline))
        {
            Assert.Contains(edge.Groups[1].Value, declared);
            Assert.Contains(edge.Groups[2].Value, declared);
        }
    }

    [Fact]
    public void IsDeterministic()
    {
        Assert.Equal(TextbookGraph().ToDot(), TextbookGraph().ToDot());
    }

    [Fact]
    public void EscapesRecordCharactersInLabelsAndShowsUnaryOps()
    {
        var x = new Value(0.5, "x{1}|<in>");
        Value y = x.Tanh();
        string dot = y.ToDot();

        TextAssert.ContainsAll(dot,
            @"{ x\{1\}\|\<in\> | data 0.5000 | grad 0.0000 }",
            "label=\"tanh\"",
            "{  | data 0.4621 | grad 0.0000 }");
    }
}
