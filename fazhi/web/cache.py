"""A bounded in-memory store for downloads (annotated copies, or the uploads
they are made from): least recently
used items go first once there are too many items or bytes, and every item
expires after a while. Thread-safe: checks run in the server's thread pool."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class Pending:
    """A checked upload whose derived copy is made on its first download:
    `kind` annotate (comments), fix (tracked changes) or format (GB/T 9704)."""

    name: str  # display name
    suffix: str
    data: bytes
    profile: object
    kind: str = "annotate"


class DownloadCache:
    def __init__(self, max_items: int = 50, max_seconds: float = 1800, max_bytes: int = 256 * 1024 * 1024, clock=time.monotonic):
        self.max_items = max_items
        self.max_seconds = max_seconds
        self.max_bytes = max_bytes
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, Download | Pending]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, item: Download | Pending) -> str | None:
        """Store `item`; return its token, or None when it alone exceeds the byte limit."""
        if len(item.data) > self.max_bytes:
            return None
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = (self._clock(), item)
            self._bytes += len(item.data)
            self._evict()
        return token

    def replace(self, token: str, item: Download | Pending) -> None:
        """Swap the item under `token`, keeping its expiry time."""
        with self._lock:
            entry = self._items.get(token)
            if entry is None:
                return
            self._bytes += len(item.data) - len(entry[1].data)
            self._items[token] = (entry[0], item)
            self._evict()

    def get(self, token: str) -> Download | Pending | None:
        with self._lock:
            self._expire()
            entry = self._items.get(token)
            if entry is None:
                return None
            self._items.move_to_end(token)
            return entry[1]

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def _drop(self, token: str) -> None:
        _, item = self._items.pop(token)
        self._bytes -= len(item.data)

    def _expire(self) -> None:
        now = self._clock()
        for token in [t for t, (stamp, _) in self._items.items() if now - stamp > self.max_seconds]:
            self._drop(token)

    def _evict(self) -> None:
        self._expire()
        while self._items and (len(self._items) > self.max_items or self._bytes > self.max_bytes):
            self._drop(next(iter(self._items)))
