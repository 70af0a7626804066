#!/usr/bin/env bash
# make bench-execute: wrk drives POST /v1/tools/execute on oclird for a GET tool and, in the same
# run, nginx reverse-proxying the same upstream, in alternating pairs of runs (BENCH_PAIRS, default 3);
# prints requests/s and p50/p99 of every run, each pair's ratio and the median of the pairs.
# Target: oclird >= 50% of nginx's throughput, p99 <= 2x nginx's, audit on.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-30s}"
connections="${BENCH_CONNECTIONS:-32}"
pairs="${BENCH_PAIRS:-3}"
tool="${BENCH_TOOL:-upstream:listTickets}"
for bin in wrk nginx; do
  command -v "$bin" >/dev/null || { echo "bench-execute: '$bin' is missing (apt-get install wrk nginx-light)" >&2; exit 2; }
done
work="$root/target/bench/execute"
rm -rf "$work" && mkdir -p "$work"
bench_name=bench-execute
# shellcheck source=lib/bench-processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench-processes.sh"

cp_file="$root/fleet-tests/target/fleet.classpath"
java -cp "$root/fleet-tests/target/classes:$(cat "$cp_file")" org.opencli.fleet.upstream.TestUpstream --port 0 > "$work/upstream.log" 2>&1 &
pids+=($!)
upstream=$(wait_for_line "$work/upstream.log" 'http://127.0.0.1:[0-9]*')

sed "s#\"baseURL\": \"[^\"]*\"#\"baseURL\": \"$upstream/api\"#" "$root/fleet-tests/fixtures/upstream/bench.cli.json" > "$work/.cli.json"
cp "$root/fleet-tests/fixtures/upstream/upstream.openapi.yaml" "$work/"
"$root/bin/oclird" --config "$work/.cli.json" --state-dir "$work/state" --instance-id bench > "$work/oclird.log" 2>&1 &
pids+=($!)
oclird_pid=$!
runtime=$(wait_for_line "$work/oclird.log" 'http://127.0.0.1:[0-9]*')
# The daemon serves only its owner: calls carry the clientKey from its owner-only runtime.json.
key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["clientKey"])' "$work/state/instances/bench/runtime.json")

cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"toolId":"$tool"}'
LUA
for _ in 1 2 3; do curl -sf -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $key" -d "{\"toolId\":\"$tool\"}" "$runtime/v1/tools/execute" > "$work/sample.json"; done

nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream api { server ${upstream#http://}; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
curl -sf --retry 30 --retry-connrefused --retry-max-time 20 -o /dev/null "http://127.0.0.1:$nginx_port/api/tickets"

# Steady state for both: a JVM compiles its hot paths in the first seconds under load, nginx has
# nothing to warm; the warm-up runs are discarded.
wrk -t2 -c"$connections" -d"$warmup" -s "$work/post.lua" "$runtime/v1/tools/execute" > "$work/wrk-oclird-warmup.txt"
wrk -t2 -c"$connections" -d"$warmup" "http://127.0.0.1:$nginx_port/api/tickets" > "$work/wrk-nginx-warmup.txt"
# Measured runs alternate (oclird, nginx) pairs, so a slow or fast spell of this shared machine falls
# on both sides of a ratio instead of on one of them; each pair gives a ratio, the median pair is the result.
# CPU time oclird spends per request (user + system, from /proc): unlike requests/s it hardly moves
# when something else on the machine takes a core, so a before/after comparison can rest on it.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$oclird_pid/stat"; }
for i in $(seq "$pairs"); do
  before_ticks=$(cpu_ticks)
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$runtime/v1/tools/execute" > "$work/wrk-oclird-$i.txt"
  echo $(( $(cpu_ticks) - before_ticks )) > "$work/cpu-oclird-$i.txt"
  wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$nginx_port/api/tickets" > "$work/wrk-nginx-$i.txt"
done

python3 - "$work" "$pairs" "$work/state/instances/bench/audit.log" "$(getconf CLK_TCK)" <<'PY'
import re, statistics, sys
def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(label):
        m = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", text)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    return rps, ms("50"), ms("99"), int(errors.group(1)) if errors else 0, requests
work, pairs = sys.argv[1], int(sys.argv[2])
runs = [(parse(f"{work}/wrk-oclird-{i}.txt"), parse(f"{work}/wrk-nginx-{i}.txt")) for i in range(1, pairs + 1)]
import glob, gzip
# the live file and its rotated siblings (audit.log.<first>-<last>[.gz]): rotation at 64 MiB happens within a run
audit = sum(sum(1 for _ in (gzip.open(f, "rt") if f.endswith(".gz") else open(f))) for f in glob.glob(sys.argv[3] + "*"))
print(f"bench-execute (audit on: {audit} audit records written; {pairs} alternating pairs of runs)")
tick_us = 1e6 / int(sys.argv[4])
cpu = [int(open(f"{work}/cpu-oclird-{i}.txt").read()) * tick_us / o[4] for i, (o, n) in enumerate(runs, 1)]
print(f"  {'pair':5} {'':8} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}   throughput ratio   oclird CPU/request")
for i, (o, n) in enumerate(runs, 1):
    print(f"  {i:<5} {'oclird':8} {o[0]:10.0f} {o[1]:8.2f} {o[2]:8.2f} {o[3]:8d}   {o[0]/n[0]:.2f}               {cpu[i-1]:.0f} us")
    print(f"  {'':5} {'nginx':8} {n[0]:10.0f} {n[1]:8.2f} {n[2]:8.2f} {n[3]:8d}")
ratio = statistics.median(o[0] / n[0] for o, n in runs)
p99 = statistics.median(o[2] / n[2] for o, n in runs)
errors = sum(o[3] + n[3] for o, n in runs)
print(f"  throughput ratio oclird/nginx (median of pairs): {ratio:.2f} (target >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")
print(f"  p99 ratio oclird/nginx (median of pairs):        {p99:.2f} (target <= 2.00: {'met' if p99 <= 2 else 'NOT met'})")
print(f"  oclird CPU per request (median of runs):         {statistics.median(cpu):.0f} us (user + system; reported, no target)")
if errors:
    print(f"  {errors} non-2xx responses: the figures above are not valid", file=sys.stderr)
    sys.exit(1)
PY
