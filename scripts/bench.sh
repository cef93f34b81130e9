#!/usr/bin/env bash
# The ingress benchmark (hardening issue, benchmarks 1 and 4): builds the bot and the benchmark in Release, then runs
# the real bot and a bare JSON endpoint side by side under the same load and writes artifacts/benchmarks/ingress.md.
# Usage: ./scripts/bench.sh [--seconds N (20)] [--warmup N (30)] [--connections N] [--bot-env KEY=VALUE]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_dotnet

say "Building the bot and the benchmark (Release)"
dotnet build "$ROOT/bot/Bot/Bot.csproj" -c Release --nologo -v quiet
dotnet build "$ROOT/bench/Bot.Benchmarks/Bot.Benchmarks.csproj" -c Release --nologo -v quiet

say "Running the ingress benchmark"
# The report quotes the command that made it, so a figure can always be reproduced.
BENCH_COMMAND="./scripts/bench.sh${*:+ $*}" \
  dotnet "$ROOT/bench/Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll" "$@"
