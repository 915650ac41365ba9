using Mastro.Core.Security;

namespace Mastro.Server.Tests.Security;

/// <summary>The token format and its hashing: <c>mastro_&lt;16 hex&gt;_&lt;43 base64url&gt;</c>, salted HMAC-SHA256, never the secret.</summary>
public sealed class TokenSecretsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-02T03:04:05Z");

    [Fact]
    public void Issued_tokens_have_an_id_part_and_a_256_bit_secret_and_verify_only_with_that_secret()
    {
        var issued = TokenSecrets.Issue("ci", Role.Edit, Now);

        Assert.Matches("^mastro_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", issued.Text);
        Assert.True(TokenSecrets.TryParse(issued.Text, out var id, out var secret));
        Assert.Equal(issued.Stored.Id, id);
        Assert.True(TokenSecrets.Verify(issued.Stored, secret));
        Assert.False(TokenSecrets.Verify(issued.Stored, secret[..^1]));
        Assert.False(TokenSecrets.Verify(issued.Stored, secret + "A"));
        Assert.DoesNotContain(secret, Convert.ToBase64String(issued.Stored.Hash) + Convert.ToHexString(issued.Stored.Hash));
        Assert.DoesNotContain(secret, issued.ToString());
        Assert.DoesNotContain(secret, issued.Stored.ToString());
    }

    [Fact]
    public void Every_token_is_different_even_with_the_same_name_and_time()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => TokenSecrets.Issue("same", Role.View, Now)).ToList();

        Assert.Equal(50, tokens.Select(t => t.Text).Distinct().Count());
        Assert.Equal(50, tokens.Select(t => Convert.ToHexString(t.Stored.Salt)).Distinct().Count());
        // Same secret, different salt: different hashes, so equal secrets cannot be spotted in the store.
        Assert.False(TokenSecrets.Verify(tokens[0].Stored with { Salt = tokens[1].Stored.Salt }, tokens[0].Text.Split('_', 3)[2]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("mastro")]
    [InlineData("mastro__secret")]
    [InlineData("mastro_0123456789abcdef_")]
    [InlineData("mastro_0123456789ABCDEF_secret")]
    [InlineData("mastro_0123456789abcde_secret")]
    [InlineData("other_0123456789abcdef_secret")]
    [InlineData("Bearer mastro_0123456789abcdef_secret")]
    public void Text_without_the_token_shape_is_not_parsed(string text) =>
        Assert.False(TokenSecrets.TryParse(text, out _, out _));

    [Fact]
    public void A_secret_containing_underscores_parses_whole()
    {
        Assert.True(TokenSecrets.TryParse("mastro_0123456789abcdef_a_b_c", out var id, out var secret));
        Assert.Equal(("0123456789abcdef", "a_b_c"), (id, secret));
    }
}
