"""Submitted articles kept in memory, so a check result has a permalink: ``/check/{id}``.

The id is the sha256 of what was submitted, so the same text always gets the same link and
nothing guessable is exposed. Only the newest submissions are kept — at most ``size`` of them
and ``max_chars`` characters of text in all, so a flood of large posts cannot exhaust memory (a
bounded LRU, no table and no disk): a link outlives neither a restart nor a busy day, and the
page says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Submission:
    text: str
    article_date: dt.date | None
    url: str | None

    @property
    def key(self) -> str:
        raw = "\x00".join(
            (self.text, self.article_date.isoformat() if self.article_date else "", self.url or "")
        )
        return hashlib.sha256(raw.encode()).hexdigest()


class SubmissionStore:
    def __init__(self, size: int = 512, max_chars: int = 20_000_000) -> None:
        self.size, self.max_chars = size, max_chars
        self._items: OrderedDict[str, Submission] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def put(self, submission: Submission) -> str:
        key = submission.key
        with self._lock:
            if key not in self._items:
                self._chars += len(submission.text)
            self._items[key] = submission
            self._items.move_to_end(key)
            while len(self._items) > 1 and (
                len(self._items) > self.size or self._chars > self.max_chars
            ):
                _, dropped = self._items.popitem(last=False)
                self._chars -= len(dropped.text)
        return key

    def get(self, key: str) -> Submission | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found
