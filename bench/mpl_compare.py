"""matplotlib's SVG backend against briefing's charts.columns_over_time, on the same stacked columns.

    python bench/mpl_compare.py     (in an environment with matplotlib and markupsafe; briefing does not need it)

Prints the time and size of one chart drawn each way, and whether matplotlib's output is the same bytes twice.
"""
import io
import random
import sys
import time

t0 = time.perf_counter()
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt
import_s = time.perf_counter() - t0
plt.rcParams["svg.hashsalt"] = "briefing"
random.seed(1)
periods, series = 60, 6
data = [[random.randint(0, 9) for _ in range(periods)] for _ in range(series)]

def mpl_chart():
    fig, ax = plt.subplots(figsize=(6.4, 2.2))
    bottom = [0] * periods
    for row in data:
        ax.bar(range(periods), row, bottom=bottom)
        bottom = [a + b for a, b in zip(bottom, row)]
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out.getvalue()

def small_mpl():
    fig, ax = plt.subplots(figsize=(6.4, 2.2))
    ax.bar([0, 1], [3, 5])
    out = io.StringIO(); fig.savefig(out, format="svg", metadata={"Date": None}); plt.close(fig); return out.getvalue()

mpl_chart()
n = 20
t = time.perf_counter(); outs = [mpl_chart() for _ in range(n)]; per = (time.perf_counter() - t) / n
t = time.perf_counter(); small = [small_mpl() for _ in range(n)]; per_small = (time.perf_counter() - t) / n
print(f"matplotlib {matplotlib.__version__}: import {import_s:.2f} s; 60x6 stacked columns {per*1000:.1f} ms, {len(outs[0])} bytes; two bars {per_small*1000:.1f} ms, {len(small[0])} bytes; same bytes twice: {outs[0] == outs[1]}")
print("currentColor in output:", "currentColor" in outs[0], "; fonts as paths:", outs[0].count("<path"), "paths")
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from datetime import date, timedelta
from generator.publish import charts
dated = []
start = date(2021, 1, 4)
for s_index, row in enumerate(data):
    for p, count in enumerate(row):
        dated += [((start + timedelta(weeks=p)).isoformat(), f"s{s_index}")] * count
colours = {f"s{i}": charts.PALETTE[i] for i in range(series)}
charts.columns_over_time("c", "t", dated, colours)
t = time.perf_counter(); ours = [charts.columns_over_time("c", "t", dated, colours) for _ in range(n)]; ours_per = (time.perf_counter() - t) / n
t = time.perf_counter(); two = [charts.columns_over_time("c", "t", [("2026-01-05", "a")] * 3 + [("2026-01-12", "a")] * 5, {"a": "#000"}) for _ in range(n)]; two_per = (time.perf_counter() - t) / n
print(f"briefing charts: 60x6 stacked columns {ours_per*1000:.2f} ms, {len(str(ours[0]))} bytes (with its numbers table); two bars {two_per*1000:.2f} ms, {len(str(two[0]))} bytes")
