#!/usr/bin/env bash
# Times `renaksi check` on hostile and broken input: each case must end with
# a clear message naming the file, well under 2 seconds, without a panic.
# A fourth field, when present, is written as the report's logo.png.
#
#   bench/hostile.sh        # prints a Markdown table (docs/check.md)
. "$(dirname "$0")/lib.sh"
base=tests/testsuite/build/minimal

# A real decompression bomb: a 389 KB PNG of 20.000 × 20.000 grey pixels
# (400 MB once decoded).
python3 - "$work/bom.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
z = zlib.compressobj(9)
idat = b''.join(z.compress(bytes(20001)) for _ in range(20000)) + z.flush()
head = struct.pack('>IIBBBBB', 20000, 20000, 8, 0, 0, 0, 0)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', head) + chunk(b'IDAT', idat) + chunk(b'IEND', b''))
PY

# case name, file to replace, Python expression for its bytes
cases=(
  "berkas kosong|lampiran/1-program.yaml|b''"
  "bukan UTF-8|narasi.yaml|b'kata_pengantar: caf\\xe9\\n'"
  "50 MB|lampiran/4-kinerja.yaml|(b'tingkat: kinerja\\npejabat:\\n  - jabatan: A\\n    sasaran:\\n      - uraian: S\\n        indikator:\\n' + b'          - uraian: I\\n            satuan: N\\n            target: 1\\n' * 800000)"
  "5.000 tingkat bersarang|narasi.yaml|b'kata_pengantar: ' + b'[' * 5000 + b']' * 5000 + b'\\n'"
  "alias bomb|narasi.yaml|b'a0: &a0 [x, x, x, x, x, x, x, x, x]\\n' + b''.join(b'a%d: &a%d [%s]\\n' % (i, i, b', '.join([b'*a%d' % (i - 1)] * 9)) for i in range(1, 12)) + b'kata_pengantar: *a11\\n'"
  "tab untuk indentasi|laporan.yaml|open('$base/laporan.yaml', 'rb').read().replace(b'  tempat', b'\\ttempat')"
  "nilai 100.000 karakter|narasi.yaml|b'kata_pengantar: ' + b'kata ' * 20000 + b'\\nbab:\\n  - judul: J\\n    isi: I\\n'"
  "5.000 galat dalam satu berkas|lampiran/4-kinerja.yaml|b'tingkat: kinerja\\npejabat:\\n  - jabatan: A\\n    sasaran:\\n      - uraian: S\\n        indikator:\\n' + b'          - uraian: I\\n            satuan: N\\n            target: x\\n' * 5000"
  "4 MB, 5.000 galat di akhir|lampiran/4-kinerja.yaml|b'tingkat: kinerja\\npejabat:\\n  - jabatan: A\\n    sasaran:\\n      - uraian: S\\n        indikator:\\n' + b'          - uraian: I\\n            satuan: N\\n            target: 1\\n' * 55000 + b'          - uraian: I\\n            satuan: N\\n            target: x\\n' * 5000"
  "logo di luar folder|laporan.yaml|open('$base/laporan.yaml', 'rb').read() + b'logo: ../rahasia.png\\n'"
  "logo bukan gambar|laporan.yaml|open('$base/laporan.yaml', 'rb').read() + b'logo: narasi.yaml\\n'"
  "tanggal tahun 10000|laporan.yaml|open('$base/laporan.yaml', 'rb').read().replace(b'2024-02-05', b'10000-02-05')"
  "tahun 99999|laporan.yaml|open('$base/laporan.yaml', 'rb').read().replace(b'tahun: 2024', b'tahun: 99999')"
  "narasi: perkalian teks|narasi.yaml|open('$base/narasi.yaml', 'rb').read().replace(b'Paragraf pertama', b'{{ \"x\" * 100000000 }}')"
  "narasi: perulangan bersarang|narasi.yaml|open('$base/narasi.yaml', 'rb').read().replace(b'Paragraf pertama', b'{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}')"
  "PNG 20.000 × 20.000 piksel, 389 KB|laporan.yaml|open('$base/laporan.yaml', 'rb').read() + b'logo: logo.png\\n'|open('$work/bom.png', 'rb').read()"
  "SVG menautkan berkas lain|laporan.yaml|open('$base/laporan.yaml', 'rb').read() + b'logo: logo.png\\n'|b'<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><image href=\"../rahasia.png\" width=\"10\" height=\"10\"/></svg>'"
  "emoji di sel tabel|lampiran/4-kinerja.yaml|open('$base/lampiran/4-kinerja.yaml', 'rb').read().replace(b'Tersedianya Dokumen Gaji', 'Tersedianya Dokumen Gaji 📄'.encode())"
)

