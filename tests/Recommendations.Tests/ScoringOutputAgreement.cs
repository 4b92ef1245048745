using TokenOptimizer.Recommendations.TestingModels;

namespace TokenOptimizer.Recommendations.Tests;

public sealed class ScoringOutputAgreement
{
    [Fact]
    public void IdenticalAnswers_ScoreOne() =>
        Assert.Equal(1d, OutputAgreement.Score("The refund was approved.", "The refund was approved."));

    [Fact]
    public void CasePunctuationAndOrder_AreIgnored() =>
        Assert.Equal(1d, OutputAgreement.Score("**Approved**: the refund.", "the REFUND approved"));

    [Fact]
    public void AnswersWithoutCommonWords_ScoreZero() =>
        Assert.Equal(0d, OutputAgreement.Score("yes", "no"));

    [Fact]
    public void PartialOverlap_IsSharedOverDistinctWords()
    {
        // {a, b, c} and {a, b, d}: 2 shared of 4 distinct
        Assert.Equal(0.5d, OutputAgreement.Score("a b c", "a b d"));
        Assert.Equal(0.5d, OutputAgreement.Score("a b d", "a b c"));
    }

    [Fact]
    public void RepeatedWords_CountOnce() =>
        Assert.Equal(1d, OutputAgreement.Score("very very good", "very good"));

    [Fact]
    public void EmptyAnswers_AgreeWithEachOtherButNotWithText()
    {
        Assert.Equal(1d, OutputAgreement.Score("", "  "));
        Assert.Equal(0d, OutputAgreement.Score("", "something"));
    }
}
