using Dashboard.Ingest.Feeds.Camera;
using Dashboard.Ingest.Feeds.Cap;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Hotline12345;
using Dashboard.Ingest.Feeds.Isapi;
using Dashboard.Ingest.Feeds.Open311;
using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Pipeline;

/// <summary>One parse function per source, so the intake treats every feed alike.</summary>
public sealed class FeedParsers
{
    private readonly Dictionary<FeedSource, Func<ReadOnlyMemory<byte>, string, ParseResult>> _parsers = [];

    public FeedParsers(TimeProvider time, FeedParseOptions parseOptions)
    {
        var cap = new CapParser(parseOptions);
        var isapi = new IsapiParser(time, parseOptions);
        var open311 = new Open311Parser(time, parseOptions);
        var hotline = new Hotline12345Parser(parseOptions);
        _parsers[FeedSource.Cap] = cap.Parse;
        _parsers[FeedSource.Isapi] = isapi.Parse;
        _parsers[FeedSource.Open311] = (body, contentType) => ParseResult.Of(open311.Parse(body, contentType).Event);
        _parsers[FeedSource.Hotline12345] = hotline.Parse;
        _parsers[FeedSource.Camera] = new CameraEventParser(parseOptions).Parse;
        _parsers[FeedSource.Grid] = new GridReportParser(parseOptions).ParseInspection;
    }

    public ParseResult Parse(FeedSource source, ReadOnlyMemory<byte> body, string contentType) =>
        _parsers.TryGetValue(source, out var parse)
            ? parse(body, contentType)
            : throw new InvalidOperationException($"No parser is registered for {source}.");
}
