using Bot.Benchmarks;

if (args is [BareEndpoint.Command, .. var serverArguments])
{
    return BareEndpoint.Run(serverArguments);
}

return await IngressBenchmark.RunAsync(BenchmarkOptions.Parse(args));
