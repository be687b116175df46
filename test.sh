#!/usr/bin/env bash
# The project's one test command: every test project in the solution, including the browser tests,
# which drive Debian's Chromium through Playwright, and then the integration suite
# (tests/SocialCareStories.Web.Tests) again on PostgreSQL. Any arguments are passed on to both `dotnet test`
# runs (CI adds a TRX logger). Installs Debian's chromium, postgresql and redis-server packages first when
# they are missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The PostgreSQL run starts a throwaway cluster of its own with the package's initdb and pg_ctl.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
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

status=0
dotnet test SocialCareStories.sln "$@" || status=$?
# The same integration suite on PostgreSQL (SCS_TEST_STORE=Postgres): each portal gets its own database in a
# cluster the tests start on a free loopback port and remove at the end (see tests/…/Infrastructure/TestStore.cs).
SCS_TEST_STORE=Postgres dotnet test tests/SocialCareStories.Web.Tests --no-build "$@" || status=$?
exit "$status"
