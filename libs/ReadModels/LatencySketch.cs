namespace TokenOptimizer.ReadModels;

/// <summary>
/// A mergeable quantile sketch in the spirit of DDSketch (Masson, Rim and Lee, VLDB 2019): values fall into
/// logarithmic buckets <c>(γ^(i-1), γ^i]</c> with <c>γ = (1+α)/(1-α)</c>, and a quantile is answered with the
/// bucket's midpoint <c>2γ^i/(γ+1)</c>, which is within relative error α of every value in the bucket. Counts
/// are integers, so merging is exact, associative and commutative: a sketch of any time range and any set of
/// dimensions is the sum of the rows' sketches, and it answers with the same accuracy as one built from the
/// raw values. α = 1% here; latencies from 1 µs to an hour need about 1,100 buckets, typically ~100 are used.
/// </summary>
public sealed class LatencySketch
{
    /// <summary>The relative accuracy α of every quantile.</summary>
    public const double RelativeAccuracy = 0.01;

    private const byte FormatVersion = 1;

    // Values at or below this (in ms) are counted as zero: nothing we measure is that fast.
    private const double SmallestValue = 1e-3;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    // The bucket indexes of every latency from the smallest tracked value to about three hours: MergeAll counts
    // them in a flat array (rare values beyond go to the map as usual).
    private static readonly int DenseFirst = IndexOf(SmallestValue);
    private static readonly int DenseLast = IndexOf(1e7);

    // A hash map, ordered only when read in order (quantiles, bytes): merging thousands of stored sketches for one
    // answer is the hot path, and a sorted map made every merged bucket a tree insert.
    private readonly Dictionary<int, long> _bins = [];

    /// <summary>How many values were added.</summary>
    public long Count { get; private set; }

    /// <summary>How many values were at or below the smallest tracked value.</summary>
    public long ZeroCount { get; private set; }

    /// <summary>Whether nothing was added.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Adds <paramref name="value"/> (ms) <paramref name="count"/> times.</summary>
    public void Add(double value, long count = 1)
    {
        if (count <= 0 || double.IsNaN(value))
        {
            return;
        }

        Count += count;
        if (value <= SmallestValue)
        {
            ZeroCount += count;
            return;
        }

        var index = IndexOf(value);
        _bins[index] = _bins.GetValueOrDefault(index) + count;
    }

    /// <summary>
    /// One sketch of every value the stored sketches hold: the way to merge thousands of rows for one answer.
    /// Counts are summed in a flat array over the bucket indexes, not the map, so each stored bucket is one addition.
    /// </summary>
    public static LatencySketch MergeAll(IEnumerable<byte[]> stored)
    {
        var merged = new LatencySketch();
        var dense = new long[DenseLast - DenseFirst + 1];
        foreach (var bytes in stored)
        {
            merged.MergeBytes(bytes, dense);
        }

        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] != 0)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(merged._bins, DenseFirst + i, out _) += dense[i];
            }
        }

        return merged;
    }

    private static int IndexOf(double value) => (int)Math.Ceiling(Math.Log(value) / LogGamma);

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    public void Merge(LatencySketch other)
    {
        Count += other.Count;
        ZeroCount += other.ZeroCount;
        foreach (var (index, count) in other._bins)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_bins, index, out _) += count;
        }
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0–1): the estimate of the value of rank ⌊q·(n−1)⌋ in sorted
    /// order, within <see cref="RelativeAccuracy"/> of it; null when the sketch is empty.
    /// </summary>
    public double? Quantile(double q)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = (long)Math.Floor(Math.Clamp(q, 0, 1) * (Count - 1));
        if (rank < ZeroCount)
        {
            return 0;
        }

        var seen = ZeroCount;
        foreach (var (index, count) in _bins.OrderBy(b => b.Key))
        {
            seen += count;
            if (seen > rank)
            {
                return 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }

        return 2 * Math.Pow(Gamma, _bins.Keys.Max()) / (Gamma + 1);
    }

    /// <summary>The share of values above <paramref name="value"/>, to within the bucket holding it.</summary>
    public double FractionAbove(double value)
    {
        if (Count == 0)
        {
            return 0;
        }

        var limit = value <= SmallestValue ? int.MinValue : IndexOf(value);
        return (double)_bins.Where(b => b.Key > limit).Sum(b => b.Value) / Count;
    }

    /// <summary>A compact form: version, zero count, bucket count, then (index delta, count) as varints.</summary>
    public byte[] ToBytes()
    {
        var buffer = new List<byte>(8 + _bins.Count * 3) { FormatVersion };
        WriteVarint(buffer, (ulong)ZeroCount);
        WriteVarint(buffer, (ulong)_bins.Count);
        var previous = 0;
        foreach (var (index, count) in _bins.OrderBy(b => b.Key))
        {
            var delta = index - previous;
            WriteVarint(buffer, (ulong)((delta << 1) ^ (delta >> 31)));
            WriteVarint(buffer, (ulong)count);
            previous = index;
        }

        return [.. buffer];
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; an empty or null input is an empty sketch.</summary>
    public static LatencySketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        var sketch = new LatencySketch();
        sketch.MergeBytes(bytes);
        return sketch;
    }

    /// <summary>
    /// Adds every value of the sketch <see cref="ToBytes"/> wrote into <paramref name="bytes"/>, straight from its
    /// bytes: merging thousands of stored rows for one answer then builds no sketch per row.
    /// </summary>
    public void MergeBytes(ReadOnlySpan<byte> bytes) => MergeBytes(bytes, null);

    // Buckets within the dense range go to `dense` when given (MergeAll folds it in at the end), others to the map.
    private void MergeBytes(ReadOnlySpan<byte> bytes, long[]? dense)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (bytes[0] != FormatVersion)
        {
            throw new FormatException($"Unknown latency sketch format {bytes[0]}.");
        }

        var position = 1;
        var zeroCount = (long)ReadVarint(bytes, ref position);
        ZeroCount += zeroCount;
        Count += zeroCount;
        var bins = (int)ReadVarint(bytes, ref position);
        var index = 0;
        for (var i = 0; i < bins; i++)
        {
            var zigzag = (uint)ReadVarint(bytes, ref position);
            index += (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
            var count = (long)ReadVarint(bytes, ref position);
            Count += count;
            if (dense is not null && index >= DenseFirst && index <= DenseLast)
            {
                dense[index - DenseFirst] += count;
            }
            else
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_bins, index, out _) += count;
            }
        }
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
