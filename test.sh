#!/usr/bin/env bash
# The one test command: installs what is missing, starts a throwaway PostgreSQL (and Redis) on loopback,
# runs every test project against SQLite and against PostgreSQL, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
say() { printf '==> %s\n' "$*" >&2; }

# 1. What the tests need from the machine.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  else
    say "missing ${missing[*]} and cannot install them (need root and apt-get); tests that need them will fail"
  fi
fi

work=$(mktemp -d /tmp/cv-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  [ -n "${pg_bin:-}" ] && [ -f "$work/pg/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  [ -n "${redis_pid:-}" ] && kill "$redis_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for port in $(seq "$1" $(( $1 + 200 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# PostgreSQL refuses to run as root; when we are root it runs as the postgres user the package created.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# 2. A throwaway PostgreSQL on a free loopback port; fsync off because these databases are thrown away.
pg_port=$(free_port 55432)
if [ -n "$pg_bin" ]; then
  mkdir -p "$work/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$work/pg"; }
  as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  export CV_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
  say "PostgreSQL on 127.0.0.1:$pg_port"
fi

# 3. Redis for the SignalR scale-out tests.
if command -v redis-server >/dev/null 2>&1; then
  redis_port=$(free_port 56379)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  export CV_TEST_REDIS="127.0.0.1:$redis_port"
  say "Redis on 127.0.0.1:$redis_port"
fi

# 4. Build once, then run each test project on each database.
say "building"
if ! dotnet build CitizenVoice.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0; status=0
run() { # project database
  local project=$1 db=$2 name
  name="$(basename "$project")-$db"
  say "testing $name"
  CV_TEST_DB=$db dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$work/results" || status=1
  local trx="$work/results/$name.trx"
  if [ ! -f "$trx" ]; then failed=$((failed + 1)); status=1; return; fi
  local counters
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  local p f t e
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
}

for project in tests/*/; do
  project=${project%/}
  [ -f "$project/$(basename "$project").csproj" ] || continue
  run "$project" Sqlite
  if [ -n "${CV_TEST_POSTGRES:-}" ]; then run "$project" Postgres; else failed=$((failed + 1)); status=1; fi
done

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && exit "$status" || exit 1
