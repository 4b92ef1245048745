namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>Every corpus document gives the same outcome in our engine and in graphql-js.</summary>
public class CorpusConformance
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in Corpus.Cases)
        {
            data.Add(testCase.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task Document_BehavesLikeGraphQLJs(string id)
    {
        var testCase = Corpus.Cases.Single(c => c.Id == id);
        var expected = ReferenceImplementation.Result(id);
        var actual = await OurEngine.RunAsync(testCase);
        var differences = ResultComparer.Differences(expected, actual);
        Assert.True(differences.Count == 0, $"{id}\n{testCase.Source}\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void Corpus_HasAtLeast300Documents() => Assert.True(Corpus.Cases.Count >= 300, $"The corpus has {Corpus.Cases.Count} documents.");

    [Fact]
    public void CorpusIds_AreUnique() => Assert.Equal(Corpus.Cases.Count, Corpus.Cases.Select(c => c.Id).Distinct().Count());

    [Fact]
    public void CodeFirstSchema_PrintsTheSameSdlAsGraphQLJs() => Assert.Equal(ReferenceImplementation.Sdl, OurEngine.Schema.PrintSdl());
}
