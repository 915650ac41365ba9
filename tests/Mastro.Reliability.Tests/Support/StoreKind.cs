namespace Mastro.Reliability.Tests.Support;

/// <summary>The two stores every guarantee is checked on.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
