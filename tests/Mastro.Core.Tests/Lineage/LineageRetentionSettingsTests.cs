using Mastro.Core.Config;

namespace Mastro.Core.Tests.Lineage;

public sealed class LineageRetentionSettingsTests
{
    private static ServerSettings From(string details) =>
        ServerSettings.From(ConfigLoader.Parse($"type: catalogue\ndetails:\n  port: 8085\n{details}backend:\n  type: sqlite\n  settings:\n    path: x\n", null, _ => null));

    [Fact]
    public void Retention_defaults_to_thirty_days_and_reads_details_lineage_retention_days()
    {
        Assert.Equal(TimeSpan.FromDays(30), From("").LineageRetention);
        Assert.Equal(TimeSpan.FromDays(7), From("  lineage-retention-days: 7\n").LineageRetention);
        Assert.Equal(TimeSpan.FromDays(30), ServerSettings.Embedded("/tmp").LineageRetention);
    }

    [Fact]
    public void Absurdly_long_retentions_are_capped_at_a_century()
    {
        Assert.Equal(TimeSpan.FromDays(36_500), From("  lineage-retention-days: 9999999999\n").LineageRetention);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("a week")]
    public void A_retention_that_is_not_a_positive_number_of_days_is_a_config_error(string value)
    {
        var error = Assert.Throws<ConfigException>(() => From($"  lineage-retention-days: {value}\n"));
        Assert.Contains("details.lineage-retention-days", error.Message);
    }
}
