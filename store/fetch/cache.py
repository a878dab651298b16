"""The pages fetched before, with what the server said to ask again with (ETag, Last-Modified): a watch pass
asks "changed since?" and a page that has not changed comes back as 304, with no body, instead of whole.

One file per address in the store's cache/ folder, named by the sha256 of the address: a line of JSON (the
validators and the content type), then the page's bytes. Written atomically, read as any store file is (never
through a link, nor one another user could have written); an entry that cannot be read is no entry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from eujobs.store.errors import StoreError
from eujobs.store.persistence.storage import make_private_folder, read_store_file, refuse_link, write_atomically

CACHE_FOLDER = "cache"


@dataclass(frozen=True)
class CachedPage:
    etag: str | None
    last_modified: str | None
    content_type: str
    data: bytes

    def validators(self) -> dict[str, str]:
        """The headers of a conditional request for this page."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class PageCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, url: str) -> Path:
        return self.folder / hashlib.sha256(url.encode("utf-8")).hexdigest()

    def get(self, url: str) -> CachedPage | None:
        path = self._path(url)
        if not path.exists():
            return None
        try:
            head, _, data = read_store_file(path).partition(b"\n")
            meta = json.loads(head)
            if meta.get("url") != url:
                return None
            return CachedPage(meta.get("etag"), meta.get("last_modified"), meta.get("content_type", ""), data)
        except (StoreError, ValueError, AttributeError):
            return None

    def put(self, url: str, page: CachedPage) -> None:
        """Keep a page that has a validator (one without could only be fetched whole again)."""
        if not (page.etag or page.last_modified):
            return
        meta = {"url": url, "etag": page.etag, "last_modified": page.last_modified, "content_type": page.content_type}
        try:
            make_private_folder(self.folder)
            refuse_link(self.folder, "folder")
            write_atomically(self._path(url), json.dumps(meta).encode("utf-8") + b"\n" + page.data)
        except (StoreError, OSError):
            pass  # a page not kept is fetched whole next time: no reason to fail what was fetched
