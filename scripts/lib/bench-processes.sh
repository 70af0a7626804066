# Sourced by the bench scripts: the processes a bench starts, ended with it, and waiting on a log line.
# The caller sets bench_name (for messages) and appends every background pid to pids.
pids=()
bench_cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap bench_cleanup EXIT

wait_for_line() { # file pattern -> first match, within 60 s
  for _ in $(seq 600); do
    line=$(grep -m1 -o "$2" "$1" 2>/dev/null || true)
    [ -n "$line" ] && { echo "$line"; return 0; }
    sleep 0.1 # polling a log file for a condition, bounded by the loop
  done
  echo "${bench_name:-bench}: timed out waiting for '$2' in $1" >&2; return 1
}
