#!/usr/bin/env bash
# Runs the lab: installs PostgreSQL + pgvector when missing, builds the app, starts the embedded
# database and serves http://127.0.0.1:5080 (override with --urls URL or LAB_URLS). Ctrl+C stops both.
#   ./run.sh            set up what is missing, then serve
#   ./run.sh --check    only report the prerequisites found (nothing is installed or started)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

if [ "${1:-}" = "--check" ]; then
  exec scripts/prereqs.sh --check
fi

step() { echo "[run] $*"; }

step "1/4 checking prerequisites (PostgreSQL >= 15, pgvector >= 0.8)"
scripts/prereqs.sh | sed 's/^/      /'

APP_DIR="$ROOT/.lab/app"
STAMP="$APP_DIR/.build-stamp"
if [ ! -f "$STAMP" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props -newer "$STAMP" -type f -print -quit 2>/dev/null)" ]; then
  step "2/4 building the lab (first time: restores packages, takes a minute or two)"
  dotnet publish src/ImmersiveLab.Web/ImmersiveLab.Web.csproj -c Release -o "$APP_DIR" --nologo -v quiet -clp:ErrorsOnly
  dotnet publish src/ImmersiveLab.Cli/ImmersiveLab.Cli.csproj -c Release -o "$ROOT/.lab/cli" --nologo -v quiet -clp:ErrorsOnly
  touch "$STAMP"
else
  step "2/4 build is up to date"
fi

step "3/4 embedding model (shipped in models/, checked offline; imlab model fetch downloads updates)"
if ! dotnet "$ROOT/.lab/cli/imlab.dll" model status 2>&1 | sed 's/^/      /'; then
  echo "      no model available: the lab runs, but embedding features say how to get one (imlab model fetch)"
fi

step "4/4 starting the database and the app (data: ${LAB_DATA:-default data directory})"
export Labs__LabsDirectory="$ROOT/labs"
export Labs__SampleImagesDirectory="$ROOT/sample-images"
export Imaging__Model__RepositoryDirectory="$ROOT"
cd "$APP_DIR"
exec dotnet ImmersiveLab.Web.dll "$@"
