using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Pipeline;

/// <summary>
/// The bounded channel between the HTTP handlers and the batch writer. Writers never wait: a full
/// channel is answered at once with 503 + Retry-After, so back-pressure reaches the sender instead of
/// piling requests up in memory.
/// </summary>
public sealed class IngestQueue
{
    private readonly Channel<IngestWork> _channel;

    public IngestQueue(IOptions<IngestOptions> options)
    {
        _channel = Channel.CreateBounded<IngestWork>(new BoundedChannelOptions(options.Value.ChannelCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<IngestWork> Reader => _channel.Reader;

    /// <summary>False when the channel is full (or the pipeline is stopping): answer 503.</summary>
    public bool TryEnqueue(IngestWork work) => _channel.Writer.TryWrite(work);

    public void Complete() => _channel.Writer.TryComplete();
}
