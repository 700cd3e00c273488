using Myelin.Examples;
using Myelin.Text;

namespace Myelin.Tests.SequenceDemos;

/// <summary>Word lists, their encoding into tokens, the unigram baseline and the word-or-random data set.</summary>
public class WordDataTests
{
    [Fact]
    public void ParseKeepsOnlyLowerCaseLetterWordsSortedWithoutDuplicates()
    {
        var words = WordList.Parse(["cat", "Boston", "dog's", " apple ", "", "café", "cat", "zebra", "x1"]);
        Assert.Equal(["apple", "cat", "zebra"], words);
    }

    [Fact]
    public void LoadReadsAFileAndNamesAMissingOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"myelin-words-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllLines(path, ["Alpha", "beta", "gamma's", "delta"]);
            Assert.Equal(["beta", "delta"], WordList.Load(path));

            File.WriteAllLines(path, ["Alpha", "1234"]);
            var empty = Assert.Throws<InvalidDataException>(() => WordList.Load(path));
            Assert.Contains(path, empty.Message);
            Assert.Contains("a–z", empty.Message);
        }
        finally { File.Delete(path); }
        var missing = Assert.Throws<FileNotFoundException>(() => WordList.Load(path));
        Assert.Contains(path, missing.Message);
        Assert.Contains("wamerican", missing.Message);
    }

    [Fact]
    public void CommonWordsAreSeveralHundredLowerCaseWords()
    {
        var words = CommonWords.Words;
        Assert.True(words.Count >= 500, $"{words.Count} built-in words");
        Assert.All(words, w => Assert.Matches("^[a-z]+$", w));
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.Contains("question", words);
    }

    [Fact]
    public void SplitIsDisjointLimitedAndReproducible()
    {
        var words = CommonWords.Words;
        var (train, validation) = WordList.Split(words, 0.2, new Generator(3), limit: 100);
        Assert.Equal(80, train.Count);
        Assert.Equal(20, validation.Count);
        Assert.Empty(train.Intersect(validation));
        Assert.All(train.Concat(validation), w => Assert.Contains(w, words));
        var again = WordList.Split(words, 0.2, new Generator(3), limit: 100);
        Assert.Equal(train, again.Train);
        Assert.Equal(validation, again.Validation);
        var other = WordList.Split(words, 0.2, new Generator(4), limit: 100);
        Assert.NotEqual(train, other.Train);
    }

    [Fact]
    public void SplitRejectsBadArguments()
    {
        Assert.Contains("at least two words", Assert.Throws<ArgumentException>(() => WordList.Split(["one"], 0.5, new Generator(1))).Message);
        Assert.Contains("validation fraction", Assert.Throws<ArgumentOutOfRangeException>(() => WordList.Split(["a", "b"], 1.0, new Generator(1))).Message);
        Assert.Contains("limit", Assert.Throws<ArgumentOutOfRangeException>(() => WordList.Split(["a", "b"], 0.5, new Generator(1), limit: 0)).Message);
    }

    [Fact]
    public void EncodeFramesAndPadsWords()
    {
        var vocabulary = new CharVocabulary("abc");           // <pad> 0, <s> 1, </s> 2, a 3, b 4, c 5
        var framed = WordTokens.Encode(["cab", "a"], vocabulary);
        Assert.Equal(new long[] { 1, 5, 3, 4, 2, 1, 3, 2, 0, 0 }, framed.ToArray<long>());
        Assert.Equal([2, 5], framed.Shape.ToArray());
        var plain = WordTokens.Encode(["ab"], vocabulary, frame: false, length: 4);
        Assert.Equal(new long[] { 3, 4, 0, 0 }, plain.ToArray<long>());
    }

    [Fact]
    public void EncodeNamesTheWordThatDoesNotFit()
    {
        var vocabulary = new CharVocabulary("abc");
        var tooLong = Assert.Throws<ArgumentException>(() => WordTokens.Encode(["ab", "abcab"], vocabulary, frame: false, length: 4));
        Assert.Contains("'abcab'", tooLong.Message);
        Assert.Contains("row length 4", tooLong.Message);
        var unknown = Assert.Throws<ArgumentException>(() => WordTokens.Encode(["cat"], vocabulary));
        Assert.Contains("'cat'", unknown.Message);
        Assert.Contains("'t'", unknown.Message);
        Assert.Throws<ArgumentException>(() => WordTokens.Encode([], vocabulary));
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => WordTokens.Encode(["a", ""], vocabulary)).Message);
    }

    [Fact]
    public void UnigramModelCountsCharactersAndWordEndsWithAddOneSmoothing()
    {
        var vocabulary = new CharVocabulary("ab");            // targets: </s>, a, b
        var unigram = UnigramModel.Fit(["aab", "a"], vocabulary);
        // Counts plus one: </s> 2 + 1, a 3 + 1, b 1 + 1 → 3/9, 4/9, 2/9.
        double[] expected = [0, 0, 3 / 9.0, 4 / 9.0, 2 / 9.0];
        Assert.Equal(expected.Length, unigram.Probabilities.Count);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], unigram.Probabilities[i], 12);
        double entropy = -(3 / 9.0 * Math.Log(3 / 9.0) + 4 / 9.0 * Math.Log(4 / 9.0) + 2 / 9.0 * Math.Log(2 / 9.0));
        Assert.Equal(entropy, unigram.Entropy, 12);
        // "ba": b, a, </s> → the mean of −ln p.
        double crossEntropy = -(Math.Log(2 / 9.0) + Math.Log(4 / 9.0) + Math.Log(3 / 9.0)) / 3;
        Assert.Equal(crossEntropy, unigram.CrossEntropy(["ba"]), 12);
        Assert.Throws<ArgumentException>(() => unigram.CrossEntropy([]));
    }

    [Fact]
    public void WordOrRandomLettersPairsEveryWordWithARandomStringOfItsLength()
    {
        string[] words = ["house", "tree", "mountain", "river"];
        var (texts, tokens, labels) = WordOrRandomLetters.Create(words, 10, new Generator(1));
        Assert.Equal([8, 10], tokens.Shape.ToArray());
        var label = labels.ToArray<long>();
        Assert.Equal(4, label.Count(l => l == 1));
        Assert.Equal(words.Order(), texts.Where((_, i) => label[i] == 1).Order());
        var random = texts.Where((_, i) => label[i] == 0).ToArray();
        Assert.Equal(words.Select(w => w.Length).Order(), random.Select(r => r.Length).Order());
        Assert.All(random, r => { Assert.Matches("^[a-z]+$", r); Assert.DoesNotContain(r, words); });
        Assert.Equal(WordTokens.Encode(texts, WordTokens.Alphabet, frame: false, length: 10).ToArray<long>(), tokens.ToArray<long>());
        Assert.Equal(["random", "word"], WordOrRandomLetters.ClassNames);
    }

    [Fact]
    public void RandomLettersAvoidsGivenWords()
    {
        // Twenty of the 26 one-letter strings are taken; the draw must land on one of the other six.
        var avoid = new HashSet<string>(Enumerable.Range(0, 20).Select(i => ((char)('a' + i)).ToString()));
        for (int i = 0; i < 20; i++)
        {
            var text = WordOrRandomLetters.RandomLetters(1, avoid, new Generator((ulong)i));
            Assert.DoesNotContain(text, avoid);
            Assert.Matches("^[u-z]$", text);
        }
    }
}
