namespace Mastro.Core.Lineage.Validation;

/// <summary>What <see cref="CompiledSchema"/> can tell about a value without NJsonSchema.</summary>
internal enum SchemaVerdict
{
    /// <summary>NJsonSchema finds no error either.</summary>
    Valid,
    /// <summary>NJsonSchema finds at least one error.</summary>
    Invalid,
    /// <summary>A rule or value this checker leaves to NJsonSchema.</summary>
    Unknown,
}

internal static class SchemaVerdicts
{
    /// <summary>Both rules apply: one definite error is enough, otherwise any doubt stays.</summary>
    public static SchemaVerdict And(this SchemaVerdict first, SchemaVerdict second) =>
        first == SchemaVerdict.Invalid || second == SchemaVerdict.Invalid ? SchemaVerdict.Invalid
        : first == SchemaVerdict.Unknown || second == SchemaVerdict.Unknown ? SchemaVerdict.Unknown
        : SchemaVerdict.Valid;

    public static SchemaVerdict Not(this SchemaVerdict verdict) => verdict switch
    {
        SchemaVerdict.Valid => SchemaVerdict.Invalid,
        SchemaVerdict.Invalid => SchemaVerdict.Valid,
        _ => SchemaVerdict.Unknown,
    };
}
