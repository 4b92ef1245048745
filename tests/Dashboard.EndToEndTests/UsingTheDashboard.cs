using Xunit;

namespace TokenOptimizer.Dashboard.EndToEndTests;

/// <summary>
/// The dashboard in a real browser (headless Chromium driven by playwright-core) against the real services with
/// generated traffic. Screenshots of every view at desktop and phone width go to <c>artefacts/screenshots</c>.
/// </summary>
public sealed class UsingTheDashboard(RunningSystem system) : IClassFixture<RunningSystem>
{
    [Fact]
    public Task EveryView_RendersAtDesktopAndPhoneWidth() => BrowserScenario.RunAsync(system, "every-view-renders");

    [Fact]
    public Task TheOverview_ShowsTheApisNumbers() => BrowserScenario.RunAsync(system, "overview-matches-api");

    [Fact]
    public Task ChangingAFilter_ChangesTheNumbersAndTheUrl() => BrowserScenario.RunAsync(system, "filter-changes-numbers-and-url");

    [Fact]
    public Task ANewRecord_ShowsUpLive() => BrowserScenario.RunAsync(system, "new-record-shows-live");

    [Fact]
    public Task AReadKey_SeesNoAdminActions() => BrowserScenario.RunAsync(system, "read-key-sees-no-admin-actions");
}
