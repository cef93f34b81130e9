# Shared by run.sh and test.sh: installs what the bot and its tests need, once, into places git ignores.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLAYGROUND_VERSION="0.2.28"
PLAYGROUND_DIR="$ROOT/.tools/playground"
PLAYGROUND_CLI="$PLAYGROUND_DIR/node_modules/@microsoft/m365agentsplayground/cli.js"
CHROMIUM="/usr/bin/chromium"
APP_MANIFEST_VERSION="1.1.2"
APP_MANIFEST_DIR="$ROOT/.tools/app-manifest"
APP_MANIFEST_PACKAGE="$APP_MANIFEST_DIR/node_modules/@microsoft/app-manifest"
APP_MANIFEST_SCHEMAS="$APP_MANIFEST_PACKAGE/build/json-schemas/teams"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed. $2"
}

# The Microsoft 365 Agents Playground, pinned; npm is the only way it is distributed.
ensure_playground() {
  if [ -f "$PLAYGROUND_CLI" ] && grep -q "\"version\": \"$PLAYGROUND_VERSION\"" "$PLAYGROUND_DIR/node_modules/@microsoft/m365agentsplayground/package.json" 2>/dev/null; then
    return 0
  fi
  require_command node "Install Node.js 20 or later (e.g. 'apt-get install nodejs npm')."
  require_command npm "Install npm (e.g. 'apt-get install npm')."
  say "Installing the Microsoft 365 Agents Playground $PLAYGROUND_VERSION into .tools/playground"
  mkdir -p "$PLAYGROUND_DIR"
  [ -f "$PLAYGROUND_DIR/package.json" ] || printf '{ "name": "playground-tools", "private": true }\n' > "$PLAYGROUND_DIR/package.json"
  npm install --prefix "$PLAYGROUND_DIR" --no-audit --no-fund --loglevel=error "@microsoft/m365agentsplayground@$PLAYGROUND_VERSION" >&2 \
    || die "Could not install @microsoft/m365agentsplayground@$PLAYGROUND_VERSION from npm."
  [ -f "$PLAYGROUND_CLI" ] || die "The Playground installed, but $PLAYGROUND_CLI is missing."
}

# Debian's Chromium: Playwright cannot download its own browser here, and need not.
ensure_chromium() {
  [ -x "$CHROMIUM" ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 \
      || die "apt-get could not install chromium."
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's chromium for the browser tests (sudo)"
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 \
      || die "apt-get could not install chromium."
  else
    die "Chromium is needed at $CHROMIUM for the browser tests: install Debian's 'chromium' package."
  fi
  [ -x "$CHROMIUM" ] || die "chromium installed, but $CHROMIUM is missing."
}

# Microsoft's Teams app manifest and localisation JSON schemas (v1.10 to v1.30 in 1.1.2) and the validator they
# depend on (ajv-draft-04), pinned; the tests validate the app package against them offline.
ensure_app_manifest_schemas() {
  if [ -d "$APP_MANIFEST_SCHEMAS" ] && [ -d "$APP_MANIFEST_DIR/node_modules/ajv-draft-04" ] \
    && grep -q "\"version\": \"$APP_MANIFEST_VERSION\"" "$APP_MANIFEST_PACKAGE/package.json" 2>/dev/null; then
    return 0
  fi
  require_command node "Install Node.js 20 or later (e.g. 'apt-get install nodejs npm')."
  require_command npm "Install npm (e.g. 'apt-get install npm')."
  say "Installing @microsoft/app-manifest $APP_MANIFEST_VERSION (Teams manifest JSON schemas) into .tools/app-manifest"
  mkdir -p "$APP_MANIFEST_DIR"
  [ -f "$APP_MANIFEST_DIR/package.json" ] || printf '{ "name": "app-manifest-tools", "private": true }\n' > "$APP_MANIFEST_DIR/package.json"
  npm install --prefix "$APP_MANIFEST_DIR" --no-audit --no-fund --loglevel=error "@microsoft/app-manifest@$APP_MANIFEST_VERSION" >&2 \
    || die "Could not install @microsoft/app-manifest@$APP_MANIFEST_VERSION from npm."
  [ -d "$APP_MANIFEST_SCHEMAS" ] || die "@microsoft/app-manifest installed, but $APP_MANIFEST_SCHEMAS is missing."
}

ensure_dotnet() {
  require_command dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
}
