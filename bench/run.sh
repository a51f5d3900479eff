#!/usr/bin/env bash
# Measures renaksi against typst-cli compiling the Typst source renaksi emits.
#
#   bench/run.sh            # needs hyperfine, GNU time and typst 0.15.1 in PATH
#   TYPST=/path/to/typst bench/run.sh
#
# Data: the bundled example (63 sasaran / 73 indikator) and a generated report
# of 350 sasaran / 677 indikator (bench/generate.py). Figures go to stdout.
. "$(dirname "$0")/lib.sh"
TYPST=${TYPST:-typst}
python3 bench/generate.py 350 "$work/besar-350" 2>/dev/null

peak() { # peak resident memory in MiB of a command
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'
}

for case in example besar-350; do
  if [ "$case" = example ]; then dir=""; else dir="$work/$case"; fi
  $bin build $dir -o "$work/$case.pdf" --emit-typst "$work/$case.typ" 2>/dev/null
  typst_cmd="$TYPST compile --ignore-system-fonts --font-path fonts $work/$case.typ $work/$case-typst.pdf"
  hyperfine --warmup 2 --runs 10 --export-markdown "$work/$case.md" \
    -n "renaksi build ($case)" "$bin build $dir -o $work/$case.pdf" \
    -n "typst compile ($case)" "$typst_cmd" >/dev/null
  cat "$work/$case.md"
  pages=$(pdfinfo "$work/$case.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  size=$(stat -c %s "$work/$case.pdf")
  echo
  echo "$case: $pages pages, PDF $((size / 1024)) KiB;" \
    "peak memory renaksi $(peak $bin build $dir -o "$work/$case.pdf") MiB," \
    "typst $(peak $typst_cmd) MiB"
  echo
done
