using Mastro.Core.Security;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>API tokens in table <c>api_token</c> (salt and hash only).</summary>
internal sealed class PostgresTokenStore(PostgresDatabase database) : ITokenStore
{
    private const string InfoColumns = "id, name, role, created_at, revoked_at";

    public async Task<bool> CreateAsync(StoredToken token, CancellationToken cancellationToken)
    {
        var created = false;
        await database.InTransactionAsync(async (connection, cancellation) =>
        {
            // The partial unique index turns a second active token of the same name into "nothing inserted".
            await using var command = new NpgsqlCommand("""
                INSERT INTO api_token (id, name, role, salt, hash, created_at, revoked_at)
                VALUES (@id, @name, @role, @salt, @hash, @created_at, NULL)
                ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING
                """, connection);
            command.Parameters.AddRange((NpgsqlParameter[])
            [
                new NpgsqlParameter<string>("id", token.Id),
                new NpgsqlParameter<string>("name", token.Name),
                new NpgsqlParameter<string>("role", token.Role.Name()),
                new NpgsqlParameter<byte[]>("salt", token.Salt),
                new NpgsqlParameter<byte[]>("hash", token.Hash),
                new NpgsqlParameter<DateTimeOffset>("created_at", token.CreatedAt.ToUniversalTime()),
            ]);
            created = await command.ExecuteNonQueryAsync(cancellation) == 1;
        }, cancellationToken);
        return created;
    }

    public Task<StoredToken?> FindAsync(string id, CancellationToken cancellationToken) =>
        database.RunAsync(async () =>
        {
            if (id.Contains('\0')) return null;
            await using var command = database.DataSource.CreateCommand($"SELECT {InfoColumns}, salt, hash FROM api_token WHERE id = @id");
            command.Parameters.Add(new NpgsqlParameter<string>("id", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            var info = ReadInfo(reader);
            return new StoredToken(info.Id, info.Name, info.Role, reader.GetFieldValue<byte[]>(5), reader.GetFieldValue<byte[]>(6),
                info.CreatedAt, info.RevokedAt);
        });

    public Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<TokenInfo>>(async () =>
        {
            await using var command = database.DataSource.CreateCommand($"SELECT {InfoColumns} FROM api_token ORDER BY created_at, id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAllAsync(ReadInfo, cancellationToken);
        });

    public async Task<TokenInfo?> RevokeAsync(string idOrName, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        if (idOrName.Contains('\0')) return null;
        TokenInfo? revoked = null;
        await database.InTransactionAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand($"""
                UPDATE api_token SET revoked_at = @revoked_at
                WHERE id = coalesce((SELECT id FROM api_token WHERE id = @key AND revoked_at IS NULL),
                                    (SELECT id FROM api_token WHERE name = @key AND revoked_at IS NULL))
                RETURNING {InfoColumns}
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("key", NpgsqlDbType.Text) { TypedValue = idOrName });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("revoked_at", revokedAt.ToUniversalTime()));
            await using var reader = await command.ExecuteReaderAsync(token);
            if (await reader.ReadAsync(token))
                revoked = ReadInfo(reader);
        }, cancellationToken);
        return revoked;
    }

    private static TokenInfo ReadInfo(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        Name: reader.GetString(1),
        Role: Roles.Parse(reader.GetString(2)),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(3),
        RevokedAt: reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
}
