using System.Globalization;
using System.Text;

namespace Myelin.Data;

/// <summary>
/// The header of an NPY file: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>. Parsed by a small
/// recursive-descent reader that accepts exactly the literals NumPy writes (strings, True/False,
/// tuples of integers) and nothing that could run code.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    /// <summary>Parses the header text, or throws naming the file and the problem.</summary>
    public static NpyHeader Parse(string text, string fileName, long byteOffset)
    {
        var parser = new Parser(text, fileName, byteOffset);
        return parser.ParseHeader();
    }

    /// <summary>The dict literal NumPy writes for this header, without padding.</summary>
    public string Format()
    {
        string shape = Shape.Length switch
        {
            0 => "()",
            1 => $"({Shape[0]},)",
            _ => "(" + string.Join(", ", Shape) + ")",
        };
        return $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
    }

    sealed class Parser(string text, string fileName, long byteOffset)
    {
        int position;

        public NpyHeader ParseHeader()
        {
            string? descr = null;
            bool? fortranOrder = null;
            int[]? shape = null;

            Expect('{');
            while (true)
            {
                SkipSpace();
                if (Peek() == '}') { position++; break; }
                string key = ParseString();
                Expect(':');
                switch (key)
                {
                    case "descr":
                        SkipSpace();
                        if (Peek() == '[')
                            throw Fail("unsupported dtype: structured arrays (a list of fields as 'descr') are not supported.");
                        descr = ParseString();
                        break;
                    case "fortran_order":
                        fortranOrder = ParseBool();
                        break;
                    case "shape":
                        shape = ParseShape();
                        break;
                    default:
                        throw Fail($"unexpected key '{key}' in the header (expected 'descr', 'fortran_order' and 'shape').");
                }
                SkipSpace();
                if (Peek() == ',') position++;
                else if (Peek() != '}') throw Fail($"expected ',' or '}}' at header character {position}, found {Describe(Peek())}.");
            }
            SkipSpace();
            if (position != text.Length)
                throw Fail($"unexpected text after the header dict at character {position}.");

            if (descr is null) throw Fail("the header has no 'descr' key.");
            if (fortranOrder is null) throw Fail("the header has no 'fortran_order' key.");
            if (shape is null) throw Fail("the header has no 'shape' key.");
            return new NpyHeader(descr, fortranOrder.Value, shape);
        }

        string ParseString()
        {
            SkipSpace();
            char quote = Peek();
            if (quote is not ('\'' or '"'))
                throw Fail($"expected a quoted string at header character {position}, found {Describe(quote)}.");
            int end = text.IndexOf(quote, position + 1);
            if (end < 0) throw Fail("unterminated string in the header.");
            string value = text[(position + 1)..end];
            position = end + 1;
            return value;
        }

        bool ParseBool()
        {
            SkipSpace();
            if (Matches("True")) return true;
            if (Matches("False")) return false;
            throw Fail($"expected True or False for 'fortran_order' at header character {position}.");
        }

        int[] ParseShape()
        {
            Expect('(');
            var dims = new List<int>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')') { position++; break; }
                dims.Add(ParseDimension());
                SkipSpace();
                if (Peek() == ',') position++;
                else if (Peek() != ')') throw Fail($"expected ',' or ')' in 'shape' at header character {position}, found {Describe(Peek())}.");
            }
            return dims.ToArray();
        }

        int ParseDimension()
        {
            int start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
            if (position == start)
                throw Fail($"expected a non-negative integer in 'shape' at header character {start}, found {Describe(Peek())}.");
            string digits = text[start..position];
            if (Peek() == 'L') position++; // Python 2 long suffix, written by old NumPy versions
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                throw Fail($"dimension {digits} in 'shape' is larger than {int.MaxValue}.");
            return value;
        }

        void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c) throw Fail($"expected '{c}' at header character {position}, found {Describe(Peek())}.");
            position++;
        }

        bool Matches(string word)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0) return false;
            position += word.Length;
            return true;
        }

        void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        }

        char Peek() => position < text.Length ? text[position] : '\0';

        static string Describe(char c) => c == '\0' ? "the end of the header" : $"'{c}'";

        DataFormatException Fail(string reason) => new(fileName, "NPY header: " + reason, byteOffset: byteOffset);
    }

    /// <summary>Latin-1 for format versions 1 and 2, UTF-8 for version 3, as the NPY specification says.</summary>
    public static Encoding EncodingFor(int majorVersion) => majorVersion >= 3 ? Encoding.UTF8 : Encoding.Latin1;
}
