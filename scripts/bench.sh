#!/usr/bin/env bash
# The benchmarks: publishes the bot as a deployment runs it (scripts/publish.sh) and builds the benchmark, then runs
# against the real bot process ingress and memory (next to a bare JSON endpoint, published the same way, and a
# botbuilder-js reference bot under the same load), approvals at fixed rates, decisions with one and two instances on
# PostgreSQL, ten thousand reminders due in one minute, the digest and the forged-token flood, the calendar tab's month
# view and the calendar feed; writes artifacts/benchmarks/report.md. All together take the better part of an hour, most
# of it spent preparing posts through the bot for the decision benchmarks.
# Usage: ./scripts/bench.sh [--only ingress,decisions,cluster,scheduler,digest,flood,calendar,feed] [--seconds N (20)]
#        [--warmup N (30)] [--connections N] [--ingress-servers bare,reference,bot] [--decision-rates N,N (200,400)] [--decision-seconds N (20)] [--cluster-decisions N]
#        [--cluster-rounds N] [--cluster-workers N] [--reminders N (10000)] [--scheduler-teams N (10)]
#        [--scheduler-lead-minutes N (6)] [--bot-env KEY=VALUE]   (every option: docs/benchmarks.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_dotnet

# What the selected benchmarks need beyond .NET: the reference bot's npm packages, a throwaway PostgreSQL.
only="ingress,decisions,cluster,scheduler,digest,flood,calendar,feed"
arguments=("$@")
for ((i = 0; i < ${#arguments[@]}; i++)); do
  [ "${arguments[$i]}" = "--only" ] && only="${arguments[$((i + 1))]:-}"
  [ "${arguments[$i]}" = "--ingress-servers" ] && ingress_servers="${arguments[$((i + 1))]:-}"
done
if [[ ",$only," == *",ingress,"* && ",${ingress_servers:-reference}," == *",reference,"* ]]; then
  ensure_reference_bot
fi
if [[ ",$only," == *",cluster,"* ]]; then
  # Exports BOT_TEST_POSTGRES for the benchmark, stops and deletes the server when this script exits.
  ensure_postgres
fi

say "Building the benchmark (Release)"
dotnet build "$ROOT/bench/Bot.Benchmarks/Bot.Benchmarks.csproj" -c Release --nologo -v quiet
# What is measured is the bot as a deployment runs it (scripts/publish.sh), and the bare endpoint published the same
# way, so that both run on the same trimmed framework build.
publish_bot
bench_published="$ROOT/artifacts/publish/bench"
bare=()
if [[ ",$only," == *",ingress,"* && ",${ingress_servers:-bare}," == *",bare,"* ]]; then
  say "Publishing the benchmark's bare endpoint the same way into ${bench_published#"$ROOT/"}"
  rm -rf "$bench_published"
  dotnet publish "$ROOT/bench/Bot.Benchmarks/Bot.Benchmarks.csproj" -c Release -r linux-x64 -o "$bench_published" --nologo -v quiet >&2 \
    || die "dotnet publish of the benchmark failed."
  bare=(--bare "$bench_published/Bot.Benchmarks")
fi

say "Running the benchmarks"
# The report quotes the command that made it, so a figure can always be reproduced.
BENCH_COMMAND="./scripts/bench.sh${*:+ $*}" \
  dotnet "$ROOT/bench/Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll" --bot "$BOT_PUBLISHED" "${bare[@]}" "$@"
