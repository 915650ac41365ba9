using System.Net;
using Mastro.Core.Security;
using Mastro.Server.Tests.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mastro.Server.Tests.Security;

/// <summary>
/// Every route the server maps (read from its own <see cref="EndpointDataSource"/>, so a new route cannot escape) ×
/// every kind of caller: no token, an unknown token, a revoked token, and a view, edit and admin token.
/// </summary>
public sealed class AuthorizationMatrixTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    /// <summary>The role each route needs; null: open to everyone (probes, the web UI's files, metrics by default).</summary>
    private static readonly Dictionary<string, Role?> Expected = new()
    {
        ["GET /healthz"] = null,
        ["GET /readyz"] = null,
        ["GET /metrics"] = null,
        ["GET /healthcheck/asset"] = null,
        ["GET /healthcheck/featureset"] = null,
        ["GET /healthcheck/metricstore"] = null,
        ["GET,HEAD /"] = null,
        ["GET,HEAD /ui/{**path}"] = null,
        ["GET /openapi/{documentName}.json"] = Role.View,
        ["GET /audit"] = Role.Admin,

        ["GET /asset/id/{**id}"] = Role.View,
        ["GET /asset/name/{**name}"] = Role.View,
        ["DELETE /asset/name/{**name}"] = Role.Admin,
        ["PUT /asset"] = Role.Edit,
        ["PUT /assets"] = Role.Edit,
        ["POST /assets/tags"] = Role.View,
        ["POST /assets/labels"] = Role.View,
        ["POST /assets/search"] = Role.View,
        ["GET /assets"] = Role.View,

        ["GET /featureset/id/{id}"] = Role.View,
        ["DELETE /featureset/id/{id}"] = Role.Admin,
        ["GET /featureset/name/{**name}"] = Role.View,
        ["PUT /featureset/"] = Role.Edit,
        ["POST /featureset/labels"] = Role.View,
        ["GET /featureset/labels"] = Role.View,
        ["POST /featureset/search"] = Role.View,
        ["GET /featureset/"] = Role.View,
        ["POST /labels"] = Role.View,
        ["POST /search"] = Role.View,

        ["GET /metricstore/id/{id}"] = Role.View,
        ["DELETE /metricstore/id/{id}"] = Role.Admin,
        ["GET /metricstore/name/{**name}"] = Role.View,
        ["PUT /metricstore/"] = Role.Edit,
        ["POST /metricstore/labels"] = Role.View,
        ["GET /metricstore/labels"] = Role.View,
        ["POST /metricstore/search"] = Role.View,
        ["GET /metricstore/"] = Role.View,

        ["POST /api/v1/lineage"] = Role.Edit,
        ["GET /api/v1/lineage"] = Role.View,
        ["GET /api/v1/lineage/column-lineage"] = Role.View,
        ["GET /api/v1/lineage/events"] = Role.View,
        ["GET /api/v1/lineage/runs"] = Role.View,
        ["GET /api/v1/lineage/runs/{runId}"] = Role.View,
        ["GET /api/v1/lineage/runs/{runId}/events"] = Role.View,
        ["GET /lineage"] = Role.View,
    };

    public enum Caller { NoToken, UnknownToken, RevokedToken, View, Edit, Admin }

    private sealed record Route(string Key, string Method, string Path);

    /// <summary>Every (verb, route) the running server maps, with a concrete path for it.</summary>
    private IReadOnlyList<Route> MappedRoutes()
    {
        factory.CreateClient().Dispose(); // builds the host
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                var pattern = endpoint.RoutePattern.RawText ?? "";
                var key = $"{string.Join(",", methods)} {pattern}";
                return methods.Select(method => new Route(key, method, ConcretePath(pattern)));
            })
            .ToList();
    }

    private static string ConcretePath(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\*\*)?(\w+)\}", match => match.Groups[2].Value == "documentName" ? "v1" : $"matrix-{match.Groups[2].Value}");

    [Fact]
    public void Every_mapped_route_has_an_expected_role_and_every_expected_route_is_mapped()
    {
        var mapped = MappedRoutes().Select(r => r.Key).Distinct().Order().ToList();

        Assert.True(mapped.ToHashSet().SetEquals(Expected.Keys),
            $"routes not in the matrix: [{string.Join("; ", mapped.Except(Expected.Keys))}]; " +
            $"matrix entries not mapped: [{string.Join("; ", Expected.Keys.Except(mapped))}]");
    }

    [Theory]
    [InlineData(Caller.NoToken)]
    [InlineData(Caller.UnknownToken)]
    [InlineData(Caller.RevokedToken)]
    [InlineData(Caller.View)]
    [InlineData(Caller.Edit)]
    [InlineData(Caller.Admin)]
    public async Task Each_route_answers_each_caller_as_its_role_demands(Caller caller)
    {
        var client = await ClientAsync(caller);
        var role = caller switch { Caller.View => Role.View, Caller.Edit => Role.Edit, Caller.Admin => Role.Admin, _ => (Role?)null };
        var failures = new List<string>();
        var routes = MappedRoutes().Where(r => Expected.ContainsKey(r.Key)).ToList();
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            var needed = Expected[route.Key];
            var response = await client.SendAsync(new HttpMethod(route.Method), route.Path, route.Method is "GET" or "HEAD" ? null : "{}");
            var expected = needed is null || role?.Includes(needed.Value) == true ? (HttpStatusCode?)null
                : role is null ? HttpStatusCode.Unauthorized
                : HttpStatusCode.Forbidden;
            if (expected is null)
            {
                if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{route.Method} {route.Path}: {(int)response.Status}, expected access");
            }
            else if (response.Status != expected)
                failures.Add($"{route.Method} {route.Path}: {(int)response.Status}, expected {(int)expected}");
            else
                AssertRefusal(response);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Requests_matching_no_route_get_their_404_or_405_without_a_token()
    {
        var anonymous = factory.Client(null);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/no/such/route")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await anonymous.SendAsync(HttpMethod.Patch, "/asset/name/x", "{}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/asset/name/x")).Status);
    }

    [Fact]
    public async Task A_malformed_authorization_header_is_a_401_naming_the_expected_form()
    {
        var basic = await factory.Client("Basic dXNlcjpwYXNzd29yZA==").GetAsync("/assets/");

        Assert.Equal(HttpStatusCode.Unauthorized, basic.Status);
        Assert.Contains("Bearer <token>", basic.ErrorMessage);
        Assert.Contains("invalid_token", basic.Headers.WwwAuthenticate.ToString());
    }

    private static void AssertRefusal(ApiResponse response)
    {
        Assert.StartsWith("application/json", response.ContentType);
        var message = response.ErrorMessage;
        Assert.Equal(response.Status == HttpStatusCode.Unauthorized ? "unauthorized" : "forbidden", (string)response.Json["error"]!);
        if (response.Status == HttpStatusCode.Unauthorized)
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        else
            Assert.Contains("needs role", message);
    }

    private async Task<ApiClient> ClientAsync(Caller caller)
    {
        switch (caller)
        {
            case Caller.NoToken:
                return factory.Client(null);
            case Caller.UnknownToken:
                // Well-formed, so it is looked up, but never issued.
                return factory.ClientWithToken("mastro_0123456789abcdef_" + new string('A', 43));
            case Caller.RevokedToken:
                var (name, text) = await factory.CreateTokenAsync(Role.Admin);
                await factory.RevokeAsync(name);
                return factory.ClientWithToken(text);
            default:
                var role = caller switch { Caller.View => Role.View, Caller.Edit => Role.Edit, _ => Role.Admin };
                return factory.ClientWithToken((await factory.CreateTokenAsync(role)).Text);
        }
    }
}
