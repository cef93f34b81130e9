using System.Net;
using System.Security.Claims;
using Bot.Hosting;
using Bot.Protocol.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Calendar.Tab;

/// <summary>The tab's sign-in settings (section <c>Tab</c>); the app id and tenant are the bot's own (SDK names at the root).</summary>
public sealed class TabOptions
{
    public const string SectionName = "Tab";

    /// <summary>The host in the Application ID URI <c>api://{domain}/{appId}</c>; empty: the host of <c>Downloads:PublicBaseUrl</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>Where the tenant's OpenID metadata lives; empty: <c>https://login.microsoftonline.com/{MicrosoftAppTenantId}/v2.0</c>.</summary>
    public string? Authority { get; set; }
}

/// <summary>
/// The tab API's authentication schemes. <see cref="Tab"/> is the one endpoints ask for: it forwards to Entra ID when
/// the bot has an app id, else to the development scheme, so with an app id no development token is ever looked at.
/// None of them is a default scheme: <c>/api/messages</c> keeps its own channel-token check.
/// </summary>
public static class TabSchemes
{
    public const string Tab = "CalendarTab";
    public const string Entra = "CalendarTab.Entra";
    public const string Development = "CalendarTab.Development";
    public const string Policy = "CalendarTab";

    /// <summary>Clock skew allowed on expiry and not-before, as Entra ID's own libraries allow.</summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
}

/// <summary>Who is calling the tab API: the token's <c>oid</c>, and its <c>tid</c> (null for development tokens).</summary>
public sealed record TabPerson(string AadObjectId, string? TenantId)
{
    public static TabPerson? From(ClaimsPrincipal user) =>
        user.FindFirst("oid")?.Value is { Length: > 0 } oid ? new TabPerson(oid, user.FindFirst("tid")?.Value) : null;
}

public static class TabSignInServiceCollectionExtensions
{
    public static IServiceCollection AddCalendarTab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TabOptions>().Bind(configuration.GetSection(TabOptions.SectionName));
        services.AddSingleton<DevelopmentSignIn>();
        services.AddScoped<TabCalendar>();
        services.AddAuthentication()
            .AddPolicyScheme(TabSchemes.Tab, displayName: null, options => options.ForwardDefaultSelector = context =>
                IsEntraMode(context.RequestServices) ? TabSchemes.Entra : TabSchemes.Development)
            .AddJwtBearer(TabSchemes.Entra)
            .AddJwtBearer(TabSchemes.Development);

        // Configured when first used, not now: tests and hosts add settings after Program registers its services.
        services.AddOptions<JwtBearerOptions>(TabSchemes.Entra)
            .Configure<IOptions<BotFrameworkAuthenticationOptions>, IOptions<TabOptions>, IOptions<DownloadOptions>, TimeProvider>(ConfigureEntra);
        services.AddOptions<JwtBearerOptions>(TabSchemes.Development)
            .Configure<DevelopmentSignIn, TimeProvider>(ConfigureDevelopment);
        services.AddAuthorizationBuilder()
            .AddPolicy(TabSchemes.Policy, policy => policy.AddAuthenticationSchemes(TabSchemes.Tab).RequireAuthenticatedUser().RequireClaim("oid"));
        return services;
    }

    internal static bool IsEntraMode(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value.IsAuthenticationEnabled;

    /// <summary>The audiences a Teams SSO token for this tab may carry: the Application ID URI and the bare app id.</summary>
    internal static IReadOnlyList<string> Audiences(string appId, string? domain) =>
        domain is { Length: > 0 } ? [$"api://{domain}/{appId}", appId] : [appId];

    internal static string? DomainOf(TabOptions tab, DownloadOptions downloads) =>
        tab.Domain is { Length: > 0 } domain ? domain.Trim().TrimEnd('/')
        : Uri.TryCreate(downloads.PublicBaseUrl, UriKind.Absolute, out var publicBase) ? publicBase.Authority
        : null;

    private static void ConfigureEntra(
        JwtBearerOptions options,
        IOptions<BotFrameworkAuthenticationOptions> bot,
        IOptions<TabOptions> tab,
        IOptions<DownloadOptions> downloads,
        TimeProvider timeProvider)
    {
        var appId = bot.Value.MicrosoftAppId ?? string.Empty;
        var tenant = bot.Value.MicrosoftAppTenantId is { Length: > 0 } configured ? configured : "organizations";
        var authority = tab.Value.Authority is { Length: > 0 } set ? set.TrimEnd('/') : $"https://login.microsoftonline.com/{tenant}/v2.0";
        options.Authority = authority;
        // Plain http only for a metadata server on this machine (the tests' fake Entra ID); anywhere else https.
        options.RequireHttpsMetadata = !IsLoopbackHttp(authority);
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        options.TimeProvider = timeProvider;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            // The issuer comes from the metadata; the multi-tenant metadata names it with a {tenantid} placeholder.
            IssuerValidatorUsingConfiguration = ValidateIssuer,
            ValidateAudience = true,
            ValidAudiences = Audiences(appId, DomainOf(tab.Value, downloads.Value)),
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = Lifetime(timeProvider),
            NameClaimType = "name",
        };
        options.Events = new JwtBearerEvents { OnTokenValidated = RequirePersonAndTenant };
    }

    private static void ConfigureDevelopment(JwtBearerOptions options, DevelopmentSignIn signIn, TimeProvider timeProvider)
    {
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        options.TimeProvider = timeProvider;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = DevelopmentSignIn.Issuer,
            ValidAudience = DevelopmentSignIn.Audience,
            IssuerSigningKey = signIn.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = Lifetime(timeProvider),
            NameClaimType = "name",
        };
        options.Events = new JwtBearerEvents
        {
            // Development sign-in serves this machine only; from elsewhere even a valid development token is nobody.
            OnMessageReceived = context =>
            {
                if (!IsLoopback(context.HttpContext))
                {
                    context.NoResult();
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (TabPerson.From(context.Principal!) is null)
                {
                    context.Fail(new SecurityTokenValidationException("The token names no person."));
                }

                return Task.CompletedTask;
            },
        };
    }

    private static Task RequirePersonAndTenant(TokenValidatedContext context)
    {
        if (TabPerson.From(context.Principal!) is not { TenantId: { Length: > 0 } })
        {
            context.Fail(new SecurityTokenValidationException("The token names no person or tenant."));
        }

        return Task.CompletedTask;
    }

    private static string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        var tenant = (token as JsonWebToken)?.TryGetPayloadValue<string>("tid", out var tid) == true ? tid : null;
        var known = (parameters.ValidIssuers ?? []).Append(parameters.ValidIssuer).Append(configuration?.Issuer).OfType<string>();
        foreach (var valid in known)
        {
            var expected = tenant is null ? valid : valid.Replace("{tenantid}", tenant, StringComparison.OrdinalIgnoreCase);
            if (string.Equals(expected, issuer, StringComparison.Ordinal))
            {
                return issuer;
            }
        }

        throw new SecurityTokenInvalidIssuerException("The token's issuer is not the tenant's.");
    }

    // The bot's clock, not the machine's: every other time rule in the bot reads TimeProvider, and so do its tests.
    private static LifetimeValidator Lifetime(TimeProvider timeProvider) => (notBefore, expires, _, _) =>
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is { } end && now < end.ToUniversalTime() + TabSchemes.ClockSkew
            && (notBefore is not { } start || now >= start.ToUniversalTime() - TabSchemes.ClockSkew);
    };

    private static bool IsLoopbackHttp(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    internal static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
}
