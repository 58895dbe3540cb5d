#!/usr/bin/env bash
# Runs every test: installs what the tests need when missing, builds with warnings as errors, then runs the
# whole suite against one throw-away PostgreSQL cluster started for this run (each test class gets its own database).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
dotnet build Platform.sln -c Release -warnaserror

pg_dir=$(mktemp -d /tmp/onestop-test-run-XXXXXX)
trap 'scripts/test-postgres.sh stop "$pg_dir"' EXIT
ONESTOP_TEST_POSTGRES=$(scripts/test-postgres.sh start "$pg_dir")
export ONESTOP_TEST_POSTGRES

dotnet test Platform.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
