"""Files handled safely: only regular files are read, and every output is written whole.

Reading: a path may name a FIFO (an open blocks until someone writes), a device
(`/dev/zero` never ends) or a folder. `read_regular` opens without blocking, looks at what
it opened (fstat: no race with a swapped path) and reads only a regular file, bounded.

Writing: a report that fails half-way must not leave half a file, nor replace a good one
with nothing. `atomic_path`/`atomic_open` write to a temporary file in the same folder and
`os.replace` it over the target once complete. `same_file` tells whether an output would
overwrite an input.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class NotARegularFile(OSError):
    """The path is a FIFO, device, socket or folder: nothing to read as a document."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(f"{os.fspath(path)}: not a regular file ({kind})")
        self.path, self.kind = os.fspath(path), kind


class FileTooLarge(OSError):
    """The file holds more than the bytes a reader is willing to take."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        super().__init__(f"{os.fspath(path)}: {size} bytes, above the {limit} byte limit")
        self.path, self.size, self.limit = os.fspath(path), size, limit


def file_kind(mode: int) -> str:
    """What a stat mode names, in words ("a FIFO", "a regular file")."""
    return _KINDS.get(stat.S_IFMT(mode), "a regular file" if stat.S_ISREG(mode) else "special")


@contextmanager
def open_regular(path: str | os.PathLike[str]) -> Iterator[tuple[IO[bytes], os.stat_result]]:
    """`(binary handle, stat)` of `path` if it is a regular file, else `NotARegularFile`,
    without ever blocking on a FIFO (opened non-blocking, checked by fstat). Other
    failures are the `OSError`s of `open` (FileNotFoundError, PermissionError...)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path, file_kind(info.st_mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, info


def read_regular(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file `path`: `NotARegularFile` for anything else,
    `FileTooLarge` past `max_bytes` (checked before reading, and again as it is read: the
    file may grow)."""
    with open_regular(path) as (handle, info):
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileTooLarge(path, info.st_size, max_bytes)
        data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLarge(path, len(data), max_bytes)
    return data


def read_regular_text(path: str | os.PathLike[str], max_bytes: int, encoding: str = "utf-8") -> str:
    """`read_regular(path, max_bytes)` decoded (a decoding error is a `ValueError`)."""
    return read_regular(path, max_bytes).decode(encoding)


# -- outputs ------------------------------------------------------------------------------


def _new_file_mode(target: Path) -> int:
    """The mode the target keeps (if it exists) or would get from `open()` (0666 & ~umask):
    a temporary file is created 0600."""
    with suppress(OSError):
        return stat.S_IMODE(os.stat(target).st_mode)
    umask = 0o022
    with suppress(OSError, ValueError, IndexError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    return 0o666 & ~umask


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside `target` (same folder, same suffix, so writers that go by
    the suffix still work) to write the whole output to; on success it replaces `target`
    in one step (`os.replace`), on failure it is removed and `target` is left as it was."""
    target = Path(target)
    fd, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=f".tmp{target.suffix}"
    )
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise


@contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w", **options: Any) -> Iterator[IO]:
    """`open(target, mode, **options)` written through `atomic_path`."""
    with atomic_path(target) as temporary, open(temporary, mode, **options) as handle:
        yield handle


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether `a` and `b` are one file (links and hard links included), or, where either is
    missing, the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def first_same_file(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> str | None:
    """The first of `inputs` that `output` would overwrite, or None."""
    try:
        out = os.stat(output)
    except OSError:
        out = None
    resolved = os.path.realpath(output)
    for path in inputs:
        if out is not None:
            try:
                other = os.stat(path)
            except OSError:
                other = None
            if other is not None and (other.st_dev, other.st_ino) == (out.st_dev, out.st_ino):
                return os.fspath(path)
        if os.path.realpath(path) == resolved:
            return os.fspath(path)
    return None
