using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>A value for a named SQL parameter; a fresh <see cref="NpgsqlParameter"/> is made for each statement using it.</summary>
internal sealed record SqlArgument(string Name, object Value, NpgsqlDbType Type)
{
    public NpgsqlParameter ToParameter() => new(Name, Type) { Value = Value };
}

/// <summary>A WHERE condition and the arguments its parameters refer to.</summary>
internal sealed record SqlFilter(string Condition, IReadOnlyList<SqlArgument> Arguments)
{
    public static readonly SqlFilter All = new("true", []);

    /// <summary>A filter no row can satisfy, for input that cannot match anything the database holds.</summary>
    public static readonly SqlFilter None = new("false", []);
}
