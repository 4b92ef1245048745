using Xunit;

// One system at a time on a 2-core machine: the shared one, or a test's own. Tests that read totals also rely on no other
// test adding records while they run.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
