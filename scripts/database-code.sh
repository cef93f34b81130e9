#!/usr/bin/env bash
# Regenerates the code the bot's database layer derives from its EF Core model and migrations, for SQLite and PostgreSQL:
#   - the compiled models (bot/Bot/Persistence/CompiledModels/), so the bot does not build its model at start;
#   - one SQL script per migration (bot/Bot/Persistence/Migrations/<provider>/Sql/), which the bot applies itself.
# Run it after changing an entity or its configuration, or after `dotnet ef migrations add`; the tests fail while the
# committed files differ from what this generates.
#
#   scripts/database-code.sh                       regenerate everything
#   scripts/database-code.sh add <MigrationName>   add the migration to both providers first, then regenerate
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_dotnet

cd "$ROOT"
dotnet tool restore >/dev/null
project=bot/Bot
persistence="$project/Persistence"
ef() { dotnet ef "$@" --project "$project" --startup-project "$project"; }

say "Building the bot"
dotnet build "$project" -nologo -v q >/dev/null

if [ "${1:-}" = "add" ]; then
  [ -n "${2:-}" ] || die "Usage: $0 add <MigrationName>"
  for context in Sqlite Postgres; do
    say "Adding migration $2 for $context"
    ef migrations add "$2" --context "${context}BotDbContext" --output-dir "Persistence/Migrations/$context" --no-build
  done
  dotnet build "$project" -nologo -v q >/dev/null
fi

for context in Sqlite Postgres; do
  say "Compiled model for $context"
  models="$persistence/CompiledModels/$context"
  previous_models="$(mktemp -d)"
  [ -d "$models" ] && cp -r "$models/." "$previous_models/"
  rm -rf "$models"
  ef dbcontext optimize --context "${context}BotDbContext" --output-dir "Persistence/CompiledModels/$context" \
    --namespace "Bot.Persistence.CompiledModels.$context" --no-build >/dev/null
  # Every generation draws a new random model id; a file that differs only in it keeps the old one, so an unchanged
  # model leaves no diff.
  for file in "$models"/*.cs; do
    old="$previous_models/$(basename "$file")"
    if [ -f "$old" ] && diff -q <(sed 's/modelId: new Guid("[^"]*")//' "$old") <(sed 's/modelId: new Guid("[^"]*")//' "$file") >/dev/null; then
      cp "$old" "$file"
    fi
  done
  rm -rf "$previous_models"

  say "Migration scripts for $context"
  scripts="$persistence/Migrations/$context/Sql"
  rm -rf "$scripts"
  mkdir -p "$scripts"
  previous=0
  for migration in $(ef migrations list --context "${context}BotDbContext" --no-build --no-connect --prefix-output | sed -n 's/^data: *//p' | awk '{print $1}'); do
    ef migrations script "$previous" "$migration" --context "${context}BotDbContext" --no-transactions --no-build \
      --output "$scripts/$migration.sql" >/dev/null
    previous=$migration
  done
done

say "Building with the new files"
dotnet build "$project" -nologo -v q >/dev/null || die "The bot does not build with the generated code; see the errors above."
say "Done (git status shows what changed)"
