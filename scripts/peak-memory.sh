#!/usr/bin/env bash
# peak-memory.sh COMMAND [ARGS...]: runs COMMAND and prints its peak anonymous memory (RssAnon: what
# the program allocated) and peak file-backed memory (RssFile: pages of memory-mapped files, which
# the kernel can reclaim), sampled from /proc/PID/status every 0.2 s. Exits with COMMAND's status.
# Example (issue 12's 7B check):
#   scripts/peak-memory.sh build/app/quantscope-cli compare demo-7B-F16.gguf --types Q4_K_M --eval --sample 32
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: peak-memory.sh COMMAND [ARGS...]" >&2; exit 2; }
"$@" &
pid=$!
peakAnon=0 peakFile=0
while kill -0 "$pid" 2>/dev/null; do
  read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null || echo "0 0")
  [ "${a:-0}" -gt "$peakAnon" ] && peakAnon=$a
  [ "${f:-0}" -gt "$peakFile" ] && peakFile=$f
  sleep 0.2
done
wait "$pid"
rc=$?
echo "peak-memory: rc $rc, peak RssAnon $((peakAnon / 1024)) MiB, peak RssFile $((peakFile / 1024)) MiB" >&2
exit $rc
