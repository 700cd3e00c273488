using Myelin.Data;

namespace Myelin.Tests.Data;

public class CsvTests
{
    static CsvData Read(string text, CsvOptions? options = null) => Csv.Read(new StringReader(text), options, "test.csv");

    [Fact]
    public void ReadsFeaturesAndClassLabelsWithDetectedHeader()
    {
        var data = Read("a,b,label\n1.5,-2,0\n3e2,0.25,2\n", new CsvOptions { LabelColumn = -1 });
        Assert.Equal(DType.Float32, data.Features.DType);
        Assert.Equal([2, 2], data.Features.Shape.ToArray());
        Assert.Equal([1.5f, -2f, 300f, 0.25f], data.Features.Data<float>());
        Assert.Equal(DType.Int64, data.Labels!.DType);
        Assert.Equal([2], data.Labels.Shape.ToArray());
        Assert.Equal([0L, 2L], data.Labels.Data<long>());
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal("label", data.LabelName);
        Assert.Equal(["0", "1", "2"], data.ClassNames);
    }

    [Fact]
    public void WithoutHeaderAllLinesAreDataAndNamesArePositions()
    {
        var data = Read("1,2,3\n4,5,6\n");
        Assert.Null(data.Labels);
        Assert.Equal([2, 3], data.Features.Shape.ToArray());
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Features.Data<float>());
        Assert.Equal(["0", "1", "2"], data.FeatureNames);
    }

    [Fact]
    public void LabelColumnByIndexAnywhere()
    {
        var data = Read("7,1,2\n8,3,4\n", new CsvOptions { LabelColumn = 0, LabelKind = CsvLabelKind.Regression });
        Assert.Equal([1f, 2f, 3f, 4f], data.Features.Data<float>());
        Assert.Equal(DType.Float32, data.Labels!.DType);
        Assert.Equal([7f, 8f], data.Labels.Data<float>());
        Assert.Equal("0", data.LabelName);
        Assert.Empty(data.ClassNames);
    }

    [Fact]
    public void LabelColumnByNameWithTextClassesInSortedOrder()
    {
        string text = "sepal,\"species\",petal\n5.1,setosa,1.4\n7.0,versicolor,4.7\n4.9,setosa,1.3\n6.3,virginica,6.0\n";
        var data = Read(text, new CsvOptions { LabelColumnName = "species", LabelKind = CsvLabelKind.ClassName });
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal([0L, 1L, 0L, 2L], data.Labels!.Data<long>());
        Assert.Equal(["sepal", "petal"], data.FeatureNames);
        Assert.Equal([5.1f, 1.4f, 7.0f, 4.7f, 4.9f, 1.3f, 6.3f, 6.0f], data.Features.Data<float>());
        Assert.Equal(4, data.ToLabeledData().Count);
        Assert.Equal(3, data.ToLabeledData().NumClasses);
    }

    [Fact]
    public void TextLabelsByIndexDoNotMakeTheFirstRowAHeader()
    {
        var data = Read("1,2,cat\n3,4,dog\n", new CsvOptions { LabelColumn = -1, LabelKind = CsvLabelKind.ClassName });
        Assert.Equal(2, data.Rows);
        Assert.Equal([0L, 1L], data.Labels!.Data<long>());
    }

    [Fact]
    public void ExplicitHeaderAndDelimiterAndQuotesAndBlankLines()
    {
        string text = "\uFEFF\"x;1\";y\n\n 1.0 ; \"2\" \r\n\r\n3;4\n\n";
        var data = Read(text, new CsvOptions { Delimiter = ';', Header = CsvHeader.Present });
        Assert.Equal(["x;1", "y"], data.FeatureNames);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features.Data<float>());
    }

    [Fact]
    public void HeaderPresentTreatsANumericFirstLineAsNames()
    {
        var data = Read("1,2\n3,4\n", new CsvOptions { Header = CsvHeader.Present });
        Assert.Equal(["1", "2"], data.FeatureNames);
        Assert.Equal(1, data.Rows);
    }

    [Fact]
    public void InvariantCultureWhateverTheThreadCulture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture with a decimal comma, as on a German or French machine.
            var commaCulture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            commaCulture.NumberFormat.NumberDecimalSeparator = ",";
            commaCulture.NumberFormat.NumberGroupSeparator = ".";
            Thread.CurrentThread.CurrentCulture = commaCulture;
            Assert.Equal([0.5f, 1e-3f], Read("0.5;1E-3\n", new CsvOptions { Delimiter = ';' }).Features.Data<float>());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void WholeNumberLabelsMayBeWrittenAsDecimals()
    {
        Assert.Equal([1L, 3L], Read("0.5,1.0\n0.7,3\n", new CsvOptions { LabelColumn = 1 }).Labels!.Data<long>());
    }

    [Fact]
    public void NonNumericValueNamesLineAndField()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2\n3,oops\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("test.csv: line 3:", e.Message);
        Assert.Contains("field 2 ('b')", e.Message);
        Assert.Contains("'oops' is not a number", e.Message);
    }

    [Fact]
    public void RaggedLineNamesLineAndCounts()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("1,2,3\n4,5,6\n\n7,8\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("line 4: expected 3 fields, as on the first line, found 2", e.Message);

        var withHeader = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2,3\n"));
        Assert.Contains("line 2: expected 2 fields, as in the header on line 1, found 3", withHeader.Message);
    }

    [Fact]
    public void EmptyFieldIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("1,2\n3,\n"));
        Assert.Contains("line 2:", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void EmptyFileAndHeaderOnlyAreRejected()
    {
        var empty = Assert.Throws<DataFormatException>(() => Read(""));
        Assert.Contains("line 1: the file is empty", empty.Message);
        var blank = Assert.Throws<DataFormatException>(() => Read("\n  \n"));
        Assert.Contains("line 3: the file is empty", blank.Message);
        var headerOnly = Assert.Throws<DataFormatException>(() => Read("a,b\n"));
        Assert.Contains("no data rows after the header on line 1", headerOnly.Message);
    }

    [Fact]
    public void OutOfRangeNumberIsRejectedButExplicitInfinityAccepted()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("1e50\n"));
        Assert.Contains("out of the Float32 range", e.Message);
        Assert.Equal([float.NegativeInfinity], Read("-Infinity\n").Features.Data<float>());
    }

    [Theory]
    [InlineData("1,2.5\n", "'2.5' is not a whole-number class label")]
    [InlineData("1,-1\n", "class label -1 is negative")]
    [InlineData("1,cat\n", "'cat' is not a whole-number class label")]
    public void BadClassLabelsAreRejected(string text, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => Read(text, new CsvOptions { LabelColumn = -1, Header = CsvHeader.Absent }));
        Assert.Contains(expected, e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void MissingLabelColumnIsRejected()
    {
        var byName = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2\n", new CsvOptions { LabelColumnName = "c" }));
        Assert.Contains("no column named 'c'", byName.Message);
        Assert.Contains("'a', 'b'", byName.Message);

        var byIndex = Assert.Throws<DataFormatException>(() => Read("1,2\n", new CsvOptions { LabelColumn = 2 }));
        Assert.Contains("label column 2 is out of range for 2 columns", byIndex.Message);
    }

    [Fact]
    public void UnclosedQuoteIsRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("1,\"2\n3,4\n"));
        Assert.Equal(1, e.Line);
        Assert.Contains("not closed", e.Message);
    }

    [Fact]
    public void ContradictoryOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Read("1\n", new CsvOptions { LabelColumn = 0, LabelColumnName = "a" }));
        Assert.Throws<ArgumentException>(() => Read("1\n", new CsvOptions { LabelColumnName = "a", Header = CsvHeader.Absent }));
        Assert.Throws<ArgumentException>(() => Read("1\n", new CsvOptions { Delimiter = '"' }));
    }

    [Fact]
    public void ToLabeledDataWithoutLabelsThrows()
    {
        Assert.Throws<InvalidOperationException>(() => Read("1,2\n").ToLabeledData());
    }

    [Fact]
    public void ReadsFilesPlainOrGzippedAndNamesThemInErrors()
    {
        using var dir = new TempDirectory();
        string plain = dir.WriteText("plain.csv", "x,y\n1,0\n2,1\n");
        string gz = dir.Write("packed.csv.gz", IdxBytes.Gzip(System.Text.Encoding.UTF8.GetBytes("1,0\n2,1\n")));
        var options = new CsvOptions { LabelColumn = -1 };
        Assert.Equal([1f, 2f], Csv.Read(plain, options).Features.Data<float>());
        Assert.Equal([0L, 1L], Csv.Read(gz, options).Labels!.Data<long>());

        string bad = dir.WriteText("bad.csv", "1,2\n3\n");
        var e = Assert.Throws<DataFormatException>(() => Csv.Read(bad));
        Assert.StartsWith(bad + ": line 2:", e.Message);
        Assert.Throws<FileNotFoundException>(() => Csv.Read(Path.Combine(dir.Path, "none.csv")));
    }
}
