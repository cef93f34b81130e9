#!/usr/bin/env bash
# Runs the bot on its embedded defaults (SQLite, no Azure) together with the Microsoft 365 Agents Playground, a local
# Teams-like client, and stops both on Ctrl+C.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BOT_PORT="${BOT_PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"

ensure_dotnet
ensure_playground

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  say "Stopped."
}
trap cleanup INT TERM EXIT

say "Building the bot"
dotnet build "$ROOT/bot/Bot" -c Debug --nologo -v quiet >&2

mkdir -p "$ROOT/data"
say "Starting the bot on http://127.0.0.1:$BOT_PORT (SQLite at data/bot.db)"
ConnectionStrings__Bot="Data Source=$ROOT/data/bot.db" \
  dotnet run --project "$ROOT/bot/Bot" --no-build -c Debug --urls "http://127.0.0.1:$BOT_PORT" &
pids+=($!)

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$BOT_PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || die "The bot stopped during start-up; see its output above."
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$BOT_PORT/healthz" >/dev/null 2>&1 || die "The bot did not come up on port $BOT_PORT."

say "Starting the Agents Playground on http://127.0.0.1:$PLAYGROUND_PORT"
(cd "$ROOT/playground" && exec node "$PLAYGROUND_CLI" start \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" --dt) &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PLAYGROUND_PORT/" >/dev/null 2>&1 && break
  sleep 0.5
done

cat >&2 <<MSG

  Open http://127.0.0.1:$PLAYGROUND_PORT/ in your browser and say "help" (or "hilfe").
  Switch to the Teams Channel view to see the bot in a team. Press Ctrl+C to stop both.

MSG
wait -n "${pids[@]}"
