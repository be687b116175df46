using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace SocialCareStories.Benchmarks.Load;

/// <summary>One reading of the app's memory: the working set from /proc, and the managed heap from the runtime's own counters.</summary>
/// <param name="Elapsed">Since the sampler started.</param>
/// <param name="WorkingSetBytes">VmRSS: what the process holds in RAM.</param>
/// <param name="GcHeapBytes">The runtime's <c>gc-heap-size</c> counter (live and not yet collected objects; moves with every GC), or null before the first counter arrives.</param>
internal sealed record MemorySample(TimeSpan Elapsed, long WorkingSetBytes, long? GcHeapBytes);

/// <summary>The managed heap straight after a full, blocking collection that the benchmark asked the runtime for: only what is really held.</summary>
internal sealed record LiveHeap(long Bytes, long WorkingSetBytes);

/// <summary>
/// Reads the app's memory from outside, the way an operator would: the working set from <c>/proc/PID/status</c>
/// and the GC heap over EventPipe (the diagnostics channel dotnet-counters and dotnet-gcdump use, which are not
/// in this machine's package feed), so the app needs no endpoint or code for it.
/// </summary>
internal sealed class ServerMemory : IAsyncDisposable
{
    private const string RuntimeCounters = "System.Runtime";
    private const string RuntimeEvents = "Microsoft-Windows-DotNETRuntime";
    private readonly int _processId;
    private readonly TimeSpan _interval;
    private readonly List<MemorySample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private EventPipeSession? _counters;
    private Task? _countersReader;
    private Task? _sampler;
    private long _lastGcHeapBytes = -1;

    private ServerMemory(int processId, TimeSpan interval)
    {
        _processId = processId;
        _interval = interval;
    }

    /// <summary>Starts sampling every <paramref name="interval"/> until disposed or <see cref="Restart"/>ed.</summary>
    public static ServerMemory Start(int processId, TimeSpan interval)
    {
        var memory = new ServerMemory(processId, interval);
        var seconds = Math.Max(1, (int)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        memory._counters = new DiagnosticsClient(processId).StartEventPipeSession(
            new EventPipeProvider(RuntimeCounters, EventLevel.Informational, long.MaxValue, new Dictionary<string, string> { ["EventCounterIntervalSec"] = seconds }),
            requestRundown: false);
        memory._countersReader = Task.Run(() => memory.ReadCounters(memory._counters.EventStream));
        memory._sampler = Task.Run(() => memory.SampleAsync(memory._stop.Token));
        return memory;
    }

    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Forgets the samples so far and starts the clock again (between runs, keeping one session).</summary>
    public void Restart()
    {
        lock (_samples)
        {
            _samples.Clear();
            _clock.Restart();
        }
    }

    /// <summary>VmRSS of the process, in bytes.</summary>
    public static long WorkingSet(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                // "VmRSS:     123456 kB"
                var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line");
    }

    /// <summary>
    /// Asks the runtime for a full blocking collection (the GCHeapCollect keyword, as dotnet-gcdump does, without
    /// walking the heap) and returns the managed heap right after it: gen 0, 1, 2, large and pinned object heaps.
    /// </summary>
    public static async Task<LiveHeap> CollectAndMeasureAsync(int processId, CancellationToken cancellationToken)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = new DiagnosticsClient(processId).StartEventPipeSession(
            new EventPipeProvider(RuntimeEvents, EventLevel.Informational, keywords), requestRundown: false);
        var result = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var induced = false;
            source.Clr.GCStart += e => induced |= e.Depth == 2 && e.Reason is GCReason.Induced or GCReason.InducedNotForced;
            source.Clr.GCHeapStats += e =>
            {
                if (induced)
                {
                    result.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
                }
            };
            try
            {
                source.Process();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
            {
                // The session was stopped under the reader.
            }

            result.TrySetException(new InvalidOperationException("The app's event stream ended before the forced collection was reported."));
        }, CancellationToken.None);

        try
        {
            var bytes = await result.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return new LiveHeap(bytes, WorkingSet(processId));
        }
        finally
        {
            await StopQuietlyAsync(session);
            await reader.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_counters is not null)
        {
            await StopQuietlyAsync(_counters);
        }

        foreach (var task in new[] { _sampler, _countersReader })
        {
            if (task is not null)
            {
                await task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        _counters?.Dispose();
        _stop.Dispose();
    }

    private static async Task StopQuietlyAsync(EventPipeSession session)
    {
        try
        {
            await session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or IOException or TimeoutException)
        {
            // The app has gone, or the session ended already.
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                var workingSet = WorkingSet(_processId);
                var heap = Interlocked.Read(ref _lastGcHeapBytes);
                lock (_samples)
                {
                    _samples.Add(new MemorySample(_clock.Elapsed, workingSet, heap < 0 ? null : heap));
                }
            }
            catch (IOException)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    private void ReadCounters(Stream events)
    {
        try
        {
            using var source = new EventPipeEventSource(events);
            source.Dynamic.All += e =>
            {
                if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> wrapper
                    || wrapper.TryGetValue("Payload", out var inner) is false || inner is not IDictionary<string, object> payload)
                {
                    return;
                }

                // gc-heap-size is GC.GetTotalMemory(false) in millions of bytes.
                if (payload.TryGetValue("Name", out var name) && name as string == "gc-heap-size" && payload.TryGetValue("Mean", out var mean))
                {
                    Interlocked.Exchange(ref _lastGcHeapBytes, (long)(Convert.ToDouble(mean, CultureInfo.InvariantCulture) * 1_000_000));
                }
            };
            source.Process();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // The session was stopped.
        }
    }
}
