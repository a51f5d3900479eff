#!/usr/bin/env python3
"""Writes a large synthetic report for benchmarks.

usage: bench/generate.py SASARAN OUT_DIR

Copies laporan.yaml and narasi.yaml from the bundled example and writes
four Lampiran tables holding SASARAN sasaran in total, with one to three
indicators each (about 1.93 on average, as in the reference), monthly
targets, KET and programs with budgets. The output is deterministic.
"""
import pathlib
import shutil
import sys

BULAN = "januari februari maret april mei juni juli agustus september oktober november desember".split()
TINGKAT = ["program", "kegiatan", "sub_kegiatan", "kinerja"]
SATUAN = ["Nilai", "%", "Orang", "Dokumen", "Desa", "Laporan", "Lembaga", "Kelompok", "Kali", "Berkas"]


def indicator_count(i):
    # 1, 2, 3, 2, 1, 2, 3, 2, ... with a 1 every 15th: 677 for 350 sasaran.
    return 1 if i % 15 == 14 else [1, 2, 3, 2][i % 4]


def write_table(path, tingkat, first, count):
    lines = [f"tingkat: {tingkat}", "pejabat:"]
    for s in range(first, first + count):
        if (s - first) % 10 == 0:
            lines += [f"  - jabatan: Pejabat {tingkat.replace('_', ' ').title()} {s // 10 + 1}", "    sasaran:"]
        lines += [f"      - uraian: Meningkatnya Kinerja Pelayanan Bidang {s + 1} di Wilayah Kecamatan", "        indikator:"]
        for k in range(indicator_count(s)):
            per_month = (s + k) % 7 + 1
            lines += [
                f"          - uraian: Jumlah Dokumen dan Laporan Kegiatan Bidang {s + 1} Nomor {k + 1} yang Diselesaikan Tepat Waktu",
                f"            satuan: {SATUAN[(s + k) % len(SATUAN)]!r}",
                f"            target: {per_month * 12}",
                "            bulan:",
            ]
            lines += [f"              {b}: {per_month}" for j, b in enumerate(BULAN) if (j + s) % 3 or per_month > 3]
            if k == 1:
                lines.append("            ket: Kegiatan dilaksanakan setiap bulan")
        lines += [
            "        program_kegiatan:",
            f"          - uraian: Penyelenggaraan Urusan Pemerintahan Bidang {s + 1} di Wilayah Kecamatan",
            f"            anggaran: {(s % 9 + 1) * 12_500_000}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    example = pathlib.Path(__file__).resolve().parent.parent / "content" / "kubutambahan-2022"
    (out / "lampiran").mkdir(parents=True, exist_ok=True)
    for name in ["laporan.yaml", "narasi.yaml"]:
        shutil.copy(example / name, out / name)
    first = 0
    for i, tingkat in enumerate(TINGKAT):
        count = total // 4 + (1 if i < total % 4 else 0)
        write_table(out / "lampiran" / f"{i + 1}-{tingkat}.yaml", tingkat, first, count)
        first += count
    indicators = sum(indicator_count(s) for s in range(total))
    print(f"{out}: {total} sasaran, {indicators} indikator", file=sys.stderr)


if __name__ == "__main__":
    main()
