#!/usr/bin/env bash
# The project's one test command: every test project in the solution, including the browser tests,
# which drive Debian's Chromium through Playwright. Any arguments are passed on to `dotnet test`
# (CI adds a TRX logger). Installs Debian's chromium and redis-server packages first when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests drive Debian's Chromium; the several-instances tests start their own redis-server on a free
# loopback port (the Redis output cache store).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing Debian's ${missing[*]} for the tests" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Playwright drives the Chromium above; it must never fetch a browser build of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

exec dotnet test SocialCareStories.sln "$@"
