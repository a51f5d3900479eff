#!/usr/bin/env python3
"""Measures `renaksi watch` on the bundled example: the first build, then
one-number edits (a month's target, a new value each time, so no
layout can come from an earlier edit's cache) saved one after another. For each edit it records the rebuild time watch prints
(from noticing the save to the PDF renamed into place) and the time from
the save to the printed line, which adds the 15 ms of quiet watch waits for
and the file-system notification.

    bench/watch.py [EDITS]     # default 30 edits; figures to stdout
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
edits = int(sys.argv[1]) if len(sys.argv) > 1 else 30

subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
binary = os.path.join(ROOT, "target", "release", "renaksi")

with tempfile.TemporaryDirectory() as work:
    report = os.path.join(work, "kubutambahan-2022")
    shutil.copytree(os.path.join(ROOT, "content", "kubutambahan-2022"), report)
    table = os.path.join(report, "lampiran", "1-program.yaml")
    watch = subprocess.Popen(
        [binary, "watch", report, "-o", os.path.join(work, "out")],
        stderr=subprocess.PIPE,
        text=True,
    )

    def next_build():
        """Milliseconds watch printed for the next rebuild."""
        for line in watch.stderr:
            found = re.search(r"PDF diperbarui: .*, (\d+) ms\)", line)
            if found:
                return int(found.group(1))
            if line.startswith("galat"):
                sys.exit(f"watch reported an error: {line}")
        sys.exit("watch stopped")

    first = next_build()
    rebuild, latency = [], []
    text = open(table, encoding="utf-8").read()
    for i in range(edits):
        value = 41 + i
        saved = time.monotonic()
        with open(table, "w", encoding="utf-8") as f:
            f.write(text.replace("              juni: 40\n", f"              juni: {value}\n", 1))
        rebuild.append(next_build())
        latency.append((time.monotonic() - saved) * 1000)
        time.sleep(0.2)
    watch.terminate()
    watch.wait()


def row(name, values):
    values = sorted(values)
    print(
        f"{name:<38} median {statistics.median(values):6.0f} ms"
        f"   min {values[0]:4.0f}   max {values[-1]:4.0f}"
    )


print(f"first build in watch: {first} ms")
row(f"rebuild after a one-number edit (n={edits})", rebuild)
row("save to PDF written, as a user sees it", latency)
