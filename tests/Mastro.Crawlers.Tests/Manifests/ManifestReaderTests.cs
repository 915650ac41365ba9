using System.IO.Compression;
using System.Text;
using Mastro.Core.Model;
using Mastro.Crawlers.Manifests;

namespace Mastro.Crawlers.Tests.Manifests;

public sealed class ManifestReaderTests
{
    private static Asset Single(string yaml)
    {
        var result = ManifestReader.Parse(yaml);
        Assert.Null(result.Error);
        return Assert.Single(result.Assets);
    }

    private static string Error(string yaml)
    {
        var result = ManifestReader.Parse(yaml);
        Assert.Empty(result.Assets);
        return Assert.IsType<string>(result.Error);
    }

    [Fact]
    public void Plain_scalars_in_labels_get_yaml_core_types_and_quoted_ones_stay_strings()
    {
        var asset = Single("name: x\ntype: t\nlabels: {i: -12, f: 1.5e3, b: True, n: ~, e: , q: '12', s: 1.2.3, inf: .inf, big: 9223372036854775808}\n");

        Assert.Equal(-12, asset.Labels["i"].GetInt64());
        Assert.Equal(1500, asset.Labels["f"].GetDouble());
        Assert.True(asset.Labels["b"].GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asset.Labels["n"].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asset.Labels["e"].ValueKind);
        Assert.Equal("12", asset.Labels["q"].GetString());
        Assert.Equal("1.2.3", asset.Labels["s"].GetString());
        Assert.Equal(".inf", asset.Labels["inf"].GetString());
        Assert.Equal(9223372036854775808d, asset.Labels["big"].GetDouble());
    }

    [Fact]
    public void Text_fields_stay_text_whatever_they_look_like()
    {
        var asset = Single("name: 2021\ntype: true\ndescription: 1.50\ntags: [1, false]\ndepends-on: [007]\n");

        Assert.Equal(("2021", "true", "1.50"), (asset.Name, asset.Type, asset.Description));
        Assert.Equal(["1", "false"], asset.Tags);
        Assert.Equal(["007"], asset.DependsOn);
    }

    [Fact]
    public void Aliases_repeat_their_anchored_node_as_text_or_typed_where_they_are_used()
    {
        var asset = Single("""
            name: &n 2021
            type: dataset
            tags: [*n]
            labels:
              year: *n
              owner: &team {name: data, size: 3}
              backup: *team
            """);

        Assert.Equal("2021", asset.Name);
        Assert.Equal(["2021"], asset.Tags);
        Assert.Equal(2021, asset.Labels["year"].GetInt64());
        Assert.Equal(asset.Labels["owner"].GetRawText(), asset.Labels["backup"].GetRawText());
        Assert.Equal(3, asset.Labels["backup"].GetProperty("size").GetInt32());
    }

    [Theory]
    [InlineData("name: x\ntype: t\nlabels: {a: *nowhere}\n", "invalid YAML at line 3, column 13: anchor 'nowhere' not found")]
    [InlineData("name: x\ntype: t\nlabels: {a: *later, b: &later 1}\n", "invalid YAML at line 3, column 13: anchor 'later' not found")]
    [InlineData("name: x\ntype: t\nlabels: {a: 1, a: 2}\n", "Duplicate key a")]
    [InlineData("name: x\ntype: t\nlabels: {[a]: 1}\n", "map keys must be plain values, not lists or maps")]
    [InlineData("- a\n- b\n", "the manifest is not a map of asset fields")]
    [InlineData("# nothing\n", "empty manifest")]
    [InlineData("name: x\ntype: t\nlabels: 5\n", "not an asset: ")]
    public void A_manifest_that_does_not_make_an_asset_is_an_error_naming_why(string yaml, string reason) =>
        Assert.Contains(reason, Error(yaml));

    [Fact]
    public void Every_document_is_an_asset_and_a_broken_one_is_named_by_its_number()
    {
        var result = ManifestReader.Parse("name: a\ntype: t\n---\nname: b\ntype: t\n");
        Assert.Equal(["a", "b"], result.Assets.Select(a => a.Name));

        Assert.StartsWith("document 2: the manifest is not a map", Error("name: a\ntype: t\n---\n[1]\n"));
    }

    [Fact]
    public void A_syntax_error_anywhere_in_the_stream_is_reported_before_a_document_that_is_no_asset()
    {
        var error = Error("name: a\ntype: t\n---\n[1]\n---\nname: {unclosed\n");

        Assert.StartsWith("invalid YAML at line 7, column 1: While parsing a flow mapping", error);
    }

    [Fact]
    public void Nesting_deeper_than_the_json_limits_is_an_error_not_a_crash()
    {
        Assert.StartsWith("not an asset: ", Error($"name: x\ntype: t\nlabels: {{a: {new string('[', 100)}{new string(']', 100)}}}\n"));
        Assert.Contains("nested more than 1000 levels deep", Error($"name: x\ntype: t\nlabels: {{a: {new string('[', 5000)}{new string(']', 5000)}}}\n"));
    }

    [Fact]
    public async Task Manifests_up_to_the_limit_are_read_whole_and_larger_ones_refused_seekable_or_not()
    {
        var atLimit = Manifest(ManifestReader.MaxBytes);
        var overLimit = Manifest(ManifestReader.MaxBytes + 1);

        foreach (var read in new Func<byte[], Task<ManifestReader.Result>>[] { ReadSeekableAsync, ReadStreamedAsync })
        {
            var whole = await read(atLimit);
            Assert.Null(whole.Error);
            Assert.Equal(ManifestReader.MaxBytes - ManifestStart.Length, Assert.Single(whole.Assets).Description.Length);
            Assert.Equal("larger than 4 MiB", (await read(overLimit)).Error);
        }
    }

    /// <summary>A manifest of exactly <paramref name="bytes"/> bytes, most of them its description.</summary>
    private static byte[] Manifest(int bytes) => Encoding.UTF8.GetBytes(ManifestStart + new string('d', bytes - ManifestStart.Length));

    private const string ManifestStart = "name: x\ntype: t\ndescription: ";

    private static Task<ManifestReader.Result> ReadSeekableAsync(byte[] content) =>
        ManifestReader.ReadAsync(new MemoryStream(content), CancellationToken.None);

    /// <summary>Through a decompressing stream, which has no length (like an S3 response).</summary>
    private static async Task<ManifestReader.Result> ReadStreamedAsync(byte[] content)
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(content);
        compressed.Position = 0;
        await using var stream = new GZipStream(compressed, CompressionMode.Decompress);
        Assert.False(stream.CanSeek);
        return await ManifestReader.ReadAsync(stream, CancellationToken.None);
    }
}
