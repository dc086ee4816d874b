"""Stage two: from clean text to the corpus (`CleanText` → `Article` → `Corpus`).

Metadata, dates and events, topics, the recogniser, people, organisations, quotes, copies, linking and stories,
with the per-seed analysis cache and the forked workers. May import `read`; never `publish`.
"""
