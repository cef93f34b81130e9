namespace Bot.Protocol.Authentication;

/// <summary>
/// The Bot Framework settings under the SDK's own key names, flat at the configuration root, so settings copied from
/// Bot Framework samples work unchanged. An empty <see cref="MicrosoftAppId"/> means local development: no
/// authentication, loopback callers only.
/// </summary>
public sealed class BotFrameworkAuthenticationOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenIssuer = "https://api.botframework.com";
    public const string DefaultOAuthScope = "https://api.botframework.com";
    public const string MultiTenantLoginUrl = "https://login.microsoftonline.com/botframework.com";

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.SingleTenant;
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;
    public string ToBotFromChannelTokenIssuer { get; set; } = DefaultTokenIssuer;
    public string? ToChannelFromBotLoginUrl { get; set; }
    public string ToChannelFromBotOAuthScope { get; set; } = DefaultOAuthScope;

    /// <summary>
    /// The SDK's switch for MSAL's authority validation of <see cref="OutboundLoginUrl"/>. Leave it on for Entra ID; a login
    /// host MSAL does not know (a local test issuer) needs it off, or MSAL asks Entra ID whether that host is genuine.
    /// </summary>
    public bool ValidateAuthority { get; set; } = true;

    /// <summary>serviceUrls the bot may call before (or without) seeing them in an authenticated activity, e.g. for tests.</summary>
    public List<string> TrustedServiceUrls { get; set; } = [];

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The authority the outbound token comes from, per app type, unless overridden.</summary>
    public string OutboundLoginUrl => !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
        ? ToChannelFromBotLoginUrl.TrimEnd('/')
        : MicrosoftAppType == BotAppType.MultiTenant
            ? MultiTenantLoginUrl
            : $"https://login.microsoftonline.com/{MicrosoftAppTenantId}";

    public string OutboundScope => ToChannelFromBotOAuthScope.TrimEnd('/') + "/.default";
}

/// <summary>The SDK's <c>MicrosoftAppType</c> values.</summary>
public enum BotAppType
{
    SingleTenant,
    MultiTenant,
    UserAssignedMSI,
}
