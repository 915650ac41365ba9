using System.Text.Json;
using Mastro.Core.Model;
using Mastro.Core.Validation;

namespace Mastro.Core.Tests;

public sealed class ValidationTests
{
    [Fact]
    public void Every_known_asset_type_is_valid_and_others_are_not()
    {
        foreach (var type in AssetTypes.All)
            Assert.Empty(AssetValidator.Problems(new Asset { Name = "a", Type = type }));
        Assert.Equal(["invalid value db for AssetType (expected one of: " + string.Join(", ", AssetTypes.All) + ")"],
            AssetValidator.Problems(new Asset { Name = "a", Type = "db" }));
    }

    [Fact]
    public void A_batch_reports_every_invalid_item_by_index()
    {
        var error = Assert.Throws<ValidationFailedException>(() => AssetValidator.EnsureValid(
        [
            new Asset { Name = "ok", Type = "table" },
            new Asset { Name = "", Type = "table" },
            new Asset { Name = "x", Type = "" },
        ]));
        Assert.Equal(["item 1: Name is undefined", "item 2: AssetType is empty"], error.Problems);
    }

    [Fact]
    public void Features_need_a_name_a_non_null_value_and_a_data_type()
    {
        var set = new FeatureSet
        {
            Name = "fs",
            Version = "v1",
            Features =
            [
                new Feature { Name = "ok", Value = JsonDocument.Parse("0").RootElement, DataType = "int" },
                new Feature { Name = "f", Value = JsonDocument.Parse("null").RootElement, DataType = "" },
            ],
        };
        Assert.Equal(["Feature Value for Feature f is undefined", "Feature Data Type for Feature f is undefined"],
            VersionedSetValidator.Problems(set));
    }

    [Fact]
    public void Versioned_sets_need_name_and_version()
    {
        Assert.Equal(["MetricSet Name is undefined", "MetricSet Version is undefined"],
            VersionedSetValidator.Problems(new MetricSet()));
    }
}

public sealed class NulCharacterTests
{
    [Fact]
    public void Nul_characters_are_refused_in_every_stored_text()
    {
        var labels = JsonDocument.Parse("""{"a":{"b":["x\u0000"]}}""").RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        Assert.Equal(["tags[0] contains control characters", "description contains a NUL character", "labels contain a NUL character"],
            AssetValidator.Problems(new Asset { Name = "a", Type = "table", Tags = ["t\0"], Description = "d\0", Labels = labels }));
        Assert.Contains("FeatureSet description contains a NUL character",
            VersionedSetValidator.Problems(new FeatureSet { Name = "f", Version = "v", Description = "\0" }));
    }
}
