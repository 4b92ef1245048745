using System.Globalization;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// The circuit breaker as a pure decision: (state, one call's outcome at its time) → (state, transitions).
/// <list type="bullet">
/// <item>closed → open when the window (event time) holds at least <c>MinimumRequests</c> calls and its
/// provider-caused error rate exceeds the threshold;</item>
/// <item>open → half-open at <c>opened + CoolDown</c>: on the provider's first call at or after it, or on the
/// <see cref="CircuitCoolDownElapsed"/> tick the timer appends when no call comes (gateways stop calling an open
/// provider). Both are in the log, so a rebuild repeats the decision exactly;</item>
/// <item>half-open → closed when <c>HalfOpenProbes</c> probe calls fail at most at the threshold rate, else back to open.</item>
/// </list>
/// Only failures a provider causes count: timeout, rate_limit, server_error, other (not invalid_request,
/// auth_error or content_filter, which are the caller's).
/// </summary>
public static class CircuitBreaker
{
    private const int SlotSeconds = 10;

    public static bool IsProviderFailure(string outcome, string? errorType) =>
        outcome == Outcomes.Failed && errorType is not (ErrorTypes.InvalidRequest or ErrorTypes.AuthError or ErrorTypes.ContentFilter);

    public static (CircuitState State, CircuitChanged? Change) Decide(CircuitState state, DateTimeOffset at, bool failed, ProviderHealthOptions options)
    {
        var watermark = at > state.Watermark ? at : state.Watermark;
        var window = Slide(state.Window, at, failed, watermark, options.Window);
        var (requests, failures) = (window.Sum(s => s.Requests), window.Sum(s => s.Failures));
        var rate = requests == 0 ? 0 : (double)failures / requests;
        state = state with { Watermark = watermark, Window = window };

        switch (state.State)
        {
            case CircuitStates.Closed when requests >= options.MinimumRequests && rate > options.ErrorRateThreshold:
                return Transition(state with { OpenedAt = at, IncidentStartedAt = at, IncidentPeakErrorRate = rate }, CircuitStates.Open, at, rate, requests,
                    $"error rate {Percent(rate)} over {options.Window.TotalSeconds:0} s ({requests} calls) above {Percent(options.ErrorRateThreshold)}", null);

            case CircuitStates.Open when at >= state.OpenedAt + options.CoolDown:
                var probing = state with { ProbeRequests = 1, ProbeFailures = failed ? 1 : 0, IncidentPeakErrorRate = Math.Max(state.IncidentPeakErrorRate, rate) };
                return Transition(probing, CircuitStates.HalfOpen, at, rate, requests, $"cool-down of {options.CoolDown.TotalSeconds:0} s over", null);

            case CircuitStates.Open:
                return (state with { IncidentPeakErrorRate = Math.Max(state.IncidentPeakErrorRate, requests >= options.MinimumRequests ? rate : 0) }, null);

            case CircuitStates.HalfOpen:
                var probes = state with { ProbeRequests = state.ProbeRequests + 1, ProbeFailures = state.ProbeFailures + (failed ? 1 : 0) };
                if (probes.ProbeRequests < options.HalfOpenProbes)
                {
                    return (probes, null);
                }

                var probeRate = (double)probes.ProbeFailures / probes.ProbeRequests;
                if (probeRate <= options.ErrorRateThreshold)
                {
                    var incident = new ProviderIncident(state.Provider, state.IncidentStartedAt ?? at, at, state.IncidentPeakErrorRate);
                    // A fresh window: the failures that opened the circuit must not open it again at once.
                    return Transition(probes with { OpenedAt = null, IncidentStartedAt = null, IncidentPeakErrorRate = 0, Window = [] }, CircuitStates.Closed, at, probeRate, probes.ProbeRequests,
                        $"{probes.ProbeRequests - probes.ProbeFailures} of {probes.ProbeRequests} probe calls succeeded", incident);
                }

                return Transition(probes with { OpenedAt = at, IncidentPeakErrorRate = Math.Max(state.IncidentPeakErrorRate, probeRate) }, CircuitStates.Open, at, probeRate, probes.ProbeRequests,
                    $"{probes.ProbeFailures} of {probes.ProbeRequests} probe calls failed", null);

            default:
                return (state, null);
        }
    }

    /// <summary>The timer's tick: half-open, with no probe calls yet, if the circuit is still the opening it names.</summary>
    public static (CircuitState State, CircuitChanged? Change) CoolDownElapsed(CircuitState state, CircuitCoolDownElapsed tick, ProviderHealthOptions options) =>
        state.State == CircuitStates.Open && state.Transitions == tick.OpenedBy
            ? Transition(state with { ProbeRequests = 0, ProbeFailures = 0 }, CircuitStates.HalfOpen, tick.At, 0, 0,
                $"cool-down of {options.CoolDown.TotalSeconds:0} s over", null)
            : (state, null);

    private static (CircuitState, CircuitChanged) Transition(CircuitState state, string to, DateTimeOffset at, double rate, long requests, string reason, ProviderIncident? incident)
    {
        var ordinal = state.Transitions + 1;
        var change = new CircuitChanged
        {
            Provider = state.Provider, Ordinal = ordinal, From = state.State, To = to, At = at,
            ErrorRate = Math.Round(rate, 4), WindowRequests = requests, Reason = reason, EndedIncident = incident,
        };
        return (state with { State = to, Transitions = ordinal, ChangedAt = at, ProbeRequests = to == CircuitStates.HalfOpen ? state.ProbeRequests : 0, ProbeFailures = to == CircuitStates.HalfOpen ? state.ProbeFailures : 0 }, change);
    }

    // Adds the call to its slot and drops slots that fell out of the window ending at the watermark.
    // A call older than the window is too late to matter for the breaker.
    private static List<WindowSlot> Slide(IReadOnlyList<WindowSlot> window, DateTimeOffset at, bool failed, DateTimeOffset watermark, TimeSpan width)
    {
        var oldest = watermark.ToUnixTimeSeconds() - (long)width.TotalSeconds;
        var slotStart = at.ToUnixTimeSeconds() / SlotSeconds * SlotSeconds;
        var slots = window.Where(s => s.StartSeconds + SlotSeconds > oldest).ToList();
        if (slotStart + SlotSeconds <= oldest)
        {
            return slots;
        }

        var index = slots.FindIndex(s => s.StartSeconds == slotStart);
        if (index < 0)
        {
            slots.Add(new WindowSlot(slotStart, 1, failed ? 1 : 0));
            slots.Sort((a, b) => a.StartSeconds.CompareTo(b.StartSeconds));
        }
        else
        {
            slots[index] = slots[index] with { Requests = slots[index].Requests + 1, Failures = slots[index].Failures + (failed ? 1 : 0) };
        }

        return slots;
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
