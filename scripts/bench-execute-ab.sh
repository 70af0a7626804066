#!/usr/bin/env bash
# A/B of oclird's execute path between two built trees (make build in each): one TestUpstream, both
# daemons started side by side with their owner keys, both warmed up, then ROUNDS alternating wrk
# runs (A, B, A, B, ...), so a busy spell of a shared machine falls on both. Prints per run
# requests/s, oclird CPU per request (user + system from /proc, which hardly moves when something
# else takes a core) and, with PROFILE=1, the bytes allocated per request (JFR
# ThreadAllocationStatistics at the start and end of the run; stable under load) and a JFR file
# (2 ms execution samples, sampled allocations with their stacks) per run. No nginx: bench-execute's ratio is not the question here.
# ENV_A / ENV_B: VAR=value words put in that daemon's environment (the same tree twice with a switch
# on one side: scripts/bench-tracing.sh); NAME_A / NAME_B label the sides. Ends with each side's
# medians and the median of the rounds' B/A ratios (each round's pair ran back to back).
# usage: scripts/bench-execute-ab.sh TREE_A TREE_B [ROUNDS]   (DUR, WARM, CONNS, PROFILE, ENV_A, ENV_B, NAME_A, NAME_B)
set -euo pipefail
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"; rounds="${3:-3}"
dur="${DUR:-10s}"; warm="${WARM:-30s}"; conns="${CONNS:-32}"
work="$(mktemp -d "${TMPDIR:-/tmp}/bench-ab.XXXXXX")"
bench_name=bench-execute-ab
# shellcheck source=lib/bench-processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench-processes.sh"
cat > "$work/alloc.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">2 ms</setting></event>
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">300/s</setting><setting name="stackTrace">true</setting></event>
</configuration>
JFC
java -cp "$A/fleet-tests/target/classes:$(cat "$A/fleet-tests/target/fleet.classpath")" org.opencli.fleet.upstream.TestUpstream --port 0 > "$work/upstream.log" 2>&1 &
pids+=($!)
upstream=$(wait_for_line "$work/upstream.log" 'http://127.0.0.1:[0-9]*')
declare -A url pid
for side in A B; do
  tree=${!side}; d="$work/$side"; mkdir -p "$d"
  sed "s#\"baseURL\": \"[^\"]*\"#\"baseURL\": \"$upstream/api\"#" "$tree/fleet-tests/fixtures/upstream/bench.cli.json" > "$d/.cli.json"
  cp "$tree/fleet-tests/fixtures/upstream/upstream.openapi.yaml" "$d/"
  side_env="ENV_$side"
  # shellcheck disable=SC2086 # the words of ENV_A/ENV_B are meant to split
  env ${!side_env:-} OCLIRD_JAVA_OPTS="-XX:FlightRecorderOptions:stackdepth=256 ${OCLIRD_JAVA_OPTS:-}" "$tree/bin/oclird" --config "$d/.cli.json" \
    --state-dir "$d/state" --instance-id bench > "$d/oclird.log" 2>&1 &
  pids+=($!); pid[$side]=$!
  url[$side]=$(wait_for_line "$d/oclird.log" 'http://127.0.0.1:[0-9]*')
  key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["clientKey"])' "$d/state/instances/bench/runtime.json")
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\nwrk.body = %s\n' \
    "$key" "'{\"toolId\":\"upstream:listTickets\"}'" > "$d/post.lua"
  curl -sf -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $key" -d '{"toolId":"upstream:listTickets"}' \
    "${url[$side]}/v1/tools/execute" > /dev/null
done
for side in A B; do wrk -t2 -c"$conns" -d"$warm" -s "$work/$side/post.lua" "${url[$side]}/v1/tools/execute" > /dev/null; done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
name_a="${NAME_A:-A}"; name_b="${NAME_B:-B}"
echo "A = $name_a: $A ${ENV_A:-}; B = $name_b: $B ${ENV_B:-}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for side in A B; do
    p=${pid[$side]}; out="$work/$side/wrk-$r.txt"
    [ "${PROFILE:-0}" = 1 ] && jcmd "$p" JFR.start name=ab settings="$work/alloc.jfc" > /dev/null
    t0=$(ticks "$p")
    wrk -t2 -c"$conns" -d"$dur" -s "$work/$side/post.lua" "${url[$side]}/v1/tools/execute" > "$out"
    t1=$(ticks "$p")
    [ "${PROFILE:-0}" = 1 ] && jcmd "$p" JFR.stop name=ab filename="$work/$side/run-$r.jfr" > /dev/null
    python3 - "$out" "$t0" "$t1" "$(getconf CLK_TCK)" "$side" "$r" "$(cut -d' ' -f1 /proc/loadavg)" "${PROFILE:-0}" "$work/$side/run-$r.jfr" "$work/results.tsv" <<'PY'
import collections, json, re, subprocess, sys
out, t0, t1, tck, side, r, load, profile, jfr, results = sys.argv[1:]
text = open(out).read()
n = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
cpu = (int(t1) - int(t0)) * 1e6 / int(tck) / n
line = f"round {r} {side}: {rps:8.0f} req/s  {cpu:6.1f} us CPU/request"
allocated = 0.0
if profile == "1":
    events = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics", jfr],
                                       capture_output=True, text=True).stdout)["recording"]["events"]
    per = collections.defaultdict(list)
    for e in events: per[e["values"]["thread"]["javaName"] if e["values"].get("thread") else "?"].append(e["values"]["allocated"])
    allocated = sum(max(v) - min(v) for v in per.values()) / n
    line += f"  {allocated:7.0f} bytes allocated/request"
print(line + f"  (load {load}{', ' + errors.group(1) + ' non-2xx: not valid' if errors else ''})")
with open(results, "a") as f: f.write(f"{side}\t{r}\t{rps}\t{cpu}\t{allocated}\t{1 if errors else 0}\n")
PY
  done
done
python3 - "$work/results.tsv" "$name_a" "$name_b" "${PROFILE:-0}" <<'PY'
import collections, statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
name = {"A": sys.argv[2], "B": sys.argv[3]}
runs = collections.defaultdict(dict)
for side, r, rps, cpu, alloc, bad in rows: runs[int(r)][side] = (float(rps), float(cpu), float(alloc), bad == "1")
width = max(len(n) for n in name.values())
def med(side, i): return statistics.median(v[side][i] for v in runs.values())
print(f"summary over {len(runs)} alternating rounds (medians):")
for side in "AB":
    line = f"  {name[side]:{width}}  {med(side, 0):8.0f} req/s  {med(side, 1):6.1f} us CPU/request"
    if sys.argv[4] == "1": line += f"  {med(side, 2):7.0f} bytes allocated/request"
    print(line)
def ratio(i): return statistics.median(v["A"][i] / v["B"][i] for v in runs.values())
line = f"  {name['A']} / {name['B']}, median of the rounds' ratios: req/s {ratio(0):.3f}, CPU/request {ratio(1):.3f}"
if sys.argv[4] == "1": line += f", bytes allocated/request {ratio(2):.3f}"
print(line)
if any(v[s][3] for v in runs.values() for s in "AB"): print("  some runs had non-2xx responses: not valid", file=sys.stderr); sys.exit(1)
PY
echo "runs and JFR files: $work"
