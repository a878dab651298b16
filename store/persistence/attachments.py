"""Copies of the files the user sent with an application, kept in the store's attachments/ folder.

Each copy is named by the sha256 of its content and never changes once written (mode 0600): the same CV attached
to ten applications is kept once. A vacancy's state names the files it was sent with (state.py, the attachment
slots). A copy no attachment names any more is left in place, never collected: undo brings a detached file back,
in the dashboard and in a backup taken before the detach, and each of them needs the copy there.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from eujobs.store.errors import StoreError
from eujobs.store.model import Attachment
from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.storage import (
    describe_error,
    fsync_directory,
    make_folder_to_write,
    make_private_folder,
    read_store_file,
    refuse_link,
    remove_leftovers,
    temp_file,
)

ATTACHMENTS = "attachments"  # the store's folder of copies
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
KIND_LABELS = {"cv": "CV", "letter": "cover letter", "form": "form", "other": "other document"}
KEPT_NAME = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Kept:
    """A file copied into the store: what an attachment's entry records of it."""

    sha256: str
    name: str  # the file's base name as it was attached
    size: int
    already: bool  # the store held a copy of this content before


def attachment_of(entry: dict) -> Attachment:
    """An attachment as the state keeps it (checked by state.attachment_problem)."""
    return Attachment(entry["sha256"], entry["sha256"], entry["name"], entry["size"], entry["as"], entry.get("at", ""))


def keep_file(root: Path, path: Path) -> Kept:
    """Copy the file at `path` into the store at `root`. Refuses, in one line naming the path, a missing path,
    a folder, a symbolic link, anything but a regular file, a file over 20 MB, one that cannot be read. The file
    is opened once, without following a link, and hashed as it is copied from that one descriptor: what is kept
    is exactly what was hashed, whatever becomes of the file meanwhile."""
    shown = one_line(str(path))
    fd = _open_to_read(path, shown)
    try:
        _refuse_unless_attachable(shown, os.fstat(fd))
        sha256, size, already = _copy_in(root / ATTACHMENTS, fd, shown)
    finally:
        os.close(fd)
    return Kept(sha256, file_name(path), size, already)


def check_attachable(path: Path) -> None:
    """What keep_file would refuse of the file at `path` as it is now, without reading it: for a dialog to say
    at once (keep_file checks it again, on the file it opens)."""
    shown = one_line(str(path))
    try:
        found = os.lstat(path)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise StoreError(f"{shown}: no such file; nothing was attached") from None
        raise StoreError(f"{shown}: cannot read it ({describe_error(error)}); nothing was attached") from None
    if stat.S_ISLNK(found.st_mode):
        raise _link_refused(path, shown)
    _refuse_unless_attachable(shown, found)


def _refuse_unless_attachable(shown: str, found: os.stat_result) -> None:
    if stat.S_ISDIR(found.st_mode):
        raise StoreError(f"{shown} is a folder; attach the files in it one by one")
    if not stat.S_ISREG(found.st_mode):
        raise StoreError(f"{shown} is not a regular file (a device or a pipe, say); nothing was attached")
    if found.st_size > MAX_ATTACHMENT_BYTES:
        raise StoreError(f"{shown} is larger than {size_text(MAX_ATTACHMENT_BYTES)}, the most eujobs keeps of a "
                         "file sent; nothing was attached")


def _link_refused(path: Path, shown: str) -> StoreError:
    return StoreError(f"{shown} is a symbolic link; eujobs keeps only the file itself: name the file it points "
                      f"to ({one_line(os.path.realpath(path))})")


def _open_to_read(path: Path, shown: str) -> int:
    try:
        return os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _link_refused(path, shown) from None
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise StoreError(f"{shown}: no such file; nothing was attached") from None
        raise StoreError(f"{shown}: cannot read it ({describe_error(error)}); nothing was attached") from None


