using Mastro.Core.Search;

namespace Mastro.Core.Tests;

public sealed class SearchTokenizerTests
{
    [Theory]
    [InlineData("daily_sales_2021.csv", new[] { "daily", "sales", "2021", "csv" })]
    [InlineData("s3://Bucket/Key-Part", new[] { "s3", "bucket", "key", "part" })]
    [InlineData("Données 日本語 café", new[] { "données", "日本語", "café" })]
    [InlineData("\"quoted\" NEAR/2 OR *", new[] { "quoted", "near", "2", "or" })]
    [InlineData("  ", new string[0])]
    public void Words_are_lowercase_runs_of_letters_and_digits(string text, string[] words) =>
        Assert.Equal(words, SearchTokenizer.Words(text));

    [Fact]
    public void Very_long_words_are_cut()
    {
        var word = Assert.Single(SearchTokenizer.Words(new string('a', 5000)));
        Assert.Equal(SearchTokenizer.MaxWordLength, word.Length);
    }

    /// <summary>The indexed form must split and lower exactly as queries do (<see cref="SearchTokenizer.Words"/>), or a search would miss what it typed.</summary>
    [Fact]
    public void Normalized_text_is_the_query_words_of_every_text_space_separated()
    {
        string?[] texts =
        [
            "Données 日本語 café", null, "", "  --  ", "ΣΊΣΥΦΟΣ İstanbul ǅemal", "a😀b", "x\u0000y",
            new string('A', 5000), "tail", .. Enumerable.Repeat("Long_" + new string('b', 300), 40),
        ];

        var normalized = SearchTokenizer.Normalize(texts);

        Assert.Equal(string.Join(' ', texts.SelectMany(SearchTokenizer.Words)), normalized);
        Assert.StartsWith("données 日本語 café σίσυφοσ ", normalized); // simple case mapping: no final sigma
        Assert.Contains(" a b x ", normalized);
        Assert.True(normalized.Length > 4000, "the pooled buffer grew past its first size");
    }

    [Fact]
    public void Queries_without_words_are_null_and_words_are_deduplicated_and_capped()
    {
        Assert.Null(SearchQuery.Parse("--- ***"));
        Assert.Null(SearchQuery.Parse(null));
        Assert.Equal(["a", "b"], SearchQuery.Parse("A b a")!.Words);
        var many = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}"));
        Assert.Equal(SearchQuery.MaxWords, SearchQuery.Parse(many)!.Words.Count);
    }

    [Fact]
    public void Label_values_of_any_depth_are_indexed()
    {
        var labels = System.Text.Json.JsonDocument.Parse("""{"schema":[{"name":"customer_id","type":"bigint"}],"size":42,"flag":true}""").RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var document = SearchDocuments.For(new Model.Asset { Name = "Orders", Labels = labels, Tags = ["Gold"], Description = "All orders" });

        Assert.Equal("orders", document.Name);
        Assert.Equal("gold", document.Tags);
        Assert.Equal("all orders", document.Description);
        Assert.Equal("schema name customer id type bigint size 42 flag", document.Labels);
    }
}
