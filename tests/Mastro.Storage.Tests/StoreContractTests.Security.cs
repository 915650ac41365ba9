using Mastro.Core.Model;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>API tokens and the audit log (docs/SECURITY.md).</summary>
public abstract partial class StoreContractTests
{
    private static StoredToken Token(string name, Role role = Role.Edit, DateTimeOffset? createdAt = null) =>
        TokenSecrets.Issue(name, role, createdAt ?? SomeTime).Stored;

    [Fact]
    public async Task A_created_token_reads_back_with_its_hash_but_lists_without_it()
    {
        var issued = TokenSecrets.Issue("ci-crawler", Role.Edit, SomeTime);

        Assert.True(await Store.Tokens.CreateAsync(issued.Stored, NoCancellation));

        var found = await Store.Tokens.FindAsync(issued.Stored.Id, NoCancellation);
        Assert.NotNull(found);
        Assert.Equal(("ci-crawler", Role.Edit), (found.Name, found.Role));
        Assert.Equal(issued.Stored.Salt, found.Salt);
        Assert.Equal(issued.Stored.Hash, found.Hash);
        Assert.Equal(SomeTime, found.CreatedAt);
        Assert.False(found.IsRevoked);
        Assert.True(TokenSecrets.TryParse(issued.Text, out _, out var secret));
        Assert.True(TokenSecrets.Verify(found, secret));
        Assert.Equal([issued.Stored.Info], await Store.Tokens.ListAsync(NoCancellation));
        Assert.Null(await Store.Tokens.FindAsync("0000000000000000", NoCancellation));
        Assert.Null(await Store.Tokens.FindAsync("x\0y", NoCancellation));
    }

    [Fact]
    public async Task Only_one_active_token_may_have_a_name_and_a_revoked_name_is_free_again()
    {
        var first = Token("deployer");
        Assert.True(await Store.Tokens.CreateAsync(first, NoCancellation));
        Assert.False(await Store.Tokens.CreateAsync(Token("deployer", Role.Admin), NoCancellation));

        var revoked = await Store.Tokens.RevokeAsync("deployer", SomeTime.AddHours(1), NoCancellation);
        var second = Token("deployer", Role.Admin, SomeTime.AddHours(2));
        Assert.True(await Store.Tokens.CreateAsync(second, NoCancellation));

        Assert.Equal(first.Id, revoked?.Id);
        Assert.Equal(SomeTime.AddHours(1), revoked?.RevokedAt);
        var listed = await Store.Tokens.ListAsync(NoCancellation);
        Assert.Equal([(first.Id, true), (second.Id, false)], listed.Select(t => (t.Id, t.RevokedAt is not null)));
        Assert.True((await Store.Tokens.FindAsync(first.Id, NoCancellation))!.IsRevoked);
    }

    [Fact]
    public async Task Revoking_prefers_the_id_finds_nothing_twice_and_keeps_other_tokens()
    {
        var kept = Token("kept", Role.View);
        var byId = Token("by-id");
        // A token whose name is another token's id: the id wins.
        var named = Token(byId.Id);
        foreach (var token in new[] { kept, byId, named })
            Assert.True(await Store.Tokens.CreateAsync(token, NoCancellation));

        Assert.Equal("by-id", (await Store.Tokens.RevokeAsync(byId.Id, SomeTime, NoCancellation))?.Name);
        Assert.Equal(named.Id, (await Store.Tokens.RevokeAsync(byId.Id, SomeTime, NoCancellation))?.Id);
        Assert.Null(await Store.Tokens.RevokeAsync(byId.Id, SomeTime, NoCancellation));
        Assert.Null(await Store.Tokens.RevokeAsync("no-such-token", SomeTime, NoCancellation));
        Assert.Null(await Store.Tokens.RevokeAsync("nul\0name", SomeTime, NoCancellation));

        Assert.False((await Store.Tokens.FindAsync(kept.Id, NoCancellation))!.IsRevoked);
    }

    private static AuditEntry Entry(string actor, DateTimeOffset at, int status = 201, params string[] targets) =>
        new(at, actor, actor == "anonymous" ? null : $"id-{actor}", actor == "anonymous" ? null : Role.Edit,
            "PUT", "/assets", targets, status, "127.0.0.1");

    /// <summary>An entry as comparable text (records compare lists by reference).</summary>
    private static string Describe(AuditEntry e) =>
        $"{e.At.UtcTicks}|{e.Actor}|{e.TokenId}|{e.Role}|{e.Method}|{e.Route}|{string.Join(",", e.Targets)}|{e.Status}|{e.Client}";

    private static string[] Describe(Page<AuditEntry> page) => page.Data.Select(Describe).ToArray();

    private static string[] DescribeAll(params AuditEntry[] entries) => entries.Select(Describe).ToArray();

