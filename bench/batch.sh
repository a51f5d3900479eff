#!/usr/bin/env bash
# Measures `renaksi batch`: the nine Buleleng reports with -j 1 and -j 2
# against nine separate `renaksi build` runs, then 1,000 generated reports
# (bench/generate_batch.py) for wall time and peak memory.
#
#   bench/batch.sh          # needs hyperfine and GNU time; figures to stdout
. "$(dirname "$0")/lib.sh"
batch=content/buleleng-2022

separate="for d in $batch/*/; do $bin build \$d -o $work/sendiri/ 2>/dev/null; done"
hyperfine --warmup 1 --runs 5 --export-markdown "$work/sembilan.md" \
  -n "9 × renaksi build" "$separate" \
  -n "renaksi batch -j 1" "$bin batch $batch -o $work/j1 -j 1 2>/dev/null" \
  -n "renaksi batch -j 2" "$bin batch $batch -o $work/j2 -j 2 2>/dev/null" >/dev/null
cat "$work/sembilan.md"
echo

peak() { # wall seconds and peak resident MiB of a command
  /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%s s, %.0f MiB", $1, $2 / 1024}'
}
echo "batch 9 laporan -j 2: $(peak "$bin" batch $batch -o "$work/p9" -j 2)"
python3 bench/generate_batch.py 1000 "$work/seribu" 2>/dev/null
echo "batch 1000 laporan -j 2: $(peak "$bin" batch "$work/seribu" -o "$work/p1000" -j 2)"
