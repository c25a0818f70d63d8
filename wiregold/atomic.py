"""Writing a file so that a crash never leaves it half-written."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomically(*, path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data`` through a temporary file and a rename
    (through a symbolic link: the file it points to is replaced, the link is kept).

    The file keeps the mode of the file it replaces; a new file gets the mode a plain
    ``open()`` would give it (0666 less the umask), not ``mkstemp``'s 0600.
    """
    if path.is_symlink():  # write the file it points to; the link stays a link
        path = path.resolve()
        if not path.parent.is_dir():  # a dangling link into a missing directory
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    if path.exists() and not path.is_file():  # the rename would replace a device or pipe
        raise OSError(errno.EPERM, "not a regular file (a device, pipe or socket)", str(path))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.exists():
            mode = path.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomically(*, path: Path, text: str) -> None:
    """:func:`write_atomically` for text: UTF-8, newlines as given."""
    write_atomically(path=path, data=text.encode("utf-8"))
