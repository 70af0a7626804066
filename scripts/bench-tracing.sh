#!/usr/bin/env bash
# make bench-tracing: what tracing costs the execute path. One built tree, two daemons side by side
# against one test upstream: tracing ON as shipped (the OpenTelemetry SDK runs, every execution makes
# its spans and sends traceparent upstream; no OTLP endpoint set, so spans end in the no-op
# service.observe.SpansKeptLocal) and tracing OFF (OTEL_SDK_DISABLED=true, the switch users have).
# Alternating wrk runs (on, off, on, off, ...), each round's pair back to back, so a busy spell of a
# shared machine falls on both; prints each run and the median of the rounds' on/off ratios of
# requests/s and CPU per request (PROFILE=1 adds bytes allocated per request and JFR files).
# Target: on/off CPU per request <= 1.05 and requests/s >= 0.95 (docs/operations.md#what-tracing-costs).
# usage: scripts/bench-tracing.sh [ROUNDS]   (DUR, WARM, CONNS, PROFILE as scripts/bench-execute-ab.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-${BENCH_ROUNDS:-5}}"
NAME_A="tracing on" NAME_B="tracing off" ENV_A="" ENV_B="OTEL_SDK_DISABLED=true" \
  exec "$root/scripts/bench-execute-ab.sh" "$root" "$root" "$rounds"
