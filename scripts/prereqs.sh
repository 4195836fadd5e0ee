#!/usr/bin/env bash
# Makes sure PostgreSQL >= 15 server binaries and pgvector >= 0.8 are available, installing what is
# missing on Debian/Ubuntu. Idempotent and quiet when everything is present.
#   scripts/prereqs.sh            install what is missing
#   scripts/prereqs.sh --check    only report what was found (exit 1 when something is missing)
#   scripts/prereqs.sh --browser  also make sure Chromium is installed (for the browser tests)
set -euo pipefail

MIN_PG=15
MIN_VECTOR=0.8.0
CHECK_ONLY=0
WANT_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK_ONLY=1 ;;
    --browser) WANT_BROWSER=1 ;;
    *) echo "prereqs: unknown option $arg" >&2; exit 2 ;;
  esac
done

say()  { echo "==> $*" >&2; }
found() { echo "found: $*"; }
missing() { echo "missing: $*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Highest PostgreSQL major version >= MIN_PG whose server binaries are installed (or LAB_PG_BINDIR).
find_pg_bindir() {
  if [ -n "${LAB_PG_BINDIR:-}" ] && [ -x "$LAB_PG_BINDIR/postgres" ]; then echo "$LAB_PG_BINDIR"; return 0; fi
  local best="" v
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/postgres" ] && [ -x "$d/initdb" ] || continue
    v=$(basename "$(dirname "$d")")
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge "$MIN_PG" ] && { [ -z "$best" ] || [ "$v" -gt "$(basename "$(dirname "$best")")" ]; }; then best="$d"; fi
  done
  [ -n "$best" ] && echo "$best"
}

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# pgvector default_version for the server in $1 (bindir), empty when absent.
vector_version() {
  local sharedir
  sharedir=$("$1/pg_config" --sharedir 2>/dev/null || true)
  [ -z "$sharedir" ] && sharedir="/usr/share/postgresql/$(basename "$(dirname "$1")")"
  [ -f "$sharedir/extension/vector.control" ] || return 0
  sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" "$sharedir/extension/vector.control"
}

is_debian_like() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then say "apt-get update"; $SUDO apt-get update -qq >&2; apt_updated=1; fi
  say "apt-get install $*"
  local log; log=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; return 1
  fi
  rm -f "$log"
}

# Builds pgvector from the Debian source package of the newer suite (trixie) with the machine's own mirror.
build_pgvector_from_debian_source() {
  local bindir="$1" major tmp uri
  major=$(basename "$(dirname "$bindir")")
  apt_install "postgresql-server-dev-$major" build-essential dpkg-dev
  uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    # First URI of a stanza that is not the security archive.
    uri=$(awk 'BEGIN{RS=""} !/security/ { for (i=1;i<=NF;i++) if ($i=="URIs:") { print $(i+1); exit } }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ { for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' /etc/apt/sources.list)
  fi
  if [ -z "$uri" ]; then
    echo "prereqs: cannot find a Debian mirror in /etc/apt to fetch the pgvector source package from." >&2
    echo "         Install pgvector >= $MIN_VECTOR for PostgreSQL $major yourself (https://github.com/pgvector/pgvector#installation)." >&2
    exit 1
  fi
  tmp=$(mktemp -d)
  chmod 755 "$tmp"
  mkdir -p "$tmp/lists/partial" "$tmp/parts"
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$tmp/parts/pgvector-src.sources"
  local aptopts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$tmp/parts" -o "Dir::State::Lists=$tmp/lists" -o "APT::Get::List-Cleanup=0")
  say "fetching the pgvector source package (trixie) from $uri"
  apt-get "${aptopts[@]}" update -qq >&2
  (cd "$tmp" && apt-get "${aptopts[@]}" source --download-only -qq pgvector >&2)
  (cd "$tmp" && dpkg-source -x --no-check ./pgvector_*.dsc src >/dev/null)
  say "building pgvector against PostgreSQL $major"
  (cd "$tmp/src" && make -s OPTFLAGS="" PG_CONFIG="$bindir/pg_config" >&2 && $SUDO make -s install PG_CONFIG="$bindir/pg_config" >&2)
  rm -rf "$tmp"
}

