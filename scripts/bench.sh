#!/usr/bin/env bash
# The hardening issue's benchmarks: builds the bot and the benchmark in Release, then runs against the real bot process
# 1+4 ingress and memory (next to a bare JSON endpoint under the same load), 2 approvals at a fixed rate, 3 ten thousand
# reminders due in one minute; writes artifacts/benchmarks/report.md. Takes about ten minutes.
# Usage: ./scripts/bench.sh [--only ingress,decisions,scheduler] [--seconds N (20)] [--warmup N (30)] [--connections N]
#        [--decision-rate N (200)] [--decision-seconds N (20)] [--reminders N (10000)] [--scheduler-teams N (10)]
#        [--scheduler-lead-minutes N (6)] [--bot-env KEY=VALUE]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_dotnet

say "Building the bot and the benchmark (Release)"
dotnet build "$ROOT/bot/Bot/Bot.csproj" -c Release --nologo -v quiet
dotnet build "$ROOT/bench/Bot.Benchmarks/Bot.Benchmarks.csproj" -c Release --nologo -v quiet

say "Running the benchmarks"
# The report quotes the command that made it, so a figure can always be reproduced.
BENCH_COMMAND="./scripts/bench.sh${*:+ $*}" \
  dotnet "$ROOT/bench/Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll" "$@"
