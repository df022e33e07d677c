namespace Dashboard.Ingest.Normalization;

/// <summary>
/// A message the parser rejects. <see cref="Field"/> names the offending element or property as the
/// feed spells it ("sent", "info[0]/area[1]/polygon", "readings.tiltDeg") so the HTTP layer can answer
/// with a problem-details body naming it, and quarantine the raw input with <see cref="Problem"/> as reason.
/// </summary>
public sealed class FeedParseException : Exception
{
    public FeedParseException(FeedSource source, string field, string problem, Exception? inner = null)
        : base($"{source}: {field}: {problem}", inner)
    {
        Source = source;
        Field = field;
        Problem = problem;
    }

    public new FeedSource Source { get; }

    public string Field { get; }

    public string Problem { get; }

    public FeedParseError ToError() => new(Source, Field, Problem);
}

/// <summary>The serializable form of a rejection (problem-details extension, quarantine record).</summary>
public sealed record FeedParseError(FeedSource Source, string Field, string Problem);
