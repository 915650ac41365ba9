using System.Net;
using Mastro.Core.Config;
using Mastro.Server.Tests.Api;

namespace Mastro.Server.Tests.Security;

public sealed class ListedOriginApiFactory : SqliteApiFactory
{
    public const string Allowed = "https://ui.example.com";

    protected override ServerSettings Adjust(ServerSettings settings) =>
        settings with { Security = settings.Security with { CorsOrigins = [Allowed] } };
}

/// <summary>CORS: by default same origin only (not the original's <c>*</c>); listed origins when configured.</summary>
public sealed class CorsTests(SqliteApiFactory defaults, ListedOriginApiFactory listed)
    : IClassFixture<SqliteApiFactory>, IClassFixture<ListedOriginApiFactory>
{
    private static async Task<ApiResponse> PreflightAsync(ApiClient client, string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/assets/search");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "Content-Type, Authorization");
        return await client.SendAsync(preflight);
    }

    private static async Task<ApiResponse> GetFromAsync(ApiClient client, string origin)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/healthcheck/asset");
        get.Headers.Add("Origin", origin);
        return await client.SendAsync(get);
    }

    [Fact]
    public async Task By_default_no_foreign_origin_is_allowed()
    {
        var client = new ApiClient(defaults.CreateClient());

        var preflight = await PreflightAsync(client, "http://evil.example");
        var get = await GetFromAsync(client, "http://evil.example");

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, get.Status);
    }

    [Fact]
    public async Task Listed_origins_are_allowed_with_the_authorization_header_and_others_are_not()
    {
        var client = new ApiClient(listed.CreateClient());

        var preflight = await PreflightAsync(client, ListedOriginApiFactory.Allowed);
        Assert.Equal(ListedOriginApiFactory.Allowed, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Authorization", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal(ListedOriginApiFactory.Allowed, (await GetFromAsync(client, ListedOriginApiFactory.Allowed)).Headers.GetValues("Access-Control-Allow-Origin").Single());

        Assert.False((await PreflightAsync(client, "https://other.example.com")).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False((await GetFromAsync(client, "https://other.example.com")).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
