#!/usr/bin/env python3
"""Summary of a bench/serve-fleet-soak run: serve's CPU per JVM (% of a core) and RSS over the first
hour after warm-up (minutes 10-70) and the last hour, each target's RSS growth from minute 10 to the
end (per JDK: median and largest), and the requests answered.
Usage: fleet_soak_summary.py RESULT_DIR N CLK_TCK"""
import csv
import statistics
import sys

out, n, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
serve = [r for r in csv.DictReader(open(out + "/serve.csv")) if r["serve_ticks"] != "NaN"]
last = int(serve[-1]["minute"])


def at(m):
    return min(serve, key=lambda r: abs(int(r["minute"]) - m))


def cpu(a, b):
    ra, rb = at(a), at(b)
    secs = int(rb["epoch"]) - int(ra["epoch"])
    return (int(rb["serve_ticks"]) - int(ra["serve_ticks"])) / hz / secs * 100 if secs > 0 else float("nan")


def loads(a, b):
    return [float(r["load1"]) for r in serve if a <= int(r["minute"]) <= b]


first = min(10, last // 2)  # after serve's JIT warm-up; short test runs start earlier
spans = [(first, min(first + 60, last))] + ([(last - 60, last)] if last >= 130 else [])
print("# serve over %d JVMs, %d minutes" % (n, last))
for a, b in spans:
    c = cpu(a, b)
    ld = loads(a, b)
    print("minutes %d-%d: serve %.2f%% of a core, %.3f%% per JVM; RSS %.1f -> %.1f MB; load %.0f-%.0f (median %.0f)"
          % (a, b, c, c / n, int(at(a)["serve_rss_kb"]) / 1024, int(at(b)["serve_rss_kb"]) / 1024,
             min(ld), max(ld), statistics.median(ld)))
print("serve RSS: min %.1f, max %.1f MB; threads %s" % (min(int(r["serve_rss_kb"]) for r in serve) / 1024,
      max(int(r["serve_rss_kb"]) for r in serve) / 1024, serve[-1]["serve_threads"]))
jdk = {}
for line in open(out + "/targets.txt"):
    t, _, v = line.split()
    jdk[t] = v
rss = {}
for r in csv.DictReader(open(out + "/targets.csv")):
    if r["rss_kb"] != "NaN":
        rss.setdefault(r["target"], {})[int(r["minute"])] = int(r["rss_kb"]) / 1024
for v in sorted(set(jdk.values())):
    g = [rss[t][max(rss[t])] - rss[t][first] for t in rss if jdk[t] == v and first in rss[t]]
    g1 = [rss[t][max(rss[t])] - rss[t].get(1, float("nan")) for t in rss if jdk[t] == v and 1 in rss[t]]
    if g:
        print("JDK %s targets (%d): RSS growth minute %d -> end median %+.1f MB, largest %+.1f MB; from minute 1: median %+.1f, largest %+.1f"
              % (v, len(g), first, statistics.median(g), max(g), statistics.median(g1), max(g1)))
f = serve[-1]
print("requests: /metrics %s answered, %s failed; pprof pulls %s read, %s failed"
      % (f["metrics_ok"], f["metrics_failed"], f["profiles_ok"], f["profiles_failed"]))
