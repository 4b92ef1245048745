using Xunit;

// Two lanes: the system tests in turn (InTurnCollection: the shared system's tests rely on no other test adding records to
// it, and the tests with a system of their own want the machine) and, beside them, the two-minute PostgreSQL outage on its
// own system (PostgresOutageCollection). A class without a collection joins the assembly's one default collection, a
// third lane, never one lane per class.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly, MaxParallelThreads = 2)]
