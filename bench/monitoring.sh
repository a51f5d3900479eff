#!/usr/bin/env bash
# The quarterly monitoring report against the Rencana Aksi it is built on:
# the bundled example (TW III) and the generated report of 350 sasaran /
# 677 indikator (bench/generate.py) with realisasi for TW I–III, every
# month filled. Figures to stdout.
#
#   bench/monitoring.sh     # needs hyperfine and GNU time
. "$(dirname "$0")/lib.sh"
example=$PWD/content/kubutambahan-2022
big=$work/besar-350
python3 bench/generate.py 350 "$big" 2>/dev/null
for n in 1 2 3; do
  $bin realisasi "$big" --triwulan "$n" 2>/dev/null
done
# Every month of each form filled: 90 % of its target (rounded), and each
# program's pagu spent a fifth per quarter.
python3 - "$big" <<'PY'
import pathlib, re, sys
for f in sorted(pathlib.Path(sys.argv[1], "realisasi").glob("tw*.yaml")):
    out, targets = [], {}
    for line in f.read_text().splitlines():
        m = re.match(r"^    # .*\(target [^;)]*(?:; (.*))?\)$", line)
        if m:
            targets = dict(p.rsplit(" ", 1) for p in (m.group(1) or "").split(", ") if p)
            targets = {k.lower(): float(v.replace(".", "").replace(",", ".")) for k, v in targets.items()}
        m = re.match(r"^      ([a-z]+):$", line)
        if m and m.group(1) in targets:
            line += f" {round(targets[m.group(1)] * 0.9)}"
        m = re.match(r"^  # .*, pagu Rp ([0-9.]+)$", line)
        if m:
            pagu = int(m.group(1).replace(".", ""))
        elif re.match(r"^  [a-z0-9-]+/[a-z0-9-]+:$", line) and out and ", pagu Rp " in out[-1]:
            line += f" {pagu // 5}"
        out.append(line)
    f.write_text("\n".join(out) + "\n")
PY
$bin check "$big" >/dev/null 2>&1 || { $bin check "$big"; exit 1; }

peak() { # peak resident memory in MiB of a command
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'
}

hyperfine -N -w 2 -r 10 \
  -n "contoh: build (Rencana Aksi)" "$bin build $example -o $work/ra.pdf" \
  -n "contoh: build --dokumen monitoring --triwulan 3" "$bin build $example --dokumen monitoring --triwulan 3 -o $work/tw3.pdf" \
  -n "350 sasaran: build (Rencana Aksi)" "$bin build $big -o $work/besar-ra.pdf" \
  -n "350 sasaran: build --dokumen monitoring --triwulan 3" "$bin build $big --dokumen monitoring --triwulan 3 -o $work/besar-tw3.pdf"
for pdf in tw3 besar-tw3; do
  echo "$pdf: $(pdfinfo "$work/$pdf.pdf" | awk '/^Pages:/ {print $2}') halaman, $(( $(stat -c %s "$work/$pdf.pdf") / 1024 )) KiB"
done
echo "peak memory, 350 sasaran monitoring: $(peak $bin build "$big" --dokumen monitoring --triwulan 3 -o "$work/besar-tw3.pdf") MiB"
