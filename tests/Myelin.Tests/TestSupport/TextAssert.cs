namespace Myelin.Tests;

/// <summary>Assertions on generated text (explanations, DOT graphs, reports).</summary>
public static class TextAssert
{
    /// <summary>Asserts that <paramref name="text"/> contains every one of <paramref name="expectedParts"/>.</summary>
    public static void ContainsAll(string text, params string[] expectedParts)
    {
        foreach (string part in expectedParts)
            Assert.Contains(part, text);
    }
}
