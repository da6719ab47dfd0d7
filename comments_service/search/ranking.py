"""Ranking: BM25's term-frequency saturation without its length normalisation.

Measured on 100,000 comments: Whoosh's BM25F looks up every matching document's field length and cannot
skip blocks of postings, so a common word (13,000 matches) takes 20-30 ms; plain TF-IDF skips blocks whose
best possible score cannot reach the top 20 and takes 2 ms, but lets a page that repeats a word forty
times outrank everything. Saturating the frequency (`tf / (tf + k1)`) keeps both the skipping and sane
ranking; comments are short and alike in length, so length normalisation bought little.
"""

from __future__ import annotations

from whoosh.matching import Matcher
from whoosh.scoring import BaseScorer, WeightingModel
from whoosh.searching import Searcher

K1 = 1.2


class SaturatedTfIdf(WeightingModel):
    """idf × (k1 + 1)·tf / (tf + k1); monotonic in tf, so a block's best weight bounds its best score."""

    def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: float = 1) -> BaseScorer:
        idf = searcher.get_parent().idf(fieldname, text)  # a global statistic: ask the top-level searcher
        return _Scorer(idf * qf, searcher.term_info(fieldname, text).max_weight())


class _Scorer(BaseScorer):
    def __init__(self, idf: float, max_weight: float) -> None:
        self._idf = idf
        self._max_quality = self._of(max_weight)

    def _of(self, weight: float) -> float:
        return self._idf * (K1 + 1) * weight / (weight + K1)

    def supports_block_quality(self) -> bool:
        return True

    def score(self, matcher: Matcher) -> float:
        return self._of(matcher.weight())

    def max_quality(self) -> float:
        return self._max_quality

    def block_quality(self, matcher: Matcher) -> float:
        return self._of(matcher.block_max_weight())
