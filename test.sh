#!/usr/bin/env bash
# The project's one test command: every test project in the solution, including the browser tests,
# which drive Debian's Chromium through Playwright. Any arguments are passed on to `dotnet test`
# (CI adds a TRX logger). Installs Debian's chromium and redis-server packages first when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: /usr/bin/chromium is missing; installing Debian's chromium package for the browser tests" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends chromium
fi

# The several-instances tests start their own redis-server on a free loopback port (the Redis output cache store).
if [ ! -x /usr/bin/redis-server ]; then
  echo "test.sh: /usr/bin/redis-server is missing; installing Debian's redis-server package for the several-instances tests" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends redis-server
fi

# Playwright drives the Chromium above; it must never fetch a browser build of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

exec dotnet test SocialCareStories.sln "$@"
