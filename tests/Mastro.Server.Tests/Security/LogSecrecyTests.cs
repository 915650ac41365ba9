using System.Net;
using System.Text.Json.Nodes;
using Mastro.Core.Security;
using Mastro.Testing;

namespace Mastro.Server.Tests.Security;

/// <summary>No token, bootstrap token or password ever reaches a log line, at any level, whatever the request.</summary>
public sealed class LogSecrecyTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    [Fact]
    public async Task Tokens_and_passwords_never_appear_in_captured_logs()
    {
        var (_, edit) = await factory.CreateTokenAsync(Role.Edit);
        var (revokedName, revoked) = await factory.CreateTokenAsync(Role.View);
        await factory.RevokeAsync(revokedName);
        const string wrongSecret = "mastro_0123456789abcdef_WrongSecretMarker0123456789";
        const string malformed = "NotEvenATokenMarker-9876";
        const string basicPassword = "BasicPasswordMarker-4242";
        var asset = new JsonObject { ["name"] = $"logged-{Guid.NewGuid():N}", ["type"] = "dataset" };

        Assert.Equal(HttpStatusCode.Created, (await factory.ClientWithToken(edit).PutAsync("/asset/", asset)).Status);
        Assert.Equal(HttpStatusCode.OK, (await factory.Admin.GetAsync("/audit")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWithToken(revoked).GetAsync("/assets/")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWithToken(wrongSecret).GetAsync("/assets/")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWithToken(malformed).PutAsync("/asset/", asset)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await factory.Client($"Basic {Convert.ToBase64String("admin:"u8.ToArray())}{basicPassword}").GetAsync("/assets/")).Status);
        // Tokens in the query string (where some clients put them) are not read, and not logged either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Client(null).GetAsync($"/assets/?access_token={edit}")).Status);

        var logs = await Eventually.ReturnsAsync(() => Task.FromResult(factory.Logs.Text), text => text.Contains("access_token") || text.Contains("GET /assets/ 401"));
        Assert.Contains("PUT /asset/ 201", logs);
        Assert.Contains("GET /assets/ 401", logs);
        Assert.Contains("not valid", logs); // the authentication failures were logged, without the tokens
        foreach (var secret in new[] { edit, edit.Split('_', 3)[2], revoked.Split('_', 3)[2], wrongSecret, malformed, basicPassword, SecureApiFactory.AdminTokenText })
            Assert.DoesNotContain(secret, logs);
    }
}
