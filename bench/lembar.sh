#!/usr/bin/env bash
# Spreadsheet door: export and import of the generated 350-sasaran report,
# and a round trip (export, then import --lampiran) of the 9 Buleleng
# reports. Figures go to stdout (hyperfine markdown, peak memory).
#
#   bench/lembar.sh         # needs hyperfine and GNU time
. "$(dirname "$0")/lib.sh"
python3 bench/generate.py 350 "$work/besar-350" 2>/dev/null
cp -r content/buleleng-2022 "$work/buleleng"
$bin export "$work/besar-350" -o "$work/besar.xlsx" 2>/dev/null
cp -r "$work/besar-350" "$work/salinan"

peak() { # peak resident memory in MiB of a command
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'
}

cat > "$work/pulang-pergi.sh" <<SH
set -e
$bin export "$work/buleleng" -o "$work/lembar" 2>/dev/null
for k in "$work"/buleleng/*/; do
  n=\$(basename "\$k")
  $bin import "$work/lembar/\$n.xlsx" "\$k" --lampiran 2>/dev/null
done
SH

hyperfine --warmup 2 --runs 10 --export-markdown "$work/lembar.md" \
  -n "export (350 sasaran)" "$bin export $work/besar-350 -o $work/besar.xlsx" \
  -n "import --lampiran (350 sasaran)" "$bin import $work/besar.xlsx $work/salinan --lampiran" \
  -n "pulang-pergi 9 kecamatan Buleleng" "bash $work/pulang-pergi.sh" >/dev/null
cat "$work/lembar.md"
echo
rows=$(python3 -c "import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1], read_only=True)['Data'].max_row)" "$work/besar.xlsx" 2>/dev/null || echo "?")
echo "besar.xlsx: $(( $(stat -c %s "$work/besar.xlsx") / 1024 )) KiB, Data $rows baris;" \
  "peak memory export $(peak $bin export "$work/besar-350" -o "$work/besar.xlsx") MiB," \
  "import $(peak $bin import "$work/besar.xlsx" "$work/salinan" --lampiran) MiB"