    [Fact]
    public async Task Audit_entries_read_back_newest_first_and_filter_by_actor_and_time()
    {
        var entries = new[]
        {
            Entry("crawler", SomeTime, 201, "a", "b/c", "Größe 😀"),
            Entry("anonymous", SomeTime.AddMinutes(1), 401),
            Entry("crawler", SomeTime.AddMinutes(2), 400),
            Entry("admin", SomeTime.AddMinutes(3), 204, "x"),
        };
        // One on its own, then a batch: a batch keeps its order.
        await Store.Audit.AppendAsync([entries[0]], NoCancellation);
        await Store.Audit.AppendAsync(entries[1..], NoCancellation);

        var all = await Store.Audit.QueryAsync(AuditQuery.All, All, NoCancellation);
        Assert.Equal(DescribeAll([.. entries.Reverse()]), Describe(all));
        Assert.Equal(4, all.Pagination.Total);
        Assert.Equal(DescribeAll(entries[2], entries[0]), Describe(await Store.Audit.QueryAsync(new AuditQuery(Actor: "crawler"), All, NoCancellation)));
        Assert.Equal(DescribeAll(entries[3], entries[2]),
            Describe(await Store.Audit.QueryAsync(new AuditQuery(Since: SomeTime.AddMinutes(2)), All, NoCancellation)));
        Assert.Equal(DescribeAll(entries[2]),
            Describe(await Store.Audit.QueryAsync(new AuditQuery("crawler", SomeTime.AddSeconds(1)), All, NoCancellation)));
        Assert.Empty((await Store.Audit.QueryAsync(new AuditQuery(Actor: "nobody\0"), All, NoCancellation)).Data);

        var second = await Store.Audit.QueryAsync(AuditQuery.All, Page(2, 3), NoCancellation);
        Assert.Equal(DescribeAll(entries[0]), Describe(second));
        Assert.Equal((4, 2, 0), (second.Pagination.Total, second.Pagination.TotalPage, second.Pagination.Next));
    }

    [Fact]
    public async Task Deleting_an_asset_removes_it_from_every_query_and_its_name_can_be_used_again()
    {
        await UpsertAsync(
            Asset("doomed", "the quarterly report", ["finance"], """{"team": "money"}"""),
            Asset("kept", "another quarterly report", ["finance"], """{"team": "money"}"""));

        Assert.True(await Store.Assets.DeleteAsync("doomed", NoCancellation));
        Assert.False(await Store.Assets.DeleteAsync("doomed", NoCancellation));
        Assert.False(await Store.Assets.DeleteAsync("never-there", NoCancellation));
        Assert.False(await Store.Assets.DeleteAsync("nul\0", NoCancellation));

        Assert.Null(await FindAsync("doomed"));
        Assert.Equal(["kept"], await ListedNamesAsync());
        Assert.Equal(["kept"], TestDataAssert.Names(await Store.Assets.SearchAsync(Query("quarterly"), All, NoCancellation)));
        Assert.Equal(["kept"], TestDataAssert.Names(await Store.Assets.FindByTagsAsync(["finance"], All, NoCancellation)));
        Assert.Equal(["kept"], TestDataAssert.Names(await Store.Assets.FindByLabelsAsync(Labels(("team", ["money"])), All, NoCancellation)));

        await UpsertAsync(Asset("doomed", "back again"));
        Assert.Equal(["kept", "doomed"], await ListedNamesAsync());
        Assert.Equal(["doomed"], TestDataAssert.Names(await Store.Assets.SearchAsync(Query("back"), All, NoCancellation)));
    }

    [Fact]
    public async Task Deleting_a_set_removes_only_that_set_from_every_query()
    {
        await AssertSetDeletionAsync(Store.FeatureSets, new FeatureSet { Name = "churn", Version = "v1", Labels = new Dictionary<string, string> { ["team"] = "ds" } });
        await AssertSetDeletionAsync(Store.MetricSets, new MetricSet { Name = "churn", Version = "v1", Labels = new Dictionary<string, string> { ["team"] = "ds" } });
    }

    private static async Task AssertSetDeletionAsync<TSet>(IVersionedSetStore<TSet> sets, TSet set) where TSet : IVersionedSet
    {
        var doomed = await sets.InsertAsync(set, NoCancellation);
        var kept = await sets.InsertAsync(set, NoCancellation);

        Assert.True(await sets.DeleteAsync(doomed, NoCancellation));
        Assert.False(await sets.DeleteAsync(doomed, NoCancellation));
        Assert.False(await sets.DeleteAsync("no-such-id", NoCancellation));

        Assert.Null(await sets.FindByIdAsync(doomed, NoCancellation));
        Assert.NotNull(await sets.FindByIdAsync(kept, NoCancellation));
        Assert.Equal(1, (await sets.ListAsync(All, NoCancellation)).Pagination.Total);
        Assert.Equal(1, (await sets.FindByNameAsync("churn", All, NoCancellation)).Pagination.Total);
        Assert.Equal(1, (await sets.SearchAsync(Query("churn"), All, NoCancellation)).Pagination.Total);
        Assert.Equal(1, (await sets.FindByLabelsAsync(Labels(("team", ["ds"])), All, NoCancellation)).Pagination.Total);
    }
}
