#!/usr/bin/env bash
# The one test command: installs what is missing, starts a throwaway PostgreSQL (and Redis) on loopback,
# runs every test project against SQLite and against PostgreSQL (a project with a "databases" file only on those it
# lists), and ends with "N passed, N failed".
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
# PDF tests render pages with poppler and read what is drawn with Tesseract's Vietnamese model.
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-vie)
# The W3C Nu HTML checker (vnu.jar, from npm) runs on Java.
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The cluster tests put nginx in front of two app processes.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
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

# A service that does not start fails the run: tests that never ran must not look like a pass.
fail_setup() { say "$1"; echo "0 passed, 1 failed"; exit 1; }

# 2. A throwaway PostgreSQL on a free loopback port; fsync off because these databases are thrown away.
pg_port=$(free_port 55432)
if [ -n "$pg_bin" ]; then
  mkdir -p "$work/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$work/pg"; }
  if ! as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || ! as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null; then
    cat "$work/initdb.log" "$work/pg/log" 2>/dev/null
    fail_setup "PostgreSQL did not start"
  fi
  export CV_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
  say "PostgreSQL on 127.0.0.1:$pg_port"
else
  fail_setup "PostgreSQL is not installed"
fi

# 3. Redis for the SignalR scale-out tests.
if command -v redis-server >/dev/null 2>&1; then
  redis_port=$(free_port 56379)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 || { cat "$work/redis.log"; fail_setup "Redis did not start"; }
  export CV_TEST_REDIS="127.0.0.1:$redis_port"
  say "Redis on 127.0.0.1:$redis_port"
else
  fail_setup "Redis is not installed"
fi

# The Nu HTML checker, kept in a cache folder so later runs need no download.
vnu_version=26.9.27
vnu_dir="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/citizenvoice/vnu-$vnu_version"
if [ ! -f "$vnu_dir/vnu.jar" ]; then
  mkdir -p "$vnu_dir" && (cd "$vnu_dir" && npm pack --silent "vnu-jar@$vnu_version" >/dev/null 2>&1 \
    && tar -xzf "vnu-jar-$vnu_version.tgz" && cp package/build/dist/vnu.jar . && rm -rf package "vnu-jar-$vnu_version.tgz")
fi
[ -f "$vnu_dir/vnu.jar" ] || fail_setup "could not fetch vnu-jar@$vnu_version from npm"
export CV_VNU_JAR="$vnu_dir/vnu.jar"

# 4. Build once, then run each test project on each database.
say "building"
if ! dotnet build CitizenVoice.sln -c Release -nologo -v quiet >"$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; status=0
run() { # project database
  local project=$1 db=$2 name expected
  name="$(basename "$project")-$db"
  # The tests the project holds, counted before the run: a host that crashes part-way leaves fewer results.
  expected=$(dotnet test "$project" -c Release --no-build -nologo --list-tests 2>/dev/null | grep -c '^    ')
  say "testing $name (expecting $expected tests)"
  CV_TEST_DB=$db dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$work/results" || status=1
  local trx="$work/results/$name.trx" p=0 t=0
  if [ -f "$trx" ]; then
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  fi
  p=${p:-0}; t=${t:-0}
  [ "$t" -lt "$expected" ] && t=$expected
  [ "$t" -lt 1 ] && t=1
  # Every test that did not pass counts as failed: errors, time-outs, aborted runs and tests that never ran alike.
  say "$name: $p of $t passed"
  passed=$((passed + p)); failed=$((failed + t - p))
}

for project in tests/*/; do
  project=${project%/}
  [ -f "$project/$(basename "$project").csproj" ] || continue
  for db in Sqlite Postgres; do
    # A project that lists its databases (the cluster tests need one shared PostgreSQL) runs only on those.
    if [ -f "$project/databases" ] && ! grep -qx "$db" "$project/databases"; then continue; fi
    run "$project" "$db"
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit "$status" || exit 1
