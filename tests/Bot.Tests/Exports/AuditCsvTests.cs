using System.Text;
using Bot.AuditExport;
using Bot.Webhooks;

namespace Bot.Tests.Exports;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+49 30 123", "'+49 30 123")]
    [InlineData("-1", "'-1")]
    [InlineData("@Ben", "'@Ben")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Frühling", "Frühling")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("sagt \"ja\"", "\"sagt \"\"ja\"\"\"")]
    [InlineData("=1;2", "\"'=1;2\"")]
    [InlineData("Zeile 1\nZeile 2", "\"Zeile 1\nZeile 2\"")]
    [InlineData(null, "")]
    public void A_cell_is_quoted_where_needed_and_never_read_as_a_formula(string? value, string expected) =>
        Assert.Equal(expected, AuditCsv.Cell(value));

    [Fact]
    public void The_file_is_utf8_with_a_byte_order_mark_semicolons_and_crlf()
    {
        var bytes = AuditCsv.Write(["Zeit", "Kommentar"], [["2026-11-23 10:00:00", "Größe passt"]]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("Zeit;Kommentar\r\n2026-11-23 10:00:00;Größe passt\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void The_webhook_signature_is_the_hex_hmac_sha256_of_the_body()
    {
        // RFC 4231, test case 2.
        Assert.Equal(
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSignature.Sign("Jefe", Encoding.UTF8.GetBytes("what do ya want for nothing?")));
    }

    [Theory]
    [InlineData("https://publisher.example.com/hooks", true)]
    [InlineData("http://127.0.0.1:8080/hooks", true)]
    [InlineData("http://publisher.example.com/hooks", false)]
    [InlineData("https://user:pass@publisher.example.com/hooks", false)]
    [InlineData("ftp://publisher.example.com/hooks", false)]
    [InlineData("publisher.example.com", false)]
    public void Webhook_addresses_are_https_or_loopback_http(string url, bool allowed) =>
        Assert.Equal(allowed, WebhookSettings.IsAllowedUrl(url));
}
