namespace RuleHost.Engine.Evaluation;

/// <summary>SlidingWindow aggregates samples over the last <c>window</c> of event time in fixed buckets (O(1) memory per key).</summary>
/// <remarks>
/// The window moves in steps of window/Buckets, so its edge is accurate to one bucket. Samples later than the
/// newest bucket move it forward; samples older than the window are refused, out-of-order ones within it count.
/// </remarks>
internal sealed class SlidingWindow(TimeSpan window)
{
    public const int Buckets = 60;

    private readonly long _width = Math.Max(1, window.Ticks / Buckets);
    private readonly Bucket[] _buckets = new Bucket[Buckets];
    private long _head = long.MinValue;

    public TimeSpan Window { get; } = window;

    /// <summary>Newest is the latest sample time seen: the window's aggregates describe the window ending there.</summary>
    public DateTimeOffset Newest { get; private set; } = DateTimeOffset.MinValue;

    public long Count { get; private set; }
    public long Hits { get; private set; }
    public double Sum { get; private set; }
    public double SumOfSquares { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    public double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(Math.Max(0, (SumOfSquares / Count) - (Mean * Mean)));

    /// <summary>Add counts one sample; it returns false when the sample is older than the window.</summary>
    public bool Add(DateTimeOffset at, bool hit, double value = 0)
    {
        if (!Slide(at))
            return false;
        var index = at.UtcTicks / _width;

        ref var b = ref _buckets[(int)(index % Buckets)];
        b.Count++;
        Count++;
        if (hit)
        {
            b.Hits++;
            Hits++;
        }

        b.Sum += value;
        b.SumOfSquares += value * value;
        Sum += value;
        SumOfSquares += value * value;
        return true;
    }

    /// <summary>Slide moves the window forward to end at <paramref name="at"/>, dropping what falls out; it returns false when <paramref name="at"/> is older than the window.</summary>
    public bool Slide(DateTimeOffset at)
    {
        var index = at.UtcTicks / _width;
        if (index > _head)
            Advance(index);
        else if (index <= _head - Buckets)
            return false;
        if (at > Newest)
            Newest = at;
        return true;
    }

    private void Advance(long index)
    {
        if (_head == long.MinValue || index - _head >= Buckets)
        {
            Array.Clear(_buckets);
            _head = index;
            Count = Hits = 0;
            Sum = SumOfSquares = 0;
            return;
        }

        for (var i = _head + 1; i <= index; i++)
            _buckets[(int)(i % Buckets)] = default;
        _head = index;
        Recount(); // from the buckets, so floating-point sums never drift
    }

    private void Recount()
    {
        long count = 0, hits = 0;
        double sum = 0, squares = 0;
        foreach (ref readonly var b in _buckets.AsSpan())
        {
            count += b.Count;
            hits += b.Hits;
            sum += b.Sum;
            squares += b.SumOfSquares;
        }

        (Count, Hits, Sum, SumOfSquares) = (count, hits, sum, squares);
    }

    /// <summary>Export copies the window's state for the state store.</summary>
    public WindowState Export()
    {
        var n = _buckets.Length;
        var state = new WindowState(Window.Ticks, _head, Newest, new long[n], new long[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
            (state.Counts[i], state.Hits[i], state.Sums[i], state.Squares[i]) = (_buckets[i].Count, _buckets[i].Hits, _buckets[i].Sum, _buckets[i].SumOfSquares);
        return state;
    }

    /// <summary>Import rebuilds a window from <see cref="Export"/>; null when the saved one had another length or shape.</summary>
    public static SlidingWindow? Import(WindowState state, TimeSpan window)
    {
        if (state.WindowTicks != window.Ticks || state.Counts.Length != Buckets || state.Hits.Length != Buckets
            || state.Sums.Length != Buckets || state.Squares.Length != Buckets)
            return null;
        var restored = new SlidingWindow(window) { _head = state.Head, Newest = state.Newest };
        for (var i = 0; i < Buckets; i++)
            restored._buckets[i] = new Bucket { Count = state.Counts[i], Hits = state.Hits[i], Sum = state.Sums[i], SumOfSquares = state.Squares[i] };
        restored.Recount();
        return restored;
    }

    private struct Bucket
    {
        public long Count;
        public long Hits;
        public double Sum;
        public double SumOfSquares;
    }
}
