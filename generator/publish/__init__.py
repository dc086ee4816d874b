"""Stage three: from the corpus to files (`Corpus` → pages, handouts, feeds, `briefing.json`, the built site).

`pages/` holds one module per page kind beside its template; `handouts/` the handouts with theirs; the rest are the
helpers they share (paths, SVG charts, rendering, writing) and the edges (MkDocs, the project scaffold).
"""
