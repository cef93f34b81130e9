using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.AppPackage;

/// <summary>The package command's options, checked one by one so the admin learns everything wrong in one go.</summary>
internal sealed partial record AppPackageArguments(AppPackageSettings? Settings, string? OutputPath, IReadOnlyList<string> Errors, bool HelpRequested)
{
    private const string AppIdOption = "--app-id";
    private const string DomainOption = "--domain";
    private const string OutputOption = "--out";
    private const string AppVersionOption = "--app-version";
    private const string PrivacyUrlOption = "--privacy-url";
    private const string TermsUrlOption = "--terms-url";

    private static readonly string[] Options = [AppIdOption, DomainOption, OutputOption, AppVersionOption, PrivacyUrlOption, TermsUrlOption];

    public static AppPackageArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var withoutValue = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (argument is "--help" or "-h" or "-?")
            {
                return new(null, null, [], HelpRequested: true);
            }

            var separator = argument.IndexOf('=', StringComparison.Ordinal);
            var name = argument.StartsWith("--", StringComparison.Ordinal) && separator > 0 ? argument[..separator] : argument;
            string? value = name.Length < argument.Length ? argument[(separator + 1)..] : null;
            if (!Options.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"Unknown option '{argument}'.");
                continue;
            }

            if (value is null)
            {
                if (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    errors.Add($"{name} needs a value.");
                    withoutValue.Add(name);
                    continue;
                }

                value = args[++i];
            }

            if (!values.TryAdd(name, value))
            {
                errors.Add($"{name} is given more than once.");
            }
        }

        // An option already reported for its missing value is not reported again as missing.
        var appId = withoutValue.Contains(AppIdOption) ? null : ParseAppId(values.GetValueOrDefault(AppIdOption), errors);
        var domain = withoutValue.Contains(DomainOption) ? null : ParseDomain(values.GetValueOrDefault(DomainOption), errors);
        var output = values.GetValueOrDefault(OutputOption);
        if (output is null)
        {
            if (!withoutValue.Contains(OutputOption))
            {
                errors.Add($"{OutputOption} is required: the path of the zip file to write, e.g. app.zip.");
            }
        }
        else if (output.Trim().Length == 0 || Directory.Exists(output))
        {
            errors.Add($"{OutputOption} '{output}' must be the path of a file to write, e.g. app.zip.");
        }

        var version = values.GetValueOrDefault(AppVersionOption);
        if (version is not null && !AppPackageBuilder.SemanticVersion().IsMatch(version))
        {
            errors.Add($"{AppVersionOption} '{version}' is not a version of the form 1.2.3 (digits only, no leading zeros).");
        }

        var privacyUrl = ParseHttpsUrl(PrivacyUrlOption, values.GetValueOrDefault(PrivacyUrlOption), errors);
        var termsUrl = ParseHttpsUrl(TermsUrlOption, values.GetValueOrDefault(TermsUrlOption), errors);

        if (errors.Count > 0)
        {
            return new(null, null, errors, HelpRequested: false);
        }

        var settings = new AppPackageSettings(appId!.Value, domain!) { AppVersion = version, PrivacyUrl = privacyUrl, TermsOfUseUrl = termsUrl };
        return new(settings, output, [], HelpRequested: false);
    }

    private static Guid? ParseAppId(string? value, List<string> errors)
    {
        const string what = "the bot's Microsoft App ID, which is the Application (client) ID of its Entra ID app registration";
        if (value is null)
        {
            errors.Add($"{AppIdOption} is required: {what}.");
            return null;
        }

        // The manifest schema accepts exactly the 8-4-4-4-12 form, without braces.
        if (!Guid.TryParseExact(value.Trim(), "D", out var appId) || appId == Guid.Empty)
        {
            errors.Add($"{AppIdOption} '{value}' is not a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301; use {what}.");
            return null;
        }

        return appId;
    }

    /// <summary>
    /// The host Teams and the Bot Framework reach the bot at, over https on the standard port: it becomes the manifest's
    /// valid domain and the base of the links in it. Internationalised names are turned into their ASCII form.
    /// </summary>
    private static string? ParseDomain(string? value, List<string> errors)
    {
        if (value is null)
        {
            errors.Add($"{DomainOption} is required: the host name the bot is reached at, e.g. bot.contoso.com.");
            return null;
        }

        var trimmed = value.Trim().TrimEnd('.');
        if (trimmed.Contains("://", StringComparison.Ordinal) || trimmed.Contains('/', StringComparison.Ordinal) || trimmed.Contains(':', StringComparison.Ordinal))
        {
            errors.Add($"{DomainOption} '{value}' must be the host name only, e.g. bot.contoso.com: no https://, no port, no path.");
            return null;
        }

        string host;
        try
        {
            host = new IdnMapping().GetAscii(trimmed.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            errors.Add($"{DomainOption} '{value}' is not a valid host name.");
            return null;
        }

        if (!HostName().IsMatch(host))
        {
            errors.Add($"{DomainOption} '{value}' is not a public host name such as bot.contoso.com (IP addresses and single names like localhost cannot be used by Teams).");
            return null;
        }

        return host;
    }

    private static Uri? ParseHttpsUrl(string option, string? value, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.AbsoluteUri.Length > TeamsManifestSchema.UrlMaxLength)
        {
            errors.Add($"{option} '{value}' is not an https URL of at most {TeamsManifestSchema.UrlMaxLength} characters.");
            return null;
        }

        return url;
    }

    // Dot-separated labels of letters, digits and inner hyphens; at least two labels, the last one not all digits.
    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+(?=[a-z0-9-]*[a-z])[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex HostName();
}
