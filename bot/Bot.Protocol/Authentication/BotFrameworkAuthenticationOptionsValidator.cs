using Microsoft.Extensions.Options;

namespace Bot.Protocol.Authentication;

/// <summary>Fails start-up with every missing or unsafe setting named by its key, instead of failing the first request.</summary>
internal sealed class BotFrameworkAuthenticationOptionsValidator : IValidateOptions<BotFrameworkAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkAuthenticationOptions options)
    {
        var failures = new List<string>();

        RequireSafeUrl(failures, nameof(options.ToBotFromChannelOpenIdMetadataUrl), options.ToBotFromChannelOpenIdMetadataUrl);
        if (!string.IsNullOrWhiteSpace(options.ToChannelFromBotLoginUrl))
        {
            RequireHttpsUrl(failures, nameof(options.ToChannelFromBotLoginUrl), options.ToChannelFromBotLoginUrl);
        }

        if (string.IsNullOrWhiteSpace(options.ToBotFromChannelTokenIssuer))
        {
            failures.Add($"{nameof(options.ToBotFromChannelTokenIssuer)} must not be empty.");
        }

        if (options.IsAuthenticationEnabled)
        {
            switch (options.MicrosoftAppType)
            {
                case BotAppType.SingleTenant:
                    RequireValue(failures, nameof(options.MicrosoftAppPassword), options.MicrosoftAppPassword, "SingleTenant");
                    RequireValue(failures, nameof(options.MicrosoftAppTenantId), options.MicrosoftAppTenantId, "SingleTenant");
                    break;
                case BotAppType.MultiTenant:
                    RequireValue(failures, nameof(options.MicrosoftAppPassword), options.MicrosoftAppPassword, "MultiTenant");
                    break;
                case BotAppType.UserAssignedMSI:
                    RequireValue(failures, nameof(options.MicrosoftAppTenantId), options.MicrosoftAppTenantId, "UserAssignedMSI");
                    break;
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireValue(List<string> failures, string key, string? value, string appType)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required when MicrosoftAppType is {appType} and MicrosoftAppId is set.");
        }
    }

    /// <summary>The login URL is MSAL's authority, and MSAL accepts no other scheme, not even for a loopback test issuer.</summary>
    private static void RequireHttpsUrl(List<string> failures, string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{key} must be an absolute https URL.");
        }
    }

    /// <summary>Plain http would let anyone on the path swap signing keys or read tokens; it is allowed for loopback test servers only.</summary>
    private static void RequireSafeUrl(List<string> failures, string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            failures.Add($"{key} must be an absolute URL.");
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            failures.Add($"{key} must use https (plain http is accepted for loopback hosts only).");
        }
    }
}
