using Mastro.Core.Json;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>API tokens in table <c>api_token</c> (salt and hash only).</summary>
internal sealed class SqliteTokenStore(SqliteDatabase database) : ITokenStore
{
    private const string InfoColumns = "id, name, role, created_at, revoked_at";

    public async Task<bool> CreateAsync(StoredToken token, CancellationToken cancellationToken)
    {
        var created = false;
        await database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            // The partial unique index turns a second active token of the same name into "nothing inserted".
            command.CommandText = """
                INSERT INTO api_token (id, name, role, salt, hash, created_at, revoked_at)
                VALUES ($id, $name, $role, $salt, $hash, $createdAt, NULL)
                ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING
                """;
            command.Parameters.AddWithValue("$id", token.Id);
            command.Parameters.AddWithValue("$name", token.Name);
            command.Parameters.AddWithValue("$role", token.Role.Name());
            command.Parameters.AddWithValue("$salt", token.Salt);
            command.Parameters.AddWithValue("$hash", token.Hash);
            command.Parameters.AddWithValue("$createdAt", Timestamps.ToUnixMicroseconds(token.CreatedAt));
            created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        return created;
    }

    public Task<StoredToken?> FindAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {InfoColumns}, salt, hash FROM api_token WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            var info = ReadInfo(reader);
            return new StoredToken(info.Id, info.Name, info.Role, (byte[])reader[5], (byte[])reader[6], info.CreatedAt, info.RevokedAt);
        }, cancellationToken);

    public Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<TokenInfo>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {InfoColumns} FROM api_token ORDER BY created_at, rowid";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var tokens = new List<TokenInfo>();
            while (await reader.ReadAsync(cancellationToken))
                tokens.Add(ReadInfo(reader));
            return tokens;
        }, cancellationToken);

    public async Task<TokenInfo?> RevokeAsync(string idOrName, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        TokenInfo? revoked = null;
        await database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE api_token SET revoked_at = $revokedAt
                WHERE id = coalesce((SELECT id FROM api_token WHERE id = $key AND revoked_at IS NULL),
                                    (SELECT id FROM api_token WHERE name = $key AND revoked_at IS NULL))
                RETURNING {InfoColumns}
                """;
            command.Parameters.AddWithValue("$key", idOrName);
            command.Parameters.AddWithValue("$revokedAt", Timestamps.ToUnixMicroseconds(revokedAt));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                revoked = ReadInfo(reader);
        }, cancellationToken);
        return revoked;
    }

    private static TokenInfo ReadInfo(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Name: reader.GetString(1),
        Role: Roles.Parse(reader.GetString(2)),
        CreatedAt: Timestamps.FromUnixMicroseconds(reader.GetInt64(3)),
        RevokedAt: reader.IsDBNull(4) ? null : Timestamps.FromUnixMicroseconds(reader.GetInt64(4)));
}
