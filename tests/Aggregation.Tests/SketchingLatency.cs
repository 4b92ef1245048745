using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class SketchingLatency
{
    private static readonly double[] Quantiles = [0.5, 0.9, 0.95, 0.99, 0.999];

    private static double[] LongTailed(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            // Log-normal body around 800 ms, and a Pareto tail of 2% up to minutes.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return random.NextDouble() < 0.02 ? 5_000 / Math.Pow(1 - random.NextDouble(), 1 / 1.2) : 800 * Math.Exp(0.6 * normal);
        }).ToArray();
    }

    private static double Exact(double[] sorted, double q) => sorted[(int)Math.Floor(q * (sorted.Length - 1))];

    [Fact]
    public void LongTailedValues_QuantilesAreWithinOnePercent()
    {
        var values = LongTailed(1, 100_000);
        var sketch = new LatencySketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        Array.Sort(values);
        foreach (var q in Quantiles)
        {
            var exact = Exact(values, q);
            Assert.InRange(sketch.Quantile(q)!.Value, exact * 0.99, exact * 1.01);
        }
    }

    [Fact]
    public void MergedSketches_AnswerLikeOneSketchOfAllValues()
    {
        var parts = Enumerable.Range(0, 50).Select(i => LongTailed(i, 2_000)).ToList();
        var merged = new LatencySketch();
        foreach (var part in parts)
        {
            var sketch = new LatencySketch();
            foreach (var value in part)
            {
                sketch.Add(value);
            }

            // Through the stored form, as the rollup rows keep them.
            merged.Merge(LatencySketch.FromBytes(sketch.ToBytes()));
        }

        var all = parts.SelectMany(p => p).Order().ToArray();
        Assert.Equal(all.Length, merged.Count);
        foreach (var q in Quantiles)
        {
            var exact = Exact(all, q);
            Assert.InRange(merged.Quantile(q)!.Value, exact * 0.99, exact * 1.01);
        }
    }

    [Fact]
    public void MergingStoredBytes_EqualsMergingTheSketchesTheyHold()
    {
        // Given stored sketches, some with zeros, and one sketch already holding values
        var stored = Enumerable.Range(0, 20).Select(i =>
        {
            var sketch = new LatencySketch();
            foreach (var value in LongTailed(100 + i, 500).Append(i % 3 == 0 ? 0 : 1))
            {
                sketch.Add(value);
            }

            return sketch.ToBytes();
        }).ToList();
        var viaSketches = LatencySketch.FromBytes(stored[0]);
        var viaBytes = LatencySketch.FromBytes(stored[0]);

        // When the rest are merged as sketches into one, and straight from their bytes into the other
        foreach (var bytes in stored.Skip(1))
        {
            viaSketches.Merge(LatencySketch.FromBytes(bytes));
            viaBytes.MergeBytes(bytes);
        }

        // And all of them at once, as the dashboard's queries merge many rows
        var all = LatencySketch.MergeAll(stored);

        // Then every way holds the same values: same counts, same stored form, same quantiles
        foreach (var merged in new[] { viaBytes, all })
        {
            Assert.Equal(viaSketches.Count, merged.Count);
            Assert.Equal(viaSketches.ZeroCount, merged.ZeroCount);
            Assert.Equal(viaSketches.ToBytes(), merged.ToBytes());
            Assert.All(Quantiles, q => Assert.Equal(viaSketches.Quantile(q), merged.Quantile(q)));
        }
    }

    [Fact]
    public void StoredForm_RoundTripsAndStaysSmall()
    {
        var sketch = new LatencySketch();
        foreach (var value in LongTailed(3, 10_000).Append(0).Append(0.0001))
        {
            sketch.Add(value);
        }

        var bytes = sketch.ToBytes();
        var back = LatencySketch.FromBytes(bytes);

        Assert.Equal(sketch.Count, back.Count);
        Assert.Equal(2, back.ZeroCount);
        Assert.Equal(sketch.Quantile(0.99), back.Quantile(0.99));
        Assert.True(bytes.Length < 2_000, $"{bytes.Length} bytes");
    }

    [Fact]
    public void EmptySketch_HasNoQuantile() => Assert.Null(new LatencySketch().Quantile(0.5));
}
