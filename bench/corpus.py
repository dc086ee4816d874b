"""Write a synthetic corpus of article-shaped seeds, the same for the same N and seed, for benchmarks and rewrite counts.

Each seed looks like a scraped news page: a section label and boilerplate lines, a headline, a byline, a dateline,
several paragraphs with relative dates ("on Monday", "last month"), quotes from people with roles, and a trailing
"also read" block. Topics, people and outlets are drawn so that stories recur across outlets.

    python bench/corpus.py DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

OUTLETS = ["The Daily Ledger", "Capital Wire", "Harbour Post", "Northern Courier", "Metro Observer", "Asia Desk"]
PEOPLE = [
    ("Anita Kapoor", "Commerce Minister"), ("Daniel Brooks", "Trade Representative"),
    ("Ravi Menon", "Foreign Secretary"), ("Laura Chen", "Under Secretary for Economic Affairs"),
    ("Vikram Sethi", "Mines Secretary"), ("Karen Holt", "Ambassador"), ("Sunil Bhat", "Chief Economist"),
    ("Megan Ortiz", "Treasury Secretary"), ("Arjun Rao", "National Security Adviser"),
    ("Paul Weber", "Commerce Secretary"), ("Nisha Iyer", "Finance Minister"), ("Tom Fischer", "Senator"),
]
TOPIC_PHRASES = {
    "minerals": ["critical minerals", "lithium supply", "rare earth processing", "cobalt and graphite",
                 "mineral security partnership", "battery supply chains"],
    "silica": ["Pax Silica", "semiconductor supply chain", "chip fabrication", "trusted technology partners",
               "silicon supply chain security"],
    "tariffs": ["reciprocal tariffs", "tariff on steel", "punitive duties", "import duties", "customs duty",
                "tariff schedule"],
    "trade": ["trade deal", "bilateral trade agreement", "market access", "interim trade pact",
              "trade negotiations", "first tranche of the agreement"],
}
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "last month",
        "next month", "earlier this year", "yesterday"]
VERBS = ["announced", "signed", "discussed", "reviewed", "criticised", "welcomed", "proposed", "delayed"]
BOILERPLATE = ["Subscribe to our newsletter", "Advertisement", "Share this article", "Follow us on social media",
               "Read more", "All rights reserved"]
FIRST_NAMES = ["Asha", "John", "Mei", "Rahul", "Sara", "Imran", "Lena", "Kofi", "Priti", "Diego", "Hana", "Omar"]
LAST_NAMES = ["Verma", "Miles", "Lin", "Dutta", "Novak", "Qureshi", "Berg", "Mensah", "Shah", "Ruiz", "Sato", "Farah"]
PLACES = ["NEW DELHI", "WASHINGTON", "MUMBAI", "NEW YORK", "BENGALURU"]


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` seeds into `folder` (created); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [_write_seed(folder, number, random.Random(seed * 1_000_003 + number)) for number in range(count)]


def article_text(number: int, rng: random.Random) -> str:
    """Return one scraped-looking article; `number` picks its story so several outlets cover each one."""
    story = random.Random(number // 3)  # three consecutive seeds share a story: the same event, other outlets
    topic = story.choice(sorted(TOPIC_PHRASES))
    other = story.choice(sorted(TOPIC_PHRASES))
    phrase = story.choice(TOPIC_PHRASES[topic])
    speaker, role = story.choice(PEOPLE)
    second, second_role = rng.choice(PEOPLE)
    date = dt.date(2025, 1, 1) + dt.timedelta(days=(number // 3) % 600)
    outlet = OUTLETS[number % len(OUTLETS)]
    verb = story.choice(VERBS)
    # Each outlet words the headline its own way (a line repeated across seeds is boilerplate to the cleaner).
    headline = [f"India and US {verb} {phrase} plan in round {number // 3}",
                f"Round {number // 3}: New Delhi, Washington {verb} {phrase} plan",
                f"{phrase.capitalize()} plan {verb} as India-US round {number // 3} ends"][number % 3]
    reporter = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    paragraphs = [
        f"{rng.choice(PLACES)}: India and the United States {verb} a plan on {phrase} {rng.choice(WHEN)}, "
        f"officials said, in talks that also touched on {rng.choice(TOPIC_PHRASES[other])}.",
        f"\"We have made real progress on {phrase},\" {role} {speaker} said after the meeting {rng.choice(WHEN)}.",
        f"{speaker} said the two sides would meet again {rng.choice(WHEN)} to settle the remaining questions on "
        f"{rng.choice(TOPIC_PHRASES[topic])} and {rng.choice(TOPIC_PHRASES[other])}.",
        f"{second_role} {second} told reporters that \"the details of {rng.choice(TOPIC_PHRASES[other])} "
        f"are still being worked out\" and that a review is due by {date + dt.timedelta(days=rng.randint(10, 90)):%B %d, %Y}.",
        f"Analysts said the move on {phrase} could change how companies plan investment, with round {number // 3} "
        f"of the talks expected to produce a text that both cabinets can approve.",
    ]
    rng.shuffle(paragraphs[2:])
    lines = [
        rng.choice(["World", "Business", "Economy"]),
        rng.choice(BOILERPLATE),
        headline,
        f"By {reporter}",
        f"{outlet} | Updated: {date:%b %d, %Y} 10:{number % 60:02d} IST",
        *paragraphs,
        rng.choice(BOILERPLATE),
        "Also read",
        f"Stocks close higher as markets cheer round {number} results",
    ]
    return "\n\n".join(lines) + "\n"


def _write_seed(folder: Path, number: int, rng: random.Random) -> Path:
    text = article_text(number, rng)
    if number % 2:  # half arrive as Markdown with front matter naming the outlet, as a clipper saves them
        path = folder / f"article-{number:05d}.md"
        text = f"---\noutlet: {OUTLETS[number % len(OUTLETS)]}\n---\n{text}"
    else:
        path = folder / f"article-{number:05d}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
