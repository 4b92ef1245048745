namespace TokenOptimizer.EventStore.Tests;

public sealed record ThingHappened(int Number);

public sealed record OtherThingHappened(string Note);

internal static class TestEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<ThingHappened>("thing_happened")
        .Register<OtherThingHappened>("other_thing_happened");
}