ensure_postgres() {
  local bindir
  bindir=$(find_pg_bindir || true)
  if [ -n "$bindir" ]; then return 0; fi
  if [ "$CHECK_ONLY" -eq 1 ]; then return 0; fi
  if ! is_debian_like; then
    echo "prereqs: PostgreSQL >= $MIN_PG server binaries not found. Install them (e.g. your distribution's postgresql package) or set LAB_PG_BINDIR." >&2
    exit 1
  fi
  local cand="" v
  for v in 17 16 15; do
    if apt-cache show "postgresql-$v" >/dev/null 2>&1; then cand=$v; break; fi
  done
  if [ -z "$cand" ]; then
    [ "$apt_updated" -eq 0 ] && { $SUDO apt-get update -qq >&2; apt_updated=1; }
    for v in 17 16 15; do
      if apt-cache show "postgresql-$v" >/dev/null 2>&1; then cand=$v; break; fi
    done
  fi
  [ -n "$cand" ] || { echo "prereqs: no postgresql-15/16/17 package in apt; install PostgreSQL >= $MIN_PG yourself." >&2; exit 1; }
  apt_install "postgresql-$cand" "postgresql-contrib-$cand" 2>/dev/null || apt_install "postgresql-$cand"
}

ensure_pgvector() {
  local bindir="$1" have major
  have=$(vector_version "$bindir")
  if [ -n "$have" ] && version_ge "$have" "$MIN_VECTOR"; then return 0; fi
  [ "$CHECK_ONLY" -eq 1 ] && return 0
  major=$(basename "$(dirname "$bindir")")
  if ! is_debian_like; then
    echo "prereqs: pgvector >= $MIN_VECTOR is missing for PostgreSQL $major. Install it: https://github.com/pgvector/pgvector#installation" >&2
    exit 1
  fi
  # Ubuntu and PGDG package it; Debian 12 does not.
  if apt-cache show "postgresql-$major-pgvector" >/dev/null 2>&1 \
     && version_ge "$(apt-cache policy "postgresql-$major-pgvector" | awk '/Candidate:/{print $2}' | sed 's/^[0-9]*://; s/-.*//')" "$MIN_VECTOR"; then
    apt_install "postgresql-$major-pgvector"
  else
    build_pgvector_from_debian_source "$bindir"
  fi
}

ensure_browser() {
  if command -v chromium >/dev/null || [ -x /usr/bin/chromium ]; then return 0; fi
  [ "$CHECK_ONLY" -eq 1 ] && return 0
  is_debian_like || { echo "prereqs: install Chromium for the browser tests (or set LAB_CHROMIUM)." >&2; exit 1; }
  apt_install chromium
}

ensure_postgres
BINDIR=$(find_pg_bindir || true)
if [ -n "$BINDIR" ]; then ensure_pgvector "$BINDIR"; fi
if [ "$WANT_BROWSER" -eq 1 ]; then ensure_browser; fi

# Report (stdout) so callers and `run.sh --check` can show it.
status=0
BINDIR=$(find_pg_bindir || true)
if [ -n "$BINDIR" ]; then
  found "postgresql $("$BINDIR/postgres" --version | awk '{print $3}') ($BINDIR)"
  vv=$(vector_version "$BINDIR")
  if [ -n "$vv" ] && version_ge "$vv" "$MIN_VECTOR"; then found "pgvector $vv"; else missing "pgvector >= $MIN_VECTOR"; status=1; fi
else
  missing "postgresql >= $MIN_PG server"; missing "pgvector >= $MIN_VECTOR"; status=1
fi
if command -v dotnet >/dev/null; then found "dotnet $(dotnet --version 2>/dev/null)"; else missing "dotnet SDK 10"; status=1; fi
if [ -x "${LAB_CHROMIUM:-/usr/bin/chromium}" ]; then found "chromium ${LAB_CHROMIUM:-/usr/bin/chromium}";
elif [ "$WANT_BROWSER" -eq 1 ]; then missing "chromium"; status=1; fi
exit $status