def _copy_in(folder: Path, fd: int, shown: str) -> tuple[str, int, bool]:
    """Copy what `fd` reads into `folder`, named by its sha256; the hash, the size, whether it was there."""
    import hashlib  # here: loading OpenSSL was 2 ms of every dashboard start (state.py), which hashes nothing

    try:
        make_private_folder(folder)
    except OSError as error:
        raise StoreError(f"cannot create {folder} ({describe_error(error)}); nothing was attached") from None
    refuse_link(folder, "folder")
    remove_leftovers(folder)  # the copies of attachments killed midway
    temp_fd, temp_name = temp_file(folder, "attachment")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(temp_fd, "wb") as temp:
            while piece := _read(fd, shown):
                size += len(piece)
                if size > MAX_ATTACHMENT_BYTES:  # it grew while read
                    raise StoreError(f"{shown} is larger than {size_text(MAX_ATTACHMENT_BYTES)}, the most eujobs "
                                     "keeps of a file sent; nothing was attached")
                digest.update(piece)
                temp.write(piece)
            temp.flush()
            os.fsync(temp.fileno())
        target = folder / digest.hexdigest()
        already = os.path.lexists(target)
        os.replace(temp_name, target)  # the same content again: the same bytes, and a damaged copy mended
    except OSError as error:
        _remove_quietly(temp_name)
        raise StoreError(f"{folder}: could not keep a copy of {shown} ({describe_error(error)}); nothing was "
                         "attached") from None
    except BaseException:
        _remove_quietly(temp_name)
        raise
    fsync_directory(folder)
    return digest.hexdigest(), size, already


def _read(fd: int, shown: str) -> bytes:
    try:
        return os.read(fd, _CHUNK)
    except OSError as error:
        raise StoreError(f"{shown}: cannot read it ({describe_error(error)}); nothing was attached") from None


def file_name(path: Path) -> str:
    """The base name an attachment is listed by: text, whatever bytes the file system gave."""
    return os.fsencode(path.name).decode("utf-8", "replace")


def kept_bytes(root: Path, sha256: str) -> bytes:
    """The copy kept under `sha256`, checked against its name: a damaged or missing copy is refused in one line."""
    import hashlib  # here, as in _copy_in

    path = root / ATTACHMENTS / sha256
    if not KEPT_NAME.fullmatch(sha256):
        raise StoreError(f"'{one_line(sha256)}' does not name a file kept in the store")
    if not os.path.lexists(path):
        raise StoreError(f"{path}: the copy of an attached file is missing from the store; restore a backup")
    data = read_store_file(path)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise StoreError(f"{path}: the copy of an attached file is damaged (its content no longer matches what "
                         "was attached); restore a backup")
    return data


def export_copies(root: Path, attachments: list[tuple[str, str]], folder: Path) -> list[Path]:
    """Write a copy of each (sha256, name) into `folder` under its name, made safe and numbered on a clash:
    nothing there is overwritten. All or none: every copy is checked first, and those written are removed
    again when one cannot be."""
    copies = [(kept_bytes(root, sha256), name) for sha256, name in attachments]
    make_folder_to_write(folder, "export", "the attached files")
    written: list[Path] = []
    try:
        for data, name in copies:
            written.append(_write_new(folder, safe_file_name(name), data))
    except BaseException:
        for path in written:
            _remove_quietly(str(path))
        raise
    return written


def _write_new(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` to a file of `name` in `folder` that is not there yet: "cv.pdf", else "cv (2).pdf"..."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    number = 1
    while True:
        candidate = name if number == 1 else f"{stem} ({number}){dot}{suffix}"
        path = folder / candidate
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except FileExistsError:
            number += 1
            continue
        except OSError as error:
            raise StoreError(f"{one_line(str(path))}: cannot write it ({describe_error(error)}); nothing was "
                             "exported") from None
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
        except OSError as error:
            _remove_quietly(str(path))
            raise StoreError(f"{one_line(str(path))}: cannot write it ({describe_error(error)}); nothing was "
                             "exported") from None
        return path


def safe_file_name(name: str) -> str:
    """A name to write a copy under: no folder in it, no leading dot (a hidden file), no control character,
    not too long for a file system."""
    name = "".join("_" if char in "/\\" or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 else char for char in name)
    name = name.lstrip(". ").strip() or "attachment"
    if len(name.encode()) > 200:  # shortened before its extension, which says what opens it
        base, dot, extension = name.rpartition(".")
        extension = dot + extension if base and len(extension) <= 16 else ""
        head = name[:len(name) - len(extension)]
        while len((head + extension).encode()) > 200:
            head = head[:-1]
        name = head + extension
    return name


def size_text(size: int) -> str:
    """A file's size for a person: "812 bytes", "182 KB", "3.4 MB"."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
