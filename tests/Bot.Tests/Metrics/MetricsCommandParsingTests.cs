using Bot.Metrics;
using Bot.Turns;

namespace Bot.Tests.Metrics;

public sealed class MetricsCommandParsingTests
{
    [Theory]
    [InlineData("metrics keys")]
    [InlineData("metrics key")]
    [InlineData("metrics key list")]
    [InlineData("Metrics-Schlüssel")]
    [InlineData("metrics-schluessel liste")]
    public void Listing_keys_reads_in_english_and_german(string text) =>
        Assert.IsType<MetricsKeysCommand>(ChatCommandParser.Parse(text));

    [Theory]
    [InlineData("metrics key create", null)]
    [InlineData("metrics key create Looker Studio", "Looker Studio")]
    [InlineData("metrics-schlüssel erstellen Matomo", "Matomo")]
    [InlineData("metrics keys new", null)]
    public void Creating_a_key_keeps_the_label_as_written(string text, string? label) =>
        Assert.Equal(new CreateMetricsKeyCommand(label), ChatCommandParser.Parse(text));

    [Theory]
    [InlineData("metrics key revoke smb_AbCdEf12")]
    [InlineData("metrics-schlüssel widerrufen `smb_AbCdEf12`")]
    public void Revoking_names_the_prefix(string text) =>
        Assert.Equal(new RevokeMetricsKeyCommand("smb_AbCdEf12"), ChatCommandParser.Parse(text));

    [Theory]
    [InlineData("metrics key revoke")]
    [InlineData("metrics key revoke a b")]
    [InlineData("metrics key delete-everything")]
    public void Anything_else_gets_the_usage(string text) =>
        Assert.Equal("metrics-key", Assert.IsType<MalformedCommand>(ChatCommandParser.Parse(text)).Command.Id);

    [Theory]
    [InlineData("import metrics", null)]
    [InlineData("import metrics Social Media", "Social Media")]
    [InlineData("metriken importieren Social Media", "Social Media")]
    public void Importing_may_name_the_team(string text, string? team) =>
        Assert.Equal(new ImportMetricsCommand(team), ChatCommandParser.Parse(text));
}
