using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheDashboard;

/// <summary>
/// The dashboard in a real browser (headless Chromium driven by playwright-core) against the real services with
/// generated traffic. Screenshots of every view at desktop and phone width go to <c>artefacts/screenshots</c>.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class UsingTheDashboard(SharedSystem system)
{
    [Fact]
    public Task EveryView_RendersAtDesktopAndPhoneWidth() => BrowserScenario.RunAsync(system, "every-view-renders");

    [Fact]
    public Task TheOverview_ShowsTheApisNumbers() => BrowserScenario.RunAsync(system, "overview-matches-api");

    [Fact]
    public Task CostAnalysis_ShowsTheApisNumbers() => BrowserScenario.RunAsync(system, "costs-match-api");

    [Fact]
    public Task ModelOptimisation_GroupedAndPaged_ShowsTheApisTopSaving_AndAnAdminSnoozesOneFromItsMenu() => BrowserScenario.RunAsync(system, "optimisation-matches-api-and-snoozes");

    [Fact]
    public Task Performance_ShowsTheApisNumbers() => BrowserScenario.RunAsync(system, "performance-matches-api");

    [Fact]
    public Task UsagePatterns_ShowTheApisNumbers() => BrowserScenario.RunAsync(system, "patterns-match-api");

    [Fact]
    public Task ProvidersAndIncidents_ShowTheApisNumbers() => BrowserScenario.RunAsync(system, "providers-match-api");

    [Fact]
    public Task ProviderComparison_ShowsTheApisNumbers_AtDesktopAndPhoneWidth() => BrowserScenario.RunAsync(system, "comparison-matches-api");

    [Fact]
    public Task ARowABarAndAHeatmapCell_OpenTheLogsFilteredByThem() => BrowserScenario.RunAsync(system, "drill-down-opens-the-filtered-logs");

    [Fact]
    public Task ABarOfCostAnalysis_NarrowsTheViewToItsModel() => BrowserScenario.RunAsync(system, "drill-down-narrows-cost-analysis");

    [Fact]
    public Task CalendarPresets_ShowTheApisNumbersForTheirPeriod() => BrowserScenario.RunAsync(system, "presets-ask-for-their-period");

    [Fact]
    public Task Budgets_ShowTheApisNumbers() => BrowserScenario.RunAsync(system, "budgets-match-api");

    [Fact]
    public Task Logs_ShowTheApisPage() => BrowserScenario.RunAsync(system, "logs-match-api");

    [Fact]
    public Task TheLiveIndicator_SaysLive_BeforeAnyUpdate() => BrowserScenario.RunAsync(system, "live-before-any-update");

    [Fact]
    public Task ChangingAFilter_ChangesTheNumbersAndTheUrl() => BrowserScenario.RunAsync(system, "filter-changes-numbers-and-url");

    [Fact]
    public Task ANewRecord_ShowsUpLive() => BrowserScenario.RunAsync(system, "new-record-shows-live");

    [Fact]
    public Task AReadKey_SeesNoAdminActions() => BrowserScenario.RunAsync(system, "read-key-sees-no-admin-actions");

    [Fact]
    public Task TheAdminScreens_CreateAKey_PreviewAPrice_SetAnSloTarget_AndDisallowAModel_AtDesktopAndPhoneWidth() =>
        BrowserScenario.RunAsync(system, "admin-screens-act-through-the-api");

    [Fact]
    public Task TheAdminScreens_AreRefusedToAReadKey() => BrowserScenario.RunAsync(system, "admin-screens-refused-to-a-read-key");
}
