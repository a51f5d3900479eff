#!/usr/bin/env bash
# The Laporan Kinerja against the Rencana Aksi of the same folder: the
# bundled example (Renstra 2021–2026, two earlier years typed in
# kinerja-lalu.yaml and the year's TW IV realisasi: three years of data),
# and the same with its earlier year read from a report folder beside it.
# Figures to stdout.
#
#   bench/lkjip.sh     # needs hyperfine
. "$(dirname "$0")/lib.sh"
cp -r content/kubutambahan-2022 "$work/kubutambahan-2022"
example=$work/kubutambahan-2022
# Last year as a report folder of its own, read by the LKjIP.
cp -r "$example" "$work/kubutambahan-2021"
sed -i 's/^tahun: 2022$/tahun: 2021/' "$work/kubutambahan-2021/laporan.yaml"
folder=$work/dari-folder/kubutambahan-2022
mkdir -p "$work/dari-folder"
cp -r "$example" "$folder"
cp -r "$work/kubutambahan-2021" "$work/dari-folder/kubutambahan-2021"
python3 - "$folder/kinerja-lalu.yaml" <<'PY'
import sys
p = sys.argv[1]
t = open(p).read()
at = t.index("  2021:\n")
open(p, "w").write(t[:at] + "  2021:\n    folder: ../kubutambahan-2021\n")
PY
$bin build "$folder" --dokumen lkjip -o "$work/x.pdf" 2>/dev/null

hyperfine -N -w 2 -r 15 \
  -n "contoh: build (Rencana Aksi)" "$bin build $example -o $work/ra.pdf" \
  -n "contoh: build --dokumen lkjip" "$bin build $example --dokumen lkjip -o $work/lkjip.pdf" \
  -n "contoh: build --dokumen lkjip, 2021 dari foldernya" "$bin build $folder --dokumen lkjip -o $work/lkjip2.pdf"
for pdf in ra lkjip; do
  echo "$pdf: $(pdfinfo "$work/$pdf.pdf" | awk '/^Pages:/ {print $2}') halaman, $(( $(stat -c %s "$work/$pdf.pdf") / 1024 )) KiB"
done
