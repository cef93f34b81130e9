using Bot.Hosting;

namespace Bot.Tests.Hosting;

public sealed class NativeHeapTrimmerTests
{
    [Fact]
    public void The_C_library_is_found_and_trims_on_Linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A binding that does not resolve (library or entry point) makes this false, and the bot would silently never
        // trim.
        Assert.True(NativeHeapTrimmer.TryTrim());
    }
}
