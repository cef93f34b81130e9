#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian's chromium and postgresql, the Agents Playground), then builds
# and runs every test: unit, integration (local fake Teams connector and token issuer) and end-to-end (Chromium driving
# the Playground against the running bot). The tests that start the bot as a process run it as published for a
# deployment. The integration tests run twice: on SQLite, then on a throwaway PostgreSQL server started here (each test
# on a database of its own), with the two-process cluster tests in that second pass. Anything missing is a failure,
# never a silent skip.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$ROOT/artifacts/test-results"

ensure_dotnet
ensure_chromium
ensure_playground
ensure_teams_js
ensure_app_manifest_schemas
ensure_postgres
report_supply_chain
export PLAYGROUND_CLI CHROMIUM_PATH="$CHROMIUM" APP_MANIFEST_SCHEMAS

say "Building ($CONFIGURATION)"
dotnet build "$ROOT/Bot.sln" -c "$CONFIGURATION" --nologo -v quiet
# The tests that start the bot as a process run the published bot (BOT_PUBLISHED), the form a deployment runs.
publish_bot

rm -rf "$RESULTS"
say "Running the tests (SQLite)"
status=0
# The cluster tests (several bot processes on one database) exist for PostgreSQL only; the second pass runs them.
BOT_TEST_DATABASE=Sqlite dotnet test "$ROOT/Bot.sln" -c "$CONFIGURATION" --no-build --nologo \
  --filter "FullyQualifiedName!~Bot.IntegrationTests.Cluster." --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@" || status=$?

say "Running the integration tests again on PostgreSQL"
started=$SECONDS
BOT_TEST_DATABASE=Postgres dotnet test "$ROOT/tests/Bot.IntegrationTests" -c "$CONFIGURATION" --no-build --nologo \
  --logger "trx;LogFilePrefix=postgres" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@" || status=$?
say "The PostgreSQL pass took $((SECONDS - started)) s"

# Prints the first failed tests' names and the first lines of their messages, from trx files.
print_failure_messages() {
  awk -v lines=25 -v tests=8 '
    function unescape(text) { gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text); gsub(/&quot;/, "\"", text); gsub(/&apos;/, "\047", text); gsub(/&#xD;|&#xA;/, "", text); gsub(/&amp;/, "\\&", text); return text }
    /<UnitTestResult / && /outcome="Failed"/ { failed = 1; match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); next }
    failed && /<Message>/ {
      if (++told > tests) { if (told == tests + 1) print "(more failures: their messages are in the trx files)"; failed = 0; next }
      printing = 1; shown = 0; print "--- " unescape(name); sub(/.*<Message>/, "")
    }
    printing {
      done = sub(/<\/Message>.*/, "")
      if (shown < lines) { print "    " unescape($0) } else if (shown == lines) { print "    ..." }
      shown++
      if (done) { printing = 0; failed = 0 }
    }
    /<\/UnitTestResult>/ { failed = 0; printing = 0 }
  ' "$@"
}

# Only per-test results count; the run summary carries an outcome attribute of its own.
count() { cat "$RESULTS"/*.trx 2>/dev/null | { grep -oE "<UnitTestResult [^>]*outcome=\"$1\"" || true; } | wc -l; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count NotExecuted)
echo
if [ "$failed" -gt 0 ]; then
  # CI shows only the tail of the log; name the failures where they will be read.
  echo "Failed tests:"
  for trx in "$RESULTS"/*.trx; do
    { grep -oE "<UnitTestResult [^>]*testName=\"[^\"]*\"[^>]*outcome=\"Failed\"" "$trx" || true; } \
      | sed -E 's/.*testName="([^"]*)".*/  \1 ('"$(basename "$trx" | cut -d_ -f1)"')/'
  done
  # And why, for each: the start of its message (a failure that happens once in many runs must tell its cause the
  # first time; the bot output some assertions carry would bury it, so only the first lines).
  echo
  print_failure_messages "$RESULTS"/*.trx
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$skipped" -gt 0 ] && [ "${CI:-}" = "true" ]; then
  echo "Tests were skipped under CI; every test must run." >&2
  exit 1
fi
exit "$status"
