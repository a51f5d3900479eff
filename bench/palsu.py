#!/usr/bin/env python3
"""Writes a forged copy of a PDF: an incremental update appended that gives
its first page other content (a blank page), every byte before it
untouched. For bench/hostile.sh; tests/testsuite/support.rs has the same.

    python3 bench/palsu.py MASUK.pdf KELUAR.pdf
"""
import re
import sys

pdf = open(sys.argv[1], "rb").read()
trailer = pdf[pdf.rfind(b"trailer"):]
root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
info = int(re.search(rb"/Info (\d+) 0 R", trailer).group(1))
size = int(re.search(rb"/Size (\d+)", trailer).group(1))
prev = int(pdf[pdf.rfind(b"startxref") + 9:].split()[0])
# The page tree's first kid is page 1 in renaksi's PDFs.
pages = int(re.search(rb"/Pages (\d+) 0 R", pdf).group(1))
tree = re.search(rb"\n%d 0 obj(.*?)endobj" % pages, pdf, re.S).group(1)
page = int(re.search(rb"/Kids\s*\[\s*(\d+) 0 R", tree).group(1))
obj = re.search(rb"\n(%d 0 obj.*?endobj)" % page, pdf, re.S).group(1)
forged = re.sub(rb"/Contents \d+ 0 R", b"/Contents %d 0 R" % size, obj)
out = bytearray(pdf)
content = b"q 1 1 1 rg 0 0 2000 2000 re f Q"
content_at = len(out)
out += b"%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n" % (size, len(content), content)
page_at = len(out)
out += forged + b"\n"
xref = len(out)
out += (
    b"xref\n0 1\n0000000000 65535 f\r\n%d 1\n%010d 00000 n\r\n%d 1\n%010d 00000 n\r\n"
    b"trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n"
    % (page, page_at, size, content_at, size + 1, root, info, prev, xref)
)
open(sys.argv[2], "wb").write(bytes(out))
