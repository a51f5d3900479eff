#!/usr/bin/env bash
# What the Matriks Perubahan adds to a Perubahan's build: the same report
# built without a previous version and with one (a git revision, or a
# folder beside it), for the bundled example (seven changes, as
# tests/testsuite/perubahan.rs makes them) and the generated report of
# 350 sasaran (bench/generate.py) with every tenth target raised. Figures
# to stdout.
#
#   bench/perubahan.sh             # needs hyperfine and git
#   CALLGRIND=1 bench/perubahan.sh # instructions instead (valgrind): wall
#                                  # time on a shared machine wavers
. "$(dirname "$0")/lib.sh"
g() { git -C "$1" -c user.name=bench -c user.email=bench@example.invalid "${@:2}"; }

# The example: murni committed and tagged, then changed.
ex=$work/contoh/kubutambahan-2022
mkdir -p "$work/contoh"
cp -r content/kubutambahan-2022 "$ex"
rm -rf "$ex/realisasi"
g "$ex" init -q && g "$ex" add . && g "$ex" commit -qm murni && g "$ex" tag murni
cp -r "$ex" "$work/contoh/murni" && rm -rf "$work/contoh/murni/.git"
python3 - "$ex" <<'PY'
import pathlib, sys
d = pathlib.Path(sys.argv[1], "lampiran")
p = d / "1-program.yaml"
t = p.read_text()
t = t.replace("            target: 85\n            bulan:\n              juni: 40\n",
              "            target: 87\n            bulan:\n              juni: 45\n            alasan: Target dinaikkan\n", 1)
t = t.replace("anggaran: 150000000", "anggaran: 135000000", 1)
p.write_text(t)
k = d / "2-kegiatan.yaml"
t = k.read_text()
t = t.replace("  - jabatan: Sekretaris Kecamatan\n", "  - jabatan: Sekretaris Kecamatan\n    alasan: Penyesuaian DPA Perubahan\n", 1)
t = t.replace("          - uraian: Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah\n            anggaran: 41000000\n", "", 1)
t = t.replace("uraian: Meningkatnya Kapasitas Sumber Daya Aparatur", "uraian: Meningkatnya Kapasitas dan Kompetensi Sumber Daya Aparatur", 1)
t = t.replace("            target: 10\n            bulan:\n              januari: 10\n", "            target: 12\n            bulan:\n              januari: 12\n", 1)
k.write_text(t)
PY

# 350 sasaran: murni beside it, every tenth annual target raised by one.
big=$work/besar/besar-350
python3 bench/generate.py 350 "$big" 2>/dev/null
sed -i 's/^perubahan: false/perubahan: true/' "$big/laporan.yaml"
grep -q '^perubahan: true' "$big/laporan.yaml" || sed -i 's/^tahun: \(.*\)$/tahun: \1\nperubahan: true/' "$big/laporan.yaml"
cp -r "$big" "$work/besar/murni"
python3 - "$big" <<'PY'
import pathlib, re, sys
n = 0
for f in sorted(pathlib.Path(sys.argv[1], "lampiran").glob("*.yaml")):
    out = []
    for line in f.read_text().splitlines():
        m = re.match(r"^(            target: )(\d+)$", line)
        if m:
            n += 1
            if n % 10 == 0:
                line = f"{m.group(1)}{int(m.group(2)) + 1}"
        out.append(line)
    f.write_text("\n".join(out) + "\n")
PY
changes=$($bin diff "$work/besar/murni" "$big" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["jumlah"])' || true)
echo "350 sasaran: $changes perubahan"

if [ "${CALLGRIND:-}" = 1 ]; then
  ir() { # instructions of one build, all threads
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" "$@" >/dev/null 2>&1
    callgrind_annotate "$work"/cg.* 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); s += $1} END {printf "%d\n", s}'
    rm -f "$work"/cg.*
  }
  for run in "contoh: tanpa versi sebelumnya|$bin build $ex -o $work/a.pdf" \
             "contoh: --sebelumnya-git murni|$bin build $ex -o $work/b.pdf --sebelumnya-git murni" \
             "350 sasaran: tanpa versi sebelumnya|$bin build $big -o $work/d.pdf" \
             "350 sasaran: --sebelumnya FOLDER|$bin build $big -o $work/e.pdf --sebelumnya $work/besar/murni"; do
    # shellcheck disable=SC2086
    echo "${run%%|*}: $(ir ${run#*|}) instruksi"
  done
  exit 0
fi

hyperfine -N -w 2 -r 15 \
  -n "contoh: tanpa versi sebelumnya" "$bin build $ex -o $work/a.pdf" \
  -n "contoh: --sebelumnya-git murni" "$bin build $ex -o $work/b.pdf --sebelumnya-git murni" \
  -n "contoh: --sebelumnya FOLDER" "$bin build $ex -o $work/c.pdf --sebelumnya $work/contoh/murni" \
  -n "350 sasaran: tanpa versi sebelumnya" "$bin build $big -o $work/d.pdf" \
  -n "350 sasaran: --sebelumnya FOLDER" "$bin build $big -o $work/e.pdf --sebelumnya $work/besar/murni"
for pdf in a b d e; do
  echo "$pdf: $(pdfinfo "$work/$pdf.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') halaman"
done
