#!/usr/bin/env bash
# Builds the bench jar and runs the end-to-end benchmarks, printing markdown (also saved to
# bench/target/results.md). Usage: bench/run.sh [p1] [p2] [p3] [p4] [p5] [p5b] [crash]
# (default: p1 p2 p3)
# Environment: P1_ARGS="warmup samples" (30 200), P2_RUNS (7), P3_ARGS="rounds jobs" (3 1000),
# P4_ARGS="seconds warmupSeconds connections wrkThreads rounds" (20 10 64 1 3), P4_SERVER_OPTS (JVM
# options of both P4 servers; default bin/kubeherd's), P4_TMP (where P4's store goes; default /tmp),
# P4_SERVERS (hello,gateway; hello,floor,gateway adds the durable floor server),
# P5_ARGS="burst steady" (1000 200), P5B_ARGS="podSamples poolSamples" (5 20),
# P3_PROFILE=1 adds store-call timings to P3, BENCH_JAVA_OPTS sets JVM options for P1 and P3
# (default: bin/brig's "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; set it empty for JVM defaults; e.g.
# "-Dkubeherd.bench.whatIf=memoJobs -Dkubeherd.bench.tmp=/dev/shm -Dkubeherd.bench.maxJobs=4").
# Needs bash, /usr/bin/time (Debian `time`) and node; P4 needs wrk (Debian `wrk`, installed here with
# apt-get when run as root). `crash` runs GatewayCrashIT (kill -9 of the gateway mid-burst) via Maven.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
if [ $# -eq 0 ]; then set -- p1 p2 p3; fi
if [ ! -x /usr/bin/time ]; then
  echo "P2 needs /usr/bin/time: apt-get install -y time" >&2
  exit 1
fi

modules=bench
for b in "$@"; do
  if [ "$b" = p4 ]; then modules=cli,bench; fi
done
if [[ " $* " == *" p4 "* ]] && ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq wrk >/dev/null; }
  else
    echo "P4 needs wrk: sudo apt-get install -y wrk" >&2
    exit 1
  fi
fi
bin/build -q -pl "$modules" -am package -DskipTests
java="$("$root/bin/find-java")/bin/java"
jar="$root/bench/target/kubeherd-bench.jar"
jvm=(--enable-native-access=ALL-UNNAMED)
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n "s/^ *java.specification.version = //p")
if [ "${major%%.*}" -ge 23 ]; then jvm+=(--sun-misc-unsafe-memory-access=allow); fi
# Default for P1/P3: the JVM flags bin/kubeherd and bin/brig run builds with (C1 only, serial GC);
# without them C2 spends a core compiling Truffle's interpreter during the whole P3 run.
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
read -r -a extra <<<"${BENCH_JAVA_OPTS}"
out="$root/bench/target/results.md"
# P5/P5b run the fabric8 mock API server in-process: keep its per-request log lines out of the table
mocklog="-Djava.util.logging.config.file=$root/test-support/src/main/resources/dev/kubeherd/testsupport/quiet-mock-server.properties -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"

# The machines are shared and noisy: before each benchmark wait (at most QUIET_WAIT s, default 600)
# until the CPUs were >= QUIET_IDLE % idle (default 85) over 3 s, and report what was seen.
idle_pct() {
  local a b
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ </proc/stat
  sleep 3
  read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ </proc/stat
  a=$(( (u2+n2+s2+i2+w2+q2+sq2+st2) - (u1+n1+s1+i1+w1+q1+sq1+st1) ))
  b=$(( (i2+w2) - (i1+w1) ))
  echo $(( 100 * b / (a > 0 ? a : 1) ))
}
wait_quiet() {
  local deadline=$(( SECONDS + ${QUIET_WAIT:-600} )) idle
  while :; do
    idle=$(idle_pct)
    if [ "$idle" -ge "${QUIET_IDLE:-85}" ] || [ $SECONDS -ge $deadline ]; then break; fi
  done
  echo "- before $1: CPUs ${idle} % idle over 3 s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

{
  echo "## kubeherd benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
    "$(free -h | awk '/^Mem:/ {print $2}') RAM; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JDK: $("$java" -version 2>&1 | sed -n 2p); Node.js $(node --version); $(bash --version | head -1)"
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (+ local changes)')"
  echo "- extra JVM options for P1/P3: ${BENCH_JAVA_OPTS:-none}"
  for b in "$@"; do
    wait_quiet "$b"
    case "$b" in
      p1) "$java" "${jvm[@]}" "${extra[@]}" -cp "$jar" dev.kubeherd.bench.WarmFirstJob ${P1_ARGS:-30 200} ;;
      p2)
        best=()
        if [ -f "$here/jvm-flags/p2-best.txt" ]; then best=("$here/jvm-flags/p2-best.txt"); fi
        "$java" "${jvm[@]}" -cp "$jar" dev.kubeherd.bench.ColdStartBench "${P2_RUNS:-7}" "${best[@]}"
        ;;
      p3)
        prof=()
        if [ "${P3_PROFILE:-0}" = 1 ]; then prof=(--profile); fi
        "$java" "${jvm[@]}" "${extra[@]}" -cp "$jar" dev.kubeherd.bench.GroupThroughput ${P3_ARGS:-3 1000} "${prof[@]}"
        ;;
      p5)
        "$java" "${jvm[@]}" "${extra[@]}" $mocklog -cp "$jar" dev.kubeherd.bench.ControllerDispatch ${P5_ARGS:-1000 200}
        ;;
      p5b)
        "$java" "${jvm[@]}" "${extra[@]}" -Xmx1g $mocklog -cp "$jar" dev.kubeherd.bench.PoolVsPod ${P5B_ARGS:-5 20}
        ;;
      p4)
        # both servers (gateway and hello world) get the same JVM options: by default the ones
        # bin/kubeherd gives its servers (`kubeherd gateway`, `serve`, `controller`)
        p4opts=${P4_SERVER_OPTS--XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xss4m -Xmx768m --enable-native-access=ALL-UNNAMED}
        if [ "${major%%.*}" -ge 23 ]; then p4opts+=" --sun-misc-unsafe-memory-access=allow"; fi
        "$java" "${jvm[@]}" -Dkubeherd.bench.kubeherdJar="$root/cli/target/kubeherd.jar" \
          -Dkubeherd.bench.helloClasspath="$root/bench/target/classes" \
          -Dkubeherd.bench.serverOpts="$p4opts" -Dkubeherd.bench.tmp="${P4_TMP:-/tmp}" \
          -Dkubeherd.bench.servers="${P4_SERVERS:-hello,gateway}" \
          -cp "$jar" dev.kubeherd.bench.GatewayThroughput ${P4_ARGS:-20 10 64 1 3}
        ;;
      crash)
        echo
        echo "## Gateway crash: kill -9 mid-burst (GatewayCrashIT)"
        echo
        log="$root/bench/target/crash.log"
        bin/build -q verify -pl cli -am -Dit.test=GatewayCrashIT -Dtest=none \
          -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1 || true
        if grep -q "Tests run: 1, Failures: 0, Errors: 0" "$root/cli/target/failsafe-reports/dev.kubeherd.cli.GatewayCrashIT.txt" 2>/dev/null; then
          echo "- **passed**: $(grep -o 'kill -9 after.*' "$log" | tail -1)"
        else
          echo "- **FAILED**, see $log"
        fi
        ;;
      *) echo "unknown benchmark $b (p1, p2, p3, p4, p5, p5b, crash)" >&2; exit 2 ;;
    esac
    echo "- load average after $b: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
} | tee "$out"
