#!/usr/bin/env bash
# Runs every test: installs what the tests need when missing, builds, then runs the whole suite
# against one throw-away PostgreSQL cluster for the run.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
dotnet build Platform.sln -c Release -warnaserror
dotnet test Platform.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
