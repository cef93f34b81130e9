using Bot.Protocol.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Protocol.Tests;

public sealed class BotFrameworkAuthenticationOptionsTests
{
    [Fact]
    public void Single_tenant_without_secret_and_tenant_names_both_keys()
    {
        using var services = ProtocolServices.Build(new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "app" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("MicrosoftAppPassword", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("MicrosoftAppTenantId", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_tenant_needs_no_tenant_and_gets_its_token_from_botframework_com()
    {
        using var services = ProtocolServices.Build(new() { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "s" });

        var options = services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value;

        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.OutboundLoginUrl);
        Assert.Equal("https://api.botframework.com/.default", options.OutboundScope);
    }

    [Fact]
    public void Single_tenant_gets_its_token_from_its_own_tenant()
    {
        using var services = ProtocolServices.Build(new() { ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "s", ["MicrosoftAppTenantId"] = "contoso-tenant" });

        var options = services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value;

        Assert.Equal(BotAppType.SingleTenant, options.MicrosoftAppType);
        Assert.Equal("https://login.microsoftonline.com/contoso-tenant", options.OutboundLoginUrl);
    }

    [Theory]
    [InlineData("http://login.example.com/v1/.well-known/openidconfiguration", false)]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://localhost:5000/v1/.well-known/openidconfiguration", true)]
    [InlineData("https://login.example.com/v1/.well-known/openidconfiguration", true)]
    public void Plain_http_metadata_is_accepted_for_loopback_only(string url, bool accepted)
    {
        using var services = ProtocolServices.Build(new() { ["ToBotFromChannelOpenIdMetadataUrl"] = url });

        var read = () => services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value;

        if (accepted)
        {
            Assert.Equal(url, read().ToBotFromChannelOpenIdMetadataUrl);
        }
        else
        {
            Assert.Contains("ToBotFromChannelOpenIdMetadataUrl", Assert.Throws<OptionsValidationException>(read).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/test-tenant", false)]
    [InlineData("login.microsoftonline.com/test-tenant", false)]
    [InlineData("https://127.0.0.1:5000/test-tenant", true)]
    public void The_login_url_must_be_https_even_on_loopback_because_msal_takes_nothing_else(string url, bool accepted)
    {
        using var services = ProtocolServices.Build(new() { ["ToChannelFromBotLoginUrl"] = url });

        var read = () => services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value;

        if (accepted)
        {
            Assert.Equal(url, read().OutboundLoginUrl);
        }
        else
        {
            Assert.Contains("ToChannelFromBotLoginUrl must be an absolute https URL", Assert.Throws<OptionsValidationException>(read).Message, StringComparison.Ordinal);
        }
    }
}
