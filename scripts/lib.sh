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

# Installs one npm package at an exact version into its own folder under .tools/ (nothing from npm is committed).
npm_install_pinned() {
  local folder="$1" package="$2" version="$3"
  require_command node "Install Node.js 20 or later (e.g. 'apt-get install nodejs npm')."
  require_command npm "Install npm (e.g. 'apt-get install npm')."
  say "Installing $package $version into ${folder#"$ROOT/"}"
  mkdir -p "$folder"
  [ -f "$folder/package.json" ] || printf '{ "name": "%s-tools", "private": true }\n' "$(basename "$folder")" > "$folder/package.json"
  npm install --prefix "$folder" --no-audit --no-fund --loglevel=error "$package@$version" >&2 \
    || die "Could not install $package@$version from npm."
}

installed_version_is() { grep -q "\"version\": \"$2\"" "$1/package.json" 2>/dev/null; }

# The Microsoft 365 Agents Playground, pinned; npm is the only way it is distributed.
ensure_playground() {
  installed_version_is "$PLAYGROUND_DIR/node_modules/@microsoft/m365agentsplayground" "$PLAYGROUND_VERSION" && [ -f "$PLAYGROUND_CLI" ] && return 0
  npm_install_pinned "$PLAYGROUND_DIR" "@microsoft/m365agentsplayground" "$PLAYGROUND_VERSION"
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
  installed_version_is "$APP_MANIFEST_PACKAGE" "$APP_MANIFEST_VERSION" && [ -d "$APP_MANIFEST_SCHEMAS" ] \
    && [ -d "$APP_MANIFEST_DIR/node_modules/ajv-draft-04" ] && return 0
  npm_install_pinned "$APP_MANIFEST_DIR" "@microsoft/app-manifest" "$APP_MANIFEST_VERSION"
  [ -d "$APP_MANIFEST_SCHEMAS" ] || die "@microsoft/app-manifest installed, but $APP_MANIFEST_SCHEMAS is missing."
}

ensure_dotnet() {
  require_command dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
}
