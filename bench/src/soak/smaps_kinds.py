#!/usr/bin/env python3
"""Anonymous RSS of a JVM by the size of its mapping, from /proc/PID/smaps copies: thread stacks are
the ~1 MB mappings (Xss + guard), glibc's per-thread malloc arenas live in 64 MB-aligned reservations
(their used part is one mapping of 1-64 MB), the Java heap, code cache and class space are the larger
ones, [heap] is the brk heap (the main arena). A G1 heap committed in pieces falls in several kinds:
with -Xms = -Xmx and AlwaysPreTouch (as bench/memory-soak and bench/idle-memory run) it is one
mapping. Usage: smaps_kinds.py SMAPS [LATER_SMAPS]   (with two: before -> after, in MB)"""
import re
import sys


def kinds(path):
    out = {}
    name, size = "", 0
    for line in open(path):
        m = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$", line)
        if m:
            name = m.group(1).strip()
        elif line.startswith("Size:"):
            size = int(line.split()[1])
        elif line.startswith("Rss:"):
            rss = int(line.split()[1])
            if name == "[heap]":
                k = "brk"
            elif name.startswith("["):
                k = "other"
            elif name:
                k = "files"
            elif size <= 1000:
                k = "anon<1M"
            elif size <= 1100:
                k = "stacks~1M"
            elif size <= 65536:
                k = "arenas1-64M"
            else:
                k = "anon>64M"
            out[k] = out.get(k, 0) + rss
    return out


a = kinds(sys.argv[1])
b = kinds(sys.argv[2]) if len(sys.argv) > 2 else None
keys = sorted(set(a) | set(b or {}))
if b is None:
    print(" ".join("%s=%.1f" % (k, a.get(k, 0) / 1024) for k in keys))
else:
    print(" ".join("%s=%.1f->%.1f" % (k, a.get(k, 0) / 1024, b.get(k, 0) / 1024) for k in keys))
