using System.Text;

namespace Dashboard.Ingest.Feeds.Open311;

/// <summary>
/// The GeoReport v2 JSON samples write codes as <c>006</c>, which is not JSON. Clients copy them. Outside
/// string literals, a number token with a leading zero followed by a digit is wrapped in quotes so it
/// survives as the code it was meant to be.
/// </summary>
internal static class LeadingZeroNumbers
{
    /// <summary>The repaired body, or null when nothing needed repair.</summary>
    public static byte[]? Quote(ReadOnlySpan<byte> json)
    {
        StringBuilder? output = null;
        var copiedUpTo = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            var startsToken = i == 0 || json[i - 1] is (byte)':' or (byte)',' or (byte)'[' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
            if (c == '0' && startsToken && i + 1 < json.Length && char.IsAsciiDigit((char)json[i + 1]))
            {
                var end = i;
                while (end < json.Length && (char.IsAsciiDigit((char)json[end]) || json[end] == '.'))
                {
                    end++;
                }

                output ??= new StringBuilder(json.Length + 16);
                output.Append(Encoding.UTF8.GetString(json[copiedUpTo..i])).Append('"').Append(Encoding.UTF8.GetString(json[i..end])).Append('"');
                copiedUpTo = end;
                i = end - 1;
            }
        }

        if (output is null)
        {
            return null;
        }

        output.Append(Encoding.UTF8.GetString(json[copiedUpTo..]));
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
