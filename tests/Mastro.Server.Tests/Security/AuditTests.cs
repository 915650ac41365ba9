using System.Net;
using System.Text.Json.Nodes;
using Mastro.Core.Security;
using Mastro.Server.Tests.Api;
using Mastro.Testing;

namespace Mastro.Server.Tests.Security;

/// <summary>Every write and every refused request leaves an audit entry (who, role, route, targets, status), never a body or a secret.</summary>
public sealed class AuditTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static JsonObject Asset(string name, string description = "") => new() { ["name"] = name, ["type"] = "dataset", ["description"] = description };

    /// <summary>The audit entries of one actor, newest first, once at least <paramref name="count"/> are there.</summary>
    private async Task<JsonArray> EntriesAsync(string actor, int count)
    {
        var page = await Eventually.ReturnsAsync(
            () => factory.Admin.GetAsync($"/audit?actor={Uri.EscapeDataString(actor)}&limit=100"),
            response => response.Status != HttpStatusCode.OK || response.Json["data"]!.AsArray().Count >= count);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Json["data"]!.AsArray();
    }

    [Fact]
    public async Task Each_write_is_recorded_with_its_actor_role_route_targets_and_status()
    {
        var (editor, editToken) = await factory.CreateTokenAsync(Role.Edit);
        var (admin, adminToken) = await factory.CreateTokenAsync(Role.Admin);
        var edit = factory.ClientWithToken(editToken);
        var one = Unique("one");
        var many = new[] { Unique("bulk"), Unique("bulk") };
        var set = Unique("fs");

        Assert.Equal(HttpStatusCode.Created, (await edit.PutAsync("/asset/", Asset(one))).Status);
        Assert.Equal(HttpStatusCode.Created, (await edit.PutAsync("/assets/", new JsonArray(Asset(many[0]), Asset(many[1])))).Status);
        var featureSet = await edit.PutAsync("/featureset/", new JsonObject { ["name"] = set, ["version"] = "v1", ["features"] = new JsonArray() });
        Assert.Equal(HttpStatusCode.Created, featureSet.Status);
        var setId = featureSet.Headers.Location!.ToString().Split('/')[^1];
        Assert.Equal(HttpStatusCode.BadRequest, (await edit.PutAsync("/asset/", new JsonObject { ["name"] = "no-type" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await factory.ClientWithToken(adminToken).SendAsync(HttpMethod.Delete, $"/asset/name/{one}", null)).Status);

        var entries = await EntriesAsync(editor, 4);
        Assert.Equal(
            [
                ("PUT", "/asset", "no-type", 400, "rejected"),
                ("PUT", "/featureset/", $"{set}@v1,{setId}", 201, "ok"),
                ("PUT", "/assets", string.Join(",", many), 201, "ok"),
                ("PUT", "/asset", one, 201, "ok"),
            ],
            entries.Select(e => ((string)e!["method"]!, (string)e["route"]!, string.Join(",", e["targets"]!.AsArray().Select(t => (string)t!)),
                (int)e["status"]!, (string)e["outcome"]!)));
        Assert.All(entries, e => Assert.Equal("edit", (string)e!["role"]!));
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{16}$", (string)e!["token-id"]!));
        Assert.All(entries, e => Assert.InRange(DateTimeOffset.Parse((string)e!["at"]!), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1)));

        var deletion = Assert.Single(await EntriesAsync(admin, 1))!;
        Assert.Equal(("DELETE", "/asset/name/{**name}", one, 204, "admin"),
            ((string)deletion["method"]!, (string)deletion["route"]!, (string)deletion["targets"]![0]!, (int)deletion["status"]!, (string)deletion["role"]!));
    }

    [Fact]
    public async Task Concurrent_writes_each_leave_exactly_one_entry()
    {
        var (editor, editToken) = await factory.CreateTokenAsync(Role.Edit);
        var edit = factory.ClientWithToken(editToken);
        var names = Enumerable.Range(0, 40).Select(_ => Unique("burst")).ToArray();

        // Entries of requests finishing together are committed as one batch; none may be lost or doubled.
        var answers = await Task.WhenAll(names.Select(name => edit.PutAsync("/asset/", Asset(name))));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));

        var entries = await EntriesAsync(editor, names.Length);
        Assert.Equal(names.Order(StringComparer.Ordinal), entries.Select(e => (string)e!["targets"]![0]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Refused_requests_are_recorded_and_reads_are_not()
    {
        var (viewer, viewToken) = await factory.CreateTokenAsync(Role.View);
        var view = factory.ClientWithToken(viewToken);
        var name = Unique("refused");

        Assert.Equal(HttpStatusCode.OK, (await view.GetAsync("/assets/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await view.PostAsync("/assets/search", new JsonObject { ["query"] = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await view.PutAsync("/asset/", Asset(name))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await view.GetAsync("/audit")).Status);

        var entries = await EntriesAsync(viewer, 2);
        Assert.Equal([("GET", "/audit", 403), ("PUT", "/asset", 403)],
            entries.Select(e => ((string)e!["method"]!, (string)e["route"]!, (int)e["status"]!)));
        Assert.All(entries, e => Assert.Equal("forbidden", (string)e!["outcome"]!));
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_recorded_as_anonymous()
    {
        var path = $"/asset/name/{Unique("probe")}";
        await factory.Client(null).GetAsync(path);
        await factory.ClientWithToken("mastro_0123456789abcdef_wrong").GetAsync(path);

        var entries = await Eventually.ReturnsAsync(
            async () => (await EntriesAsync("anonymous", 1)).Where(e => e!["route"]!.ToString() == "/asset/name/{**name}" && e["targets"]![0]!.ToString() == path[12..]).ToList(),
            found => found.Count >= 2);

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((401, "unauthenticated"), ((int)e!["status"]!, (string)e["outcome"]!)));
        Assert.All(entries, e => Assert.Null(e!["role"]));
        Assert.All(entries, e => Assert.Null(e!["token-id"]));
    }

    [Fact]
    public async Task Entries_never_hold_bodies_or_tokens()
    {
        var (editor, token) = await factory.CreateTokenAsync(Role.Edit);
        var secretDescription = Unique("body-text-that-must-not-be-audited");

        await factory.ClientWithToken(token).PutAsync("/asset/", Asset(Unique("quiet"), secretDescription));
        await factory.Client($"Bearer {token}x").PutAsync("/asset/", Asset(Unique("bad-token"), secretDescription));

        await EntriesAsync(editor, 1);
        var all = (await factory.Admin.GetAsync("/audit?limit=1000")).Text;
        Assert.DoesNotContain(secretDescription, all);
        Assert.DoesNotContain(token.Split('_', 3)[2], all);
        Assert.DoesNotContain(SecureApiFactory.AdminTokenText, all);
    }

    [Fact]
    public async Task The_audit_log_filters_by_actor_and_time_and_pages()
    {
        var (editor, token) = await factory.CreateTokenAsync(Role.Edit);
        var edit = factory.ClientWithToken(token);
        for (var i = 0; i < 3; i++)
            await edit.PutAsync("/asset/", Asset(Unique($"page{i}")));
        await EntriesAsync(editor, 3);

        var page = await factory.Admin.GetAsync($"/audit?actor={editor}&limit=2&page=2");
        Assert.Single(page.Json["data"]!.AsArray());
        Assert.Equal(3, (int)page.Json["pagination"]!["total"]!);

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.Empty((await factory.Admin.GetAsync($"/audit?actor={editor}&since={future}")).Json["data"]!.AsArray());
        var bad = await factory.Admin.GetAsync("/audit?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("since", bad.ErrorMessage);
    }
}
