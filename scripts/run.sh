#!/usr/bin/env bash
# Runs the bot on its embedded defaults (SQLite, no Azure) together with the Microsoft 365 Agents Playground, a local
# Teams-like client, and stops both on Ctrl+C.
#
# Settings (environment): BOT_PORT (3978) and PLAYGROUND_PORT (56150), the loopback ports; CONFIGURATION (Debug), the
# build; ConnectionStrings__Bot, the database (SQLite at data/bot.db unless set).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BOT_PORT="${BOT_PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
CONFIGURATION="${CONFIGURATION:-Debug}"
PLAYGROUND_LOG="$ROOT/playground/devTools/m365agentsplayground.log"

# Before anything is built or started: with a port already taken the Playground would talk to whatever answers there
# (and it quietly moves to a random port of its own when its port is taken, so the address printed would be wrong).
require_free_port BOT_PORT "$BOT_PORT" "the bot"
require_free_port PLAYGROUND_PORT "$PLAYGROUND_PORT" "the Agents Playground"

ensure_dotnet
ensure_playground
ensure_teams_js

bot_pid=""
playground_pid=""
cleanup() {
  trap - INT TERM EXIT
  for pid in $playground_pid $bot_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  say "Stopped."
}
# Ctrl+C ends the script here; without the exit, bash would go on after 'wait' as if a process had stopped by itself.
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

# Says that the Playground stopped, shows the end of its log (where its reason is) and what to do about it.
playground_failed() {
  printf '\033[31mERROR: %s\033[0m\n' "$1" >&2
  local hint="Its output above and its log say why; run ./scripts/run.sh again once that is fixed."
  if [ -s "$PLAYGROUND_LOG" ]; then
    printf 'The end of its log, %s:\n' "${PLAYGROUND_LOG#"$ROOT/"}" >&2
    tail -n 20 "$PLAYGROUND_LOG" | sed 's/^/    /' >&2
    if grep -q 'spawn .*ENOENT' "$PLAYGROUND_LOG"; then
      hint="It could not open a browser. Start it with TEAMSAPPTESTER_BROWSER=none ./scripts/run.sh and open the address yourself."
    elif grep -q 'EADDRINUSE' "$PLAYGROUND_LOG"; then
      hint="Its port is taken. Pick another one, e.g. PLAYGROUND_PORT=$((PLAYGROUND_PORT + 1)) ./scripts/run.sh"
    fi
  fi
  printf '%s\n' "$hint" >&2
  exit 1
}

say "Building the bot ($CONFIGURATION)"
dotnet build "$ROOT/bot/Bot" -c "$CONFIGURATION" --nologo -v quiet >&2 \
  || die "The bot did not build; the compiler's messages are above."

mkdir -p "$ROOT/data"
export ConnectionStrings__Bot="${ConnectionStrings__Bot:-Data Source=$ROOT/data/bot.db}"
say "Starting the bot on http://127.0.0.1:$BOT_PORT (${ConnectionStrings__Bot})"
# The bot's own process, not 'dotnet run', so that stopping this pid stops the bot.
(cd "$ROOT" && exec dotnet "$ROOT/bot/Bot/bin/$CONFIGURATION/net10.0/Bot.dll" --urls "http://127.0.0.1:$BOT_PORT") &
bot_pid=$!

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$BOT_PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$bot_pid" 2>/dev/null || die "The bot stopped during start-up; the reason is in its output above."
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$BOT_PORT/healthz" >/dev/null 2>&1 \
  || die "The bot did not answer on http://127.0.0.1:$BOT_PORT/healthz within 60 s; see its output above."

# The Playground opens its page with xdg-open once it listens. Where there is no xdg-open (a server, a container, a
# fresh machine) the failed start of it takes the Playground down, and without a display there is no browser to show,
# so it is asked to open nothing (TEAMSAPPTESTER_BROWSER=none, read by the Playground) and the address is printed.
playground_browser="${TEAMSAPPTESTER_BROWSER:-}"
if [ -z "$playground_browser" ] && [ "$(uname -s)" != "Darwin" ]; then
  if ! command -v xdg-open >/dev/null 2>&1 || [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    playground_browser="none"
  fi
fi

say "Starting the Agents Playground on http://127.0.0.1:$PLAYGROUND_PORT"
mkdir -p "$(dirname "$PLAYGROUND_LOG")"
: > "$PLAYGROUND_LOG"
(cd "$ROOT/playground" && TEAMSAPPTESTER_BROWSER="$playground_browser" exec node "$PLAYGROUND_CLI" start \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" --dt) &
playground_pid=$!

# "Listening on" comes before the backend is ready; its ping answers only once it is.
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PLAYGROUND_PORT/_debug/ping" >/dev/null 2>&1 && break
  kill -0 "$playground_pid" 2>/dev/null \
    || playground_failed "The Agents Playground stopped during start-up."
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PLAYGROUND_PORT/_debug/ping" >/dev/null 2>&1 \
  || playground_failed "The Agents Playground did not answer on http://127.0.0.1:$PLAYGROUND_PORT within 60 s."

cat >&2 <<MSG

  Open http://127.0.0.1:$PLAYGROUND_PORT/ in your browser and say "help" (or "hilfe").
  Switch to the Teams Channel view to see the bot in a team. Press Ctrl+C to stop both.

MSG

# Whichever stops first, say which it was and why, then stop the other.
status=0
wait -n $bot_pid $playground_pid || status=$?
if ! kill -0 "$playground_pid" 2>/dev/null; then
  playground_failed "The Agents Playground stopped (exit code $status)."
fi
die "The bot stopped (exit code $status); the reason is in its output above. Run ./scripts/run.sh again once that is fixed."
