using Mastro.Core.Storage;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>
/// A transaction PostgreSQL aborts as colliding with another (deadlock, serialization failure) is run again a few
/// times, then reported as unavailable (an HTTP 503, so the client retries later). A trigger stands in for the
/// colliding writer, so that the collisions happen exactly when the test says; it counts the attempts in a
/// sequence, which a rollback does not undo.
/// </summary>
public sealed class PostgresCollisionTests : MigratedPostgresStoreTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.ExecuteAsync("CREATE SEQUENCE attempts");
    }

    [Theory]
    [InlineData("deadlock_detected", "deadlock")]
    [InlineData("serialization_failure", "serialization_failure")]
    public async Task A_transaction_that_collides_a_few_times_is_run_again_until_it_is_stored_and_each_collision_is_counted(
        string condition, string reason)
    {
        await CollideOnAttemptsUpToAsync(2, condition);
        using var collisions = new StoreMeasurements("mastro.store.transaction.collisions", countBy: "reason");

        await Store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders", "third attempt")], CancellationToken.None);

        Assert.Equal(3, await AttemptsAsync());
        // At least: other test classes, running at the same time, may collide too.
        Assert.True(collisions.Of(reason) >= 2, $"{collisions.Of(reason)} collisions counted as {reason}");
        Assert.Equal("third attempt", (await Store.Assets.FindAsync("orders", CancellationToken.None))!.Description);
    }

    [Fact]
    public async Task A_transaction_that_keeps_colliding_is_given_up_as_unavailable_and_stores_nothing()
    {
        await CollideOnAttemptsUpToAsync(int.MaxValue, "deadlock_detected");

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            Store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None));

        Assert.Contains("collided with concurrent ones 4 times (deadlock)", failure.Message);
        Assert.Equal(4, await AttemptsAsync());
        Assert.Null(await Store.Assets.FindAsync("orders", CancellationToken.None));
    }

    private Task CollideOnAttemptsUpToAsync(int attempts, string condition) => Database.ExecuteAsync($"""
        CREATE FUNCTION collide() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF nextval('attempts') <= {attempts} THEN
                RAISE EXCEPTION 'test collision' USING ERRCODE = '{condition}';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER collide BEFORE INSERT ON assets FOR EACH ROW EXECUTE FUNCTION collide();
        """);

    private async Task<long> AttemptsAsync() =>
        (await Database.QueryAsync<long>("SELECT last_value FROM attempts")).Single();
}
