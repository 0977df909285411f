"""A bounded cache for pure work a build repeats: reading an unchanged file, converting the
same Markdown. `summarydeck watch` builds again on every save and most of the content has not
changed since the last build, so the second build finds most of its work done.

Bounded twice: by entries, and by a weight (the characters or bytes an entry was made from,
which its result takes some multiple of), so one huge file or text cannot fill memory, and a
deck of thousands of slides keeps the most recently used. What is cached must never be changed
by whoever gets it: callers store immutable values (tuples, frozen dataclasses) or hand out
copies.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """Least recently used first out, past `most_entries` entries or `most_weight` in all; an
    entry heavier than `most_weight` on its own is not kept."""

    def __init__(self, most_entries: int, most_weight: int) -> None:
        self.most_entries = most_entries
        self.most_weight = most_weight
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()  # `watch` builds on a thread of its own

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: K, value: V, weight: int) -> None:
        if weight > self.most_weight:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._entries[key] = (value, weight)
            self._weight += weight
            while len(self._entries) > self.most_entries or self._weight > self.most_weight:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._weight -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._weight = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def weight(self) -> int:
        return self._weight
