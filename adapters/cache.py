"""A bounded in-memory map the platform adapters share (thread memory, event dedupe)."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """An LRU map with optional TTL, so memory stays flat however long the server runs."""

    def __init__(self, maxsize: int, ttl: float | None = None) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        stamp, value = item
        if self.ttl is not None and time.monotonic() - stamp > self.ttl:
            del self._data[key]
            return None
        self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic(), value)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def add_if_absent(self, key: K, value: V) -> bool:
        """True if the key was new (and is now stored); the dedupe primitive."""
        if self.get(key) is not None:
            return False
        self.put(key, value)
        return True

    def __len__(self) -> int:
        return len(self._data)