echo "| masukan | waktu | memori puncak | pesan pertama |"
echo "|---|---|---|---|"
for case in "${cases[@]}"; do
  IFS='|' read -r name file expr logo <<<"$case"
  dir="$work/laporan"
  rm -rf "$dir" && cp -r "$base" "$dir"
  python3 -c "import sys; open(sys.argv[1], 'wb').write($expr)" "$dir/$file"
  if [ -n "$logo" ]; then
    python3 -c "import sys; open(sys.argv[1], 'wb').write($logo)" "$dir/logo.png"
  fi
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/mem" "$bin" check "$dir" 2>"$work/err" >/dev/null || true
  end=$(date +%s.%N)
  if grep -q panicked "$work/err"; then echo "PANIC in $name" >&2; exit 1; fi
  first=$(grep -m1 -E '^(galat|peringatan): ' "$work/err" | sed "s|$dir/||" | cut -c1-110)
  printf '| %s | %.2f s | %d MiB | %s |\n' "$name" "$(echo "$end - $start" | bc)" \
    "$(( $(tail -1 "$work/mem") / 1024 ))" "$first"
done

# The other doors: a command of renaksi on an input prepared by a shell
# line ($d is a fresh copy of the report, $w the work folder, $bin
# renaksi). Each must end with a clear message within 2 s and 300 MiB.
#   case name | preparation | renaksi's arguments
"$bin" build "$base" --final -o "$work/asli.pdf" >/dev/null 2>&1
pintu=(
  "FIFO sebagai laporan.yaml|rm \$d/laporan.yaml && mkfifo \$d/laporan.yaml|check \$d"
  "pegawai.yaml: 1.000 atasan berputar|python3 -c \"print('pegawai:'); [print(f'  - jabatan: P{i}\\\\n    nama: O{i}\\\\n    atasan: P{(i+1)%1000}') for i in range(1000)]\" > \$d/pegawai.yaml|check \$d"
  "target 1e308|sed -i '0,/target: 100/s//target: 1e308/' \$d/lampiran/1-program.yaml|check \$d"
  "narasi: daftar 40 tingkat|python3 -c \"import sys; t=open(sys.argv[1]).read(); open(sys.argv[1],'w').write(t.replace('          Paragraf pertama tentang Kabupaten {{ kabupaten }}.\\\\n', ''.join(' '*10+'  '*i+f'- t{i}\\\\n' for i in range(40))))\" \$d/narasi.yaml|check \$d"
  "PDF: pembaruan bertahap mengganti halaman 1|python3 bench/palsu.py \$w/asli.pdf \$w/palsu.pdf|verify \$w/palsu.pdf \$base"
  "PDF: ekor 200 MB|cp \$w/asli.pdf \$w/ekor.pdf && head -c 200000000 /dev/zero >> \$w/ekor.pdf|verify \$w/ekor.pdf \$base"
  "PDF: larik 20.000 tingkat|python3 -c \"import sys; open(sys.argv[1],'wb').write(b'%PDF-1.7\\\\n1 0 obj\\\\n<</X '+b'['*20000+b']'*20000+b'>>\\\\nendobj\\\\nstartxref\\\\n0\\\\n%%EOF\\\\n')\" \$w/dalam.pdf|verify \$w/dalam.pdf \$base"
  "PDF: FIFO|mkfifo \$w/fifo.pdf|verify \$w/fifo.pdf \$base"
  "lembar kerja: bagian 150 MB yang mengaku 1.000 bita|python3 -c \"import sys,zipfile; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.writestr('xl/worksheets/sheet1.xml', b'<'*(150<<20)); z.close(); d=bytearray(open(sys.argv[1],'rb').read()); d[22:26]=(1000).to_bytes(4,'little'); c=d.rfind(b'PK\\\\x01\\\\x02'); d[c+24:c+28]=(1000).to_bytes(4,'little'); open(sys.argv[1],'wb').write(bytes(d))\" \$w/kurang.xlsx|import \$w/kurang.xlsx \$w/baru"
  "berkas kata sandi dari /dev/zero|ln -sf /dev/zero \$w/sandi|sign \$w/asli.pdf --p12 \$w/x.p12 --password-file \$w/sandi -o \$w/y.pdf"
)
echo
echo "| pintu lain | waktu | memori puncak | pesan pertama |"
echo "|---|---|---|---|"
for case in "${pintu[@]}"; do
  IFS='|' read -r name prepare args <<<"$case"
  d="$work/laporan"
  w="$work"
  rm -rf "$d" "$w/baru" "$w/fifo.pdf" && cp -r "$base" "$d"
  eval "$prepare"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  eval "/usr/bin/time -f '%M' -o \"$work/mem\" timeout 60 \"$bin\" $args" 2>"$work/err" >"$work/out" || true
  end=$(date +%s.%N)
  if grep -q panicked "$work/err"; then echo "PANIC in $name" >&2; exit 1; fi
  first=$(cat "$work/out" "$work/err" | grep -m1 -E '^(galat|peringatan|BERBEDA|TIDAK)' | sed "s|$d/||; s|$work/||g" | cut -c1-110)
  printf '| %s | %.2f s | %d MiB | %s |\n' "$name" "$(echo "$end - $start" | bc)" \
    "$(( $(tail -1 "$work/mem") / 1024 ))" "$first"
done
