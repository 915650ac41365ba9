namespace Mastro.Reliability.Tests.Support;

/// <summary>
/// Tests that stop the shared PostgreSQL cluster run alone, after the parallel tests, so no other test sees
/// their outage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresOutageCollection
{
    public const string Name = "PostgreSQL outage";
}
