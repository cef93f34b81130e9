# Shared by run.sh, test.sh and bench.sh: installs what they need, once, into places git ignores.
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
TEAMS_JS_SOURCE="$ROOT/bot/Bot/Calendar/TabPage/teams-js"
TEAMS_JS_DIR="$ROOT/.tools/teams-js"
TEAMS_JS_FILE="$TEAMS_JS_DIR/node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js"
REFERENCE_BOT_SOURCE="$ROOT/bench/reference-bot"
REFERENCE_BOT_DIR="$ROOT/.tools/botbuilder-reference"

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

CHROMIUM_PACKAGES=(chromium fonts-noto-color-emoji)
EMOJI_FONT="/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

# Debian's Chromium: Playwright cannot download its own browser here, and need not. With the colour emoji font, as a
# Teams client has one: the cards' ✅ ✏️ ⛔ would otherwise be empty boxes in the README's screenshots.
ensure_chromium() {
  [ -x "$CHROMIUM" ] && [ -f "$EMOJI_FONT" ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's ${CHROMIUM_PACKAGES[*]} for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${CHROMIUM_PACKAGES[@]}") >&2 \
      || die "apt-get could not install ${CHROMIUM_PACKAGES[*]}."
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's ${CHROMIUM_PACKAGES[*]} for the browser tests (sudo)"
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${CHROMIUM_PACKAGES[@]}") >&2 \
      || die "apt-get could not install ${CHROMIUM_PACKAGES[*]}."
  else
    die "Chromium is needed at $CHROMIUM for the browser tests, with its emoji font: install Debian's ${CHROMIUM_PACKAGES[*]}."
  fi
  [ -x "$CHROMIUM" ] || die "chromium installed, but $CHROMIUM is missing."
  [ -f "$EMOJI_FONT" ] || die "fonts-noto-color-emoji installed, but $EMOJI_FONT is missing."
}

# Microsoft's Teams app manifest and localisation JSON schemas (v1.10 to v1.30 in 1.1.2) and the validator they
# depend on (ajv-draft-04), pinned; the tests validate the app package against them offline.
ensure_app_manifest_schemas() {
  installed_version_is "$APP_MANIFEST_PACKAGE" "$APP_MANIFEST_VERSION" && [ -d "$APP_MANIFEST_SCHEMAS" ] \
    && [ -d "$APP_MANIFEST_DIR/node_modules/ajv-draft-04" ] && return 0
  npm_install_pinned "$APP_MANIFEST_DIR" "@microsoft/app-manifest" "$APP_MANIFEST_VERSION"
  [ -d "$APP_MANIFEST_SCHEMAS" ] || die "@microsoft/app-manifest installed, but $APP_MANIFEST_SCHEMAS is missing."
}

# The Teams JavaScript client library (@microsoft/teams-js) the calendar tab loads, pinned with its lock file in
# bot/Bot/Calendar/TabPage/teams-js and installed from it into .tools/ (never committed); the bot's build copies its
# bundle next to the binaries and serves it at /tab/lib/teams-js.min.js, so the tab never loads it from a CDN. Under
# CI (and everywhere else) a failed install stops the script: a bot built without it serves a tab that cannot sign in
# inside Teams. Reinstalled only when the lock file changed.
ensure_teams_js() {
  cmp -s "$TEAMS_JS_SOURCE/package-lock.json" "$TEAMS_JS_DIR/package-lock.json" && [ -f "$TEAMS_JS_FILE" ] && return 0
  require_command node "Install Node.js 20 or later (e.g. 'apt-get install nodejs npm')."
  require_command npm "Install npm (e.g. 'apt-get install npm')."
  say "Installing @microsoft/teams-js for the calendar tab into ${TEAMS_JS_DIR#"$ROOT/"}"
  rm -rf "$TEAMS_JS_DIR"
  mkdir -p "$TEAMS_JS_DIR"
  cp "$TEAMS_JS_SOURCE/package.json" "$TEAMS_JS_SOURCE/package-lock.json" "$TEAMS_JS_DIR/"
  (cd "$TEAMS_JS_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2 \
    || die "Could not install @microsoft/teams-js from npm (bot/Bot/Calendar/TabPage/teams-js/package-lock.json)."
  [ -f "$TEAMS_JS_FILE" ] || die "@microsoft/teams-js installed, but $TEAMS_JS_FILE is missing."
}

# The ingress benchmark's botbuilder-js reference bot: its code is committed in bench/reference-bot, its packages are
# installed from the committed package.json and package-lock.json (exact versions and integrity hashes, transitive ones
# too) into .tools/, and reinstalled only when the lock file changed.
ensure_reference_bot() {
  cmp -s "$REFERENCE_BOT_SOURCE/package-lock.json" "$REFERENCE_BOT_DIR/package-lock.json" \
    && [ -f "$REFERENCE_BOT_DIR/node_modules/botbuilder/package.json" ] && return 0
  require_command node "Install Node.js 20 or later (e.g. 'apt-get install nodejs npm')."
  require_command npm "Install npm (e.g. 'apt-get install npm')."
  say "Installing the botbuilder-js reference bot's packages into ${REFERENCE_BOT_DIR#"$ROOT/"}"
  rm -rf "$REFERENCE_BOT_DIR"
  mkdir -p "$REFERENCE_BOT_DIR"
  cp "$REFERENCE_BOT_SOURCE/package.json" "$REFERENCE_BOT_SOURCE/package-lock.json" "$REFERENCE_BOT_DIR/"
  (cd "$REFERENCE_BOT_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2 \
    || die "Could not install the reference bot's packages (botbuilder) from npm."
}

# Supply chain, reported and never failing the run: what npm's advisories say about the tools installed above (they run
# only on developer and CI machines, against local servers), and whether the NuGet source publishes the advisory data
# that NuGet audit (on in Directory.Build.props, where a finding fails the build) needs: a source without it, such as a
# mirror, makes the audit silently check nothing.
report_supply_chain() {
  local folder summary
  for folder in "$PLAYGROUND_DIR" "$APP_MANIFEST_DIR" "$REFERENCE_BOT_DIR" "$TEAMS_JS_DIR"; do
    [ -f "$folder/package-lock.json" ] || continue
    # npm audit exits 1 when it finds something: the summary still comes from its report.
    summary="$( (cd "$folder" && npm audit --omit=dev --json 2>/dev/null || true) | node -e '
      let text = ""; process.stdin.on("data", d => text += d).on("end", () => {
        try {
          const report = JSON.parse(text);
          const v = report.metadata && report.metadata.vulnerabilities;
          if (!v) { console.log("could not be checked (" + ((report.error && report.error.summary) || "no answer from the advisory service").split("\n")[0] + ")"); return; }
          console.log(`${v.critical} critical, ${v.high} high, ${v.moderate} moderate, ${v.low} low`);
        } catch { console.log("could not be checked (no answer from the advisory service)"); }
      });')" || summary="could not be checked"
    say "npm audit ${folder#"$ROOT/"}: $summary"
  done
  local index
  index="$(dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ { print $2; exit }' || true)"
  if [ -n "$index" ] && curl -fsS --max-time 20 "$index" 2>/dev/null | grep -q 'VulnerabilityInfo'; then
    say "NuGet audit: $index publishes vulnerability data; a known vulnerability in any package fails the build"
  else
    printf '\033[33mWARNING: NuGet audit: %s publishes no vulnerability data, so the build could not check the packages for known vulnerabilities.\033[0m\n' "${index:-the NuGet source}" >&2
  fi
}

ensure_dotnet() {
  require_command dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
}

PUBLISHED_BOT_DIR="$ROOT/artifacts/publish/bot"

# The bot as a deployment runs it: self-contained for linux-x64, the shared framework trimmed and precompiled
# (bot/TrimmedFramework.targets), into artifacts/publish/bot. Exports BOT_PUBLISHED, the executable.
publish_bot() {
  say "Publishing the bot (self-contained, linux-x64) into ${PUBLISHED_BOT_DIR#"$ROOT/"}"
  rm -rf "$PUBLISHED_BOT_DIR"
  dotnet publish "$ROOT/bot/Bot/Bot.csproj" -c Release -r linux-x64 -o "$PUBLISHED_BOT_DIR" --nologo -v quiet >&2 \
    || die "dotnet publish failed."
  [ -x "$PUBLISHED_BOT_DIR/Bot" ] || die "The publish finished, but $PUBLISHED_BOT_DIR/Bot is missing."
  export BOT_PUBLISHED="$PUBLISHED_BOT_DIR/Bot"
}

# A throwaway PostgreSQL server for the tests: Debian's server binaries, a temporary data directory, loopback only, a
# free port and a random password. Exports BOT_TEST_POSTGRES (a connection string to its maintenance database; tests
# create and drop a database each) and stops the server and deletes the directory when the calling shell exits.
# initdb refuses to run as root, so as root the cluster belongs to the package's 'postgres' user.
ensure_postgres() {
  local bin
  bin="$(postgres_bin)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      say "Installing Debian's postgresql for the PostgreSQL tests"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 \
        || die "apt-get could not install postgresql."
    elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
      say "Installing Debian's postgresql for the PostgreSQL tests (sudo)"
      (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 \
        || die "apt-get could not install postgresql."
    else
      die "PostgreSQL's server is needed for the PostgreSQL tests: install Debian's 'postgresql' package."
    fi
    bin="$(postgres_bin)"
    [ -n "$bin" ] || die "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb was found."
  fi

  local owner="" run=()
  if [ "$(id -u)" = "0" ]; then
    owner="postgres"
    id "$owner" >/dev/null 2>&1 || die "Running as root needs the 'postgres' user that Debian's package creates."
    run=(runuser -u "$owner" --)
  fi

  POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bot-test-postgres.XXXXXX")"
  [ -z "$owner" ] || chown "$owner" "$POSTGRES_DIR"
  chmod 700 "$POSTGRES_DIR"
  local password port
  password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  port="$(free_port)"
  printf '%s\n' "$password" > "$POSTGRES_DIR/pwfile"
  [ -z "$owner" ] || chown "$owner" "$POSTGRES_DIR/pwfile"
  POSTGRES_BIN="$bin" POSTGRES_RUN="${run[*]}"
  trap stop_postgres EXIT

  say "Starting a throwaway PostgreSQL ($(basename "$(dirname "$bin")")) on 127.0.0.1:$port"
  "${run[@]}" "$bin/initdb" -D "$POSTGRES_DIR/data" -U bot --pwfile="$POSTGRES_DIR/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$POSTGRES_DIR/initdb.log" >&2; die "initdb failed."; }
  rm -f "$POSTGRES_DIR/pwfile"
  # Speed over durability: the cluster lives for one test run. Every test opens its own database and pools, and
  # the two-process tests run two bots and their schedulers at once, hence the connection limit.
  "${run[@]}" "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $POSTGRES_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
    start >/dev/null || { cat "$POSTGRES_DIR/server.log" >&2; die "PostgreSQL did not start."; }
  export BOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=bot;Password=$password;Database=postgres"
}

stop_postgres() {
  [ -n "${POSTGRES_DIR:-}" ] || return 0
  if [ -d "$POSTGRES_DIR/data" ]; then
    # shellcheck disable=SC2086
    $POSTGRES_RUN "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$POSTGRES_DIR"
  POSTGRES_DIR=""
}

postgres_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
  return 0
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Fails, naming the port and its setting, when something already listens on it; ss names the program when it may.
require_free_port() {
  local setting="$1" port="$2" what="$3" holder=""
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || die "$setting=$port is not a port number (1-65535)."
  port_in_use "$port" || return 0
  if command -v ss >/dev/null 2>&1; then
    holder="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1 \
      | sed -E 's/users:\(\("([^"]*)",pid=([0-9]*)/\1, pid \2/')" || holder=""
  fi
  die "Port $port, wanted for $what ($setting), is already taken${holder:+ by $holder}. Stop what listens there (an earlier ./scripts/run.sh?) or pick another port, e.g. $setting=$((port + 1)) ./scripts/run.sh"
}

# A loopback port nobody listens on now (bash's /dev/tcp: a refused connection means free).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "No free loopback port found for PostgreSQL."
}
