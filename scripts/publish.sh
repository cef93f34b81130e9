#!/usr/bin/env bash
# Publishes the bot for a Linux host into artifacts/publish/bot: self-contained (no .NET install needed there), the
# shared framework trimmed and precompiled, the bot and its packages whole. Start it with ./Bot in that folder next to
# its appsettings.json (settings: docs/configuration.md). Why this form: bot/TrimmedFramework.targets.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_dotnet
ensure_teams_js
publish_bot
say "Published: ${BOT_PUBLISHED#"$ROOT/"}"
