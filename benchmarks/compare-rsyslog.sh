#!/usr/bin/env bash
# Sends the same load with syslog-ng's loggen over TCP to socd and then to rsyslog (imptcp ->
# omfile) on this machine, in one run, and prints both rates and their ratio.
#
# A rate is messages processed / time from the first message sent to the last one processed:
# for socd, events parsed by the pipeline (socd_events_decoded_total, which also means accepted
# off the socket); for rsyslog, lines written to its file. loggen's own send rate is shown too;
# over TCP it cannot exceed what the receiver takes, so it is the receiver's accept rate.
#
#   benchmarks/compare-rsyslog.sh [SECONDS] [CONNECTIONS] [SIZE]     (defaults 10 4 200)
#
# loggen sends at most --rate msg/s per connection (its default is 1000); RATE (default
# 10000000) lifts that cap so the receiver is what limits.
#
# Before each measured run the same load is sent for WARMUP seconds (default 10) and waited
# for, and not counted: a daemon that runs for months is measured with its JIT warm, and
# rsyslog gets the same treatment so both see an identical sequence.
#
# Needs: rsyslog, curl, bc, python3 (apt), syslog-ng-core unpacked as .ci/run does (or SOCD_SYSLOG_NG_ROOT), a JDK.
# MVN_FLAGS (e.g. -o) is passed to the build of socd's jar when it is missing. SOCD_JAR runs
# another build of the daemon instead (an older commit's jar, to compare against in one run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}" connections="${2:-4}" size="${3:-200}" rate="${RATE:-10000000}" warmup="${WARMUP:-10}"

ng="${SOCD_SYSLOG_NG_ROOT:-$HOME/.cache/socd-test/syslog-ng}"
[ -x "$ng/usr/bin/loggen" ] || { echo "no loggen at $ng/usr/bin/loggen: run .ci/run's syslog-ng step or set SOCD_SYSLOG_NG_ROOT" >&2; exit 1; }
command -v rsyslogd >/dev/null || { echo "rsyslogd missing: apt-get install rsyslog" >&2; exit 1; }
jar="${SOCD_JAR:-$root/collector/target/socd.jar}"
if [ -z "${SOCD_JAR:-}" ] && [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q ${MVN_FLAGS:-} -Dmaven.test.skip=true -pl collector -am package)
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
wait_port() { for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1; }

# Runs loggen against a port for $3 seconds; prints its "average rate" line to $work/loggen-$2.txt and the count sent.
loggen_run() {
  local port=$1 name=$2 duration=$3
  LD_LIBRARY_PATH="$ng/usr/lib/syslog-ng" SYSLOGNG_PREFIX="$ng/usr" \
    "$ng/usr/bin/loggen" -i -S -s "$size" -r "$rate" --active-connections "$connections" -I "$duration" 127.0.0.1 "$port" \
    >"$work/loggen-$name.txt" 2>&1
  grep -o 'count=[0-9]*' "$work/loggen-$name.txt" | tail -1 | cut -d= -f2
}

# Polls a counter command until it reaches the given count or stops moving for 3 s; prints "count end_time".
settle() {
  local sent=$1; shift
  local last=-1 last_change; last_change="$(now)"
  while :; do
    local c; c="$("$@")"
    if [ "$c" != "$last" ]; then last=$c; last_change="$(now)"; fi
    if [ "$c" -ge "$sent" ] || [ "$(echo "$(now) - $last_change > 3" | bc)" = 1 ]; then
      echo "$c $last_change"; return
    fi
    sleep 0.05
  done
}

# --- socd ---
tcp="$(free_port)" api="$(free_port)"
java ${SOCD_JAVA_OPTS:-} -jar "$jar" --data "$work/socd-data" --syslog-udp-port -1 --syslog-tcp-port "$tcp" \
  --api-port "$api" >"$work/socd.log" 2>&1 &
pids+=($!)
wait_port "$tcp"; wait_port "$api"
socd_decoded() {
  curl -s "http://127.0.0.1:$api/metrics" | awk '/^socd_events_decoded_total/ {s += $NF} END {printf "%d\n", s}'
}
# Warm-up (not counted), then the measured run; prints "sent done rate" of the measured run.
measure() {
  local port=$1 name=$2 counter=$3 base sent done end t0
  if [ "$warmup" -gt 0 ]; then
    sent="$(loggen_run "$port" "$name-warmup" "$warmup")"
    settle "$sent" "$counter" >/dev/null
  fi
  base="$("$counter")"
  t0="$(now)"
  sent="$(loggen_run "$port" "$name" "$seconds")"
  read -r done end < <(settle "$((base + sent))" "$counter")
  echo "$sent $((done - base)) $(echo "($done - $base) / ($end - $t0)" | bc -l)"
}
read -r socd_sent socd_done socd_rate < <(measure "$tcp" socd socd_decoded)
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

# --- rsyslog: imptcp -> omfile ---
rport="$(free_port)"
mkdir -p "$work/rsyslog"
cat >"$work/rsyslog/rsyslog.conf" <<CONF
global(workDirectory="$work/rsyslog")
module(load="imptcp")
input(type="imptcp" address="127.0.0.1" port="$rport" ruleset="bench")
ruleset(name="bench") { action(type="omfile" file="$work/rsyslog/out.log") }
CONF
rsyslogd -n -f "$work/rsyslog/rsyslog.conf" -i "$work/rsyslog/pid" >"$work/rsyslog.log" 2>&1 &
pids+=($!)
wait_port "$rport"
rsyslog_lines() { [ -f "$work/rsyslog/out.log" ] && wc -l <"$work/rsyslog/out.log" || echo 0; }
read -r rs_sent rs_done rs_rate < <(measure "$rport" rsyslog rsyslog_lines)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(java -version 2>&1 | head -1); rsyslog $(rsyslogd -v | head -1 | awk '{print $2}' | tr -d ,)"
echo "load: loggen -i -S -s $size -r $rate --active-connections $connections -I $seconds (after a ${warmup} s warm-up)"
printf 'socd:    sent %s, parsed %s  -> %.0f msg/s  (loggen: %s)\n' "$socd_sent" "$socd_done" "$socd_rate" \
  "$(grep -o 'average rate = [0-9.]* msg/sec' "$work/loggen-socd.txt" | tail -1)"
printf 'rsyslog: sent %s, written %s -> %.0f msg/s  (loggen: %s)\n' "$rs_sent" "$rs_done" "$rs_rate" \
  "$(grep -o 'average rate = [0-9.]* msg/sec' "$work/loggen-rsyslog.txt" | tail -1)"
printf 'ratio socd/rsyslog: %.2f\n' "$(echo "$socd_rate / $rs_rate" | bc -l)"
