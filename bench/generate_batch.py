#!/usr/bin/env python3
"""Writes a batch of COUNT generated kecamatan reports to DIR, for
benchmarks of `renaksi batch`: the Buleleng batch's kabupaten.yaml and
shared narrative, and COUNT copies of one example kecamatan, each with its
own name, Camat and NIP.

    python3 bench/generate_batch.py 1000 /tmp/batch-1000
"""
import os
import shutil
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BATCH = os.path.join(ROOT, "content", "buleleng-2022")
TEMPLATE = os.path.join(BATCH, "sawan")


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    for name in ("kabupaten.yaml", "narasi.yaml"):
        shutil.copy(os.path.join(BATCH, name), out)
    laporan = open(os.path.join(TEMPLATE, "laporan.yaml")).read()
    for i in range(count):
        nama = f"Uji {i + 1:04d}"
        folder = os.path.join(out, f"uji-{i + 1:04d}")
        shutil.copytree(os.path.join(TEMPLATE, "lampiran"), os.path.join(folder, "lampiran"))
        nip = f"19700101199501{1 + i % 2}{i % 1000:03d}"
        text = (
            laporan.replace("Sawan", nama)
            .replace('nip: "197407191995071007"', f'nip: "{nip}"')
        )
        open(os.path.join(folder, "laporan.yaml"), "w").write(text)
    print(f"{count} laporan di {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
