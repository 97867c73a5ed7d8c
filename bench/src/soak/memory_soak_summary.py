#!/usr/bin/env python3
"""Summary of a bench/memory-soak run: per target, RSS at minute 1, 10 and the end, the growth from
each to the end (and per hour from minute 10), from NMT at the end the malloc peak and the C2
compiler's arena peak (what a big compilation borrowed from malloc), and, when smaps copies are
given, the anonymous RSS by mapping size at minute 1 and the end (smaps_kinds.py).
Usage: memory_soak_summary.py RESULT_DIR [SMAPS_DIR]"""
import csv
import glob
import os
import re
import subprocess
import sys

out = sys.argv[1]
smaps = sys.argv[2] if len(sys.argv) > 2 else None
rss = {}
for r in csv.DictReader(open(os.path.join(out, "rss.csv"))):
    if r["rss_kb"] not in ("NaN", ""):
        rss.setdefault(r["config"], {})[int(r["minute"])] = int(r["rss_kb"]) / 1024
end = max(max(v) for v in rss.values())


def nmt_peaks(config):
    files = sorted(glob.glob(os.path.join(out, "nmt", config + "-m*.txt")),
                   key=lambda f: int(re.search(r"-m(\d+)\.txt$", f).group(1)))
    if not files:
        return ""
    text = open(files[-1]).read()
    malloc = re.search(r"malloc: (\d+)KB #\d+, peak=(\d+)KB", text)
    compiler = re.search(r"-\s+Compiler \(.*?\n(?:.*\n)*?.*?\(arena=\d+KB #\d+\) \(peak=(\d+)KB", text)
    parts = []
    if malloc:
        parts.append("malloc %d MB (peak %d)" % (int(malloc.group(1)) / 1024, int(malloc.group(2)) / 1024))
    if compiler:
        parts.append("C2 arena peak %.1f MB" % (int(compiler.group(1)) / 1024))
    return ", ".join(parts)


print("config                  m1_MB  m10_MB  end_MB  from_m1  from_m10  per_hour_from_m10  NMT at the end")
for c in sorted(rss):
    d = rss[c]
    last = max(d)
    m1, m10 = d.get(1, float("nan")), d.get(10, float("nan"))
    hours = (last - 10) / 60 if last > 10 else float("nan")
    print("%-22s %6.1f %7.1f %7.1f %+8.1f %+9.1f %+18.1f  %s" % (c, m1, m10, d[last], d[last] - m1, d[last] - m10,
                                                              (d[last] - m10) / hours, nmt_peaks(c)))
if smaps and os.path.isdir(smaps):
    print("anonymous RSS in MB by mapping size (malloc arenas are the 1-64M ones), minute 1 -> %d:" % end)
    here = os.path.dirname(os.path.abspath(__file__))
    for c in sorted(rss):
        a, b = os.path.join(smaps, c + "-m1.txt"), os.path.join(smaps, "%s-m%d.txt" % (c, end))
        if os.path.exists(a) and os.path.exists(b):
            kinds = subprocess.run([sys.executable, os.path.join(here, "smaps_kinds.py"), a, b],
                                   capture_output=True, text=True).stdout.strip()
            print("%-22s %s" % (c, kinds))
