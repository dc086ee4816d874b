"""Feed `briefing generate` seeds of hostile shapes at two sizes and print how output and time grow with input.

    python bench/adversarial.py [--kb 50 200] [--timeout 300]

Each shape is one seed (plus a headline) of about K kilobytes, written into a fresh project made by `briefing
init`. For each run the table gives the seconds `briefing generate` took, its peak memory (wait4's ru_maxrss),
the bytes it wrote (docs_src/ and briefing.json), and those per input byte. "growth" compares the largest size with
the smallest: for linear work, output and time grow by about the ratio of the sizes (4 for 50 → 200 KB).

Shapes: one huge line with no full stop and a date word every few words (the case that once gave 77 MB from 51 KB);
100,000-style tiny lines; one huge sentence of clauses; many date words in ordinary sentences; many distinct
names with speech verbs; a line of one unbroken 'word'; a long ordinary article; a saved page whose article is one
paragraph. `--shapes WORD...` runs only the shapes whose name holds one of the words (`--shapes long one-paragraph
--kb 950` measures the memory of a seed near the 5 MB cap's everyday worst cases).

`--copies C --others N` writes the shape C times beside N short ordinary seeds, so that with enough seeds (200 to
analyse, 256 texts to recognise) two processes each work on a big seed at once; "all processes" is then the peak of
the summed proportional memory (PSS, which counts a page shared after fork once) of `generate` and its workers,
sampled every 50 ms, next to the single largest process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "generator", "-q"]
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HEADER = "Headline about an adversarial seed\n\nBy A Writer\n\n"
_SURNAMES = ("Rao", "Smith", "Khan", "Lee", "Garcia", "Okafor", "Sato", "Novak", "Haddad", "Brown")


def _names(count: int) -> list[str]:
    """Distinct capitalised two-word names with no real person among them: letters of the index as a given name."""
    names = []
    for index in range(count):
        given, rest = "", index
        for _ in range(4):
            given += "bcdfghjklmnprstvz"[rest % 17]
            rest //= 17
            given += "aeiou"[rest % 5]
        names.append(f"{given.capitalize()} {_SURNAMES[index % len(_SURNAMES)]}")
    return names


def one_huge_line(size: int) -> str:
    unit = "the ministry said today that talks on tariffs went on and "
    return HEADER + unit * (size // len(unit)) + "\n"


def tiny_lines(size: int) -> str:
    lines = [f"w{index}" for index in range(size // 6)]
    return HEADER + "\n".join(lines) + "\n"


def huge_sentence(size: int) -> str:
    unit = "India and the United States discussed critical minerals, tariffs, supply chains and a trade deal, "
    return HEADER + "Officials said that " + unit * (size // len(unit)) + "and nothing else.\n"


def many_date_words(size: int) -> str:
    unit = ("Talks resumed yesterday, were set for next month, followed a deal signed on March 3, 2025, and "
            "another due next week. ")
    return HEADER + "NEW DELHI: " + unit * (size // len(unit)) + "\n"


def many_names(size: int) -> str:
    sentences = []
    total = 0
    for index, name in enumerate(_names(size // 40 + 1)):
        sentence = f"{name} said the talks went well. " if index % 2 else f"Minister {name} told reporters. "
        sentences.append(sentence)
        total += len(sentence)
        if total >= size:
            break
    return HEADER + "".join(sentences) + "\n"


def long_article(size: int) -> str:
    """An ordinary article, only very long: paragraphs of real-looking sentences with names, places and dates."""
    paragraphs, total, index = [], 0, 0
    while total < size:
        paragraph = (f"Trade Minister Jane Roe met officials of the Nickel Council in Geneva on Tuesday, meeting {index}, "
                     "to discuss export curbs on ore. \"The talks were constructive,\" she told reporters, adding that "
                     "a deal could be signed by March 3, 2027, in New Delhi.")
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        index += 1
    return HEADER + "\n\n".join(paragraphs) + "\n"


def one_paragraph_page(size: int) -> str:
    """A saved page whose article is one paragraph of sentences, with nothing to split it (as some CMSs save)."""
    unit = "The ministry said on Tuesday that talks on tariffs with the United States in Washington would go on. "
    return ("<html><head><title>Talks go on</title><meta property=\"article:published_time\" content=\"2026-03-03\">"
            "</head><body><article><h1>Talks go on</h1><p>" + unit * (size // len(unit)) + "</p></article></body></html>\n")


def unbroken_word(size: int) -> str:
    return HEADER + "An opening sentence that is ordinary enough to be kept as a paragraph of text. " + "x" * size + "\n"


SHAPES = {
    "one huge line, date words, no full stop": one_huge_line,
    "tiny lines": tiny_lines,
    "one huge sentence of clauses": huge_sentence,
    "many date words": many_date_words,
    "many names": many_names,
    "one unbroken word": unbroken_word,
    "a long ordinary article": long_article,
    "a one-paragraph saved page (.html)": one_paragraph_page,
}
HTML_SHAPES = {one_paragraph_page}


def ordinary_seed(index: int) -> str:
    """A short everyday article, so that a run has enough seeds to share among processes."""
    return (f"Ordinary report number {index}\n\nBy A Writer\n\nOfficials of the Tin Board met in Lisbon on Monday to "
            f"discuss meeting {index}. \"We agreed on little,\" said Mary Stone, the board's chair, on March 2, 2026.\n")


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it, read from /proc (empty where there is no /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += parents.get(current, [])
    return found


def _tree_pss_mb(pid: int) -> float:
    """The summed proportional set size of `pid` and its descendants, in MB (0 where /proc cannot tell)."""
    total = 0
    for member in _descendants(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total / 1024


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def run_shape(make, size: int, timeout: float, copies: int = 1, others: int = 0) -> dict:
    """Generate one project holding the shape at `size` bytes (`copies` times, beside `others` short seeds)."""
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "project"
        subprocess.run([*BRIEFING, "init", str(root)], check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        suffix = ".html" if make in HTML_SHAPES else ".txt"
        text = make(size)
        for copy in range(copies):
            # each copy differs in its first line, so no two are the same article
            (root / "seeds" / f"adversarial-{copy}{suffix}").write_text(text.replace("Headline", f"Headline {copy}", 1)
                                                                       .replace("<h1>Talks", f"<h1>Talks {copy}", 1),
                                                                       encoding="utf-8")
        for index in range(others):
            (root / "seeds" / f"ordinary-{index:04d}.txt").write_text(ordinary_seed(index), encoding="utf-8")
        seed = root / "seeds" / f"adversarial-0{suffix}"
        docs = root / "docs_src"
        before = _folder_bytes(docs)
        start = time.perf_counter()
        process = subprocess.Popen([*BRIEFING, "generate"], cwd=root, env=ENVIRONMENT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = start + timeout
        timed_out = False
        tree_peak = 0.0
        while True:  # wait4, not poll: poll would reap the process and lose its resource usage
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline and not timed_out:
                timed_out = True
                process.kill()
            if copies > 1 or others:
                tree_peak = max(tree_peak, _tree_pss_mb(process.pid))
            time.sleep(0.05)
        process.returncode = 0  # reaped above; keeps Popen from waiting again
        seconds = time.perf_counter() - start
        return {
            "input": seed.stat().st_size,
            "seconds": seconds,
            "timed_out": timed_out,
            "exit": None if timed_out else os.waitstatus_to_exitcode(status),
            "peak_mb": usage.ru_maxrss / 1024,
            "tree_peak_mb": tree_peak,
            "output": _folder_bytes(docs) - before,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[50, 200], help="seed sizes in kilobytes")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run counts as hung")
    parser.add_argument("--shapes", nargs="+", metavar="WORD", help="only the shapes whose name holds one of these words")
    parser.add_argument("--copies", type=int, default=1, help="seeds of the shape in one project")
    parser.add_argument("--others", type=int, default=0, help="short ordinary seeds beside them")
    args = parser.parse_args(argv)
    if args.copies > 1 or args.others:
        print(f"{args.copies} seed(s) of each shape and {args.others} short seed(s) per project; "
              "input, output and time per MB count the first big seed only")
        print("| shape | input | generate | largest process | all processes (PSS) | output |")
        print("|---|---:|---:|---:|---:|---:|")
    else:
        print("| shape | input | generate | peak memory | output | output per input byte | time per MB | growth (output, time) |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, make in SHAPES.items():
        if args.shapes and not any(word in name for word in args.shapes):
            continue
        runs = [run_shape(make, kb * 1000, args.timeout, args.copies, args.others) for kb in args.kb]
        for index, run in enumerate(runs):
            growth = ""
            if index == len(runs) - 1 and len(runs) > 1 and not run["timed_out"]:
                first = runs[0]
                growth = (f"{run['output'] / max(first['output'], 1):.1f}×, "
                          f"{run['seconds'] / max(first['seconds'], 1e-9):.1f}× for {run['input'] / first['input']:.1f}× input")
            seconds = f">{args.timeout:.0f} s (killed)" if run["timed_out"] else f"{run['seconds']:.2f} s"
            if run["exit"] not in (0, None):
                seconds += f" (exit {run['exit']})"
            if args.copies > 1 or args.others:
                print(f"| {name} | {run['input'] / 1000:.0f} kB × {args.copies} | {seconds} | {run['peak_mb']:.0f} MB "
                      f"| {run['tree_peak_mb']:.0f} MB | {run['output'] / 1e6:.2f} MB |", flush=True)
                continue
            print(
                f"| {name} | {run['input'] / 1000:.0f} kB | {seconds} | {run['peak_mb']:.0f} MB "
                f"| {run['output'] / 1e6:.2f} MB | {run['output'] / run['input']:.1f} "
                f"| {run['seconds'] / (run['input'] / 1e6):.1f} s | {growth} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
