using System.Text;
using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class LoadingQualityFiles
{
    private static ModelQuality Load(string json) => ModelQuality.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void UserEntry_ReplacesTheShippedEntryOfItsModelAsAWhole()
    {
        var user = Load("""
            {"source":"acme evals","models":[{"key":"GPT-4o-mini","family":"gpt-4o","scores":{
              "classification":{"score":91,"source":"acme eval 2026-10: 500 tickets"}}}]}
            """);

        var quality = ModelQuality.LoadDefault().OverriddenBy(user);

        var entry = quality.Find("gpt-4o-mini")!;
        Assert.Equal(new QualityScore(91, "acme eval 2026-10: 500 tickets"), entry.Scores[TaskKinds.Classification]);
        Assert.Single(entry.Scores);
        Assert.Null(entry.Tier);
        Assert.Equal("acme evals", quality.Source);
        Assert.Equal(ModelQuality.LoadDefault().Entries.Count, quality.Entries.Count);
        Assert.Equal(ModelQuality.LoadDefault().Find("gpt-4o"), quality.Find("gpt-4o"));
        Assert.Equal(76, ModelQuality.LoadDefault().Find("gpt-4o-mini")!.Scores[TaskKinds.Classification].Score); // unchanged
    }

    [Fact]
    public void UserEntryForAnotherModel_IsAdded()
    {
        var user = Load("""
            {"models":[{"key":"gpt-3.5-turbo","family":"gpt-3.5","source":"acme eval","scores":{"general":{"score":55}}}]}
            """);

        var quality = ModelQuality.LoadDefault().OverriddenBy(user);

        Assert.Equal(ModelQuality.LoadDefault().Entries.Count + 1, quality.Entries.Count);
        Assert.Equal(55, quality.Find("gpt-3.5-turbo")!.Scores[TaskKinds.General].Score);
        Assert.Contains("none is a measured benchmark", quality.Source!, StringComparison.Ordinal); // the user file states none
    }

    [Fact]
    public void UserFileAlone_ReplacesTheShippedData()
    {
        var user = Load("""
            {"models":[{"key":"gpt-4o-mini","family":"gpt-4o","source":"acme eval","scores":{"general":{"score":70}}}]}
            """);

        var profiles = new ModelProfiles(Pricing.Shipped, user, SomeDay);

        Assert.Equal(["gpt-4o-mini"], profiles.All.Select(p => p.Key));
        Assert.Empty(profiles.Find("gpt-4o")!.Quality);
    }

    [Fact]
    public void ScoreWithoutItsOwnSource_TakesItsModels()
    {
        var quality = Load("""
            {"models":[{"key":"m","family":"f","source":"model-wide","scores":{
              "code":{"score":60},"reasoning":{"score":40,"source":"own"}}}]}
            """);

        var scores = quality.Find("m")!.Scores;
        Assert.Equal(new QualityScore(60, "model-wide"), scores[TaskKinds.Code]);
        Assert.Equal(new QualityScore(40, "own"), scores[TaskKinds.Reasoning]);
    }

    [Fact]
    public void TaskKinds_AreReadInAnyCase()
    {
        var quality = Load("""{"models":[{"key":"m","family":"f","source":"s","scores":{"Code":{"score":60}}}]}""");

        Assert.Equal(["code"], quality.Find("m")!.Scores.Keys);
        Assert.Equal(60, quality.Find("m")!.Scores["CODE"].Score);
    }

    [Fact]
    public void CommentsAndTrailingCommas_AreAllowed()
    {
        var quality = Load("""
            {
              // measured on our own support tickets
              "models": [{"key": "m", "family": "f", "source": "s", "scores": {"general": {"score": 1},},},],
            }
            """);

        Assert.Equal(1, quality.Find("m")!.Scores[TaskKinds.General].Score);
    }

    [Theory]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","source":"s","scores":{"poetry":{"score":50}}}]}""", "'gpt-4o'", "unknown task kind 'poetry'")]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","source":"s","scores":{"code":{"score":101}}}]}""", "'gpt-4o' score 'code'", "outside 0–100")]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","source":"s","scores":{"code":{"score":-1}}}]}""", "'gpt-4o' score 'code'", "outside 0–100")]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","scores":{"code":{"score":50}}}]}""", "'gpt-4o' score 'code'", "no 'source'")]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","source":"  ","scores":{"code":{"score":50,"source":""}}}]}""", "'gpt-4o' score 'code'", "no 'source'")]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","source":"s","scores":{"code":{"source":"s"}}}]}""", "'gpt-4o' score 'code'", "no 'score'")]
    [InlineData("""{"models":[{"key":"gpt-4o","source":"s","scores":{"code":{"score":50}}}]}""", "'gpt-4o'", "no 'family'")]
    [InlineData("""{"models":[{"key":"gpt-4o","family":"f","source":"s","scores":{}}]}""", "'gpt-4o'", "no 'scores'")]
    [InlineData("""{"models":[{"key":"a","family":"f","source":"s","scores":{"code":{"score":1}}},{"family":"f","scores":{}}]}""", "Model #2", "no 'key'")]
    [InlineData("""{"models":[{"key":"a","family":"f","source":"s","scores":{"code":{"score":1}}},{"key":"A","family":"f","source":"s","scores":{"code":{"score":1}}}]}""", "'A'", "twice")]
    [InlineData("""{"models":[{"key":"m","family":"f","source":"s","scores":{"code":{"score":1},"CODE":{"score":2}}}]}""", "'m'", "'code' twice")]
    [InlineData("""{"models":[{"key":"m","family":"f","source":"s","scroes":{"code":{"score":1}}}]}""", "scroes", "(at $.models[0]")]
    [InlineData("""{"models":[{"key":"m","family":"f","source":"s","scores":{"code":{"score":85.5}}}]}""", "$.models[0].scores.code.score", "not valid")]
    [InlineData("""{"source":"s"}""", "'models'", "quality file")]
    [InlineData("""{"models":[""", "quality file", "not valid")]
    public void MalformedFile_IsRejectedNamingWhatIsWrong(string json, string names, string says)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(json));

        Assert.Contains(names, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(says, StringComparison.Ordinal), error.Message);
    }
}
