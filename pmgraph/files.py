"""Writing files so that a reader sees the old file or the new one, never half of one; reading
untrusted text files as UTF-8, a byte-order mark allowed, anything else reported by offset."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from os import PathLike
from pathlib import Path

__all__ = ["write_atomically", "decode_text"]


def write_atomically(path: str | PathLike[str], content: bytes | str | Iterable[str]) -> Path:
    """Write ``content`` (bytes, text, or text chunks; text as UTF-8) to ``path`` atomically.

    The bytes go to a temporary file in ``path``'s directory, are flushed to disk, get the
    permissions a new file would get (the umask's, not mkstemp's private 0600), and then replace
    ``path`` in one rename. On any failure the temporary file is removed and ``path`` is untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "page.txt"
    >>> write_atomically(out, ["one ", "two"]).read_text(encoding="utf-8")
    'one two'
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(content, bytes):
                stream.write(content)
            elif isinstance(content, str):
                stream.write(content.encode("utf-8"))
            else:
                for chunk in content:
                    stream.write(chunk.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def decode_text(data: bytes) -> str:
    """``data`` as UTF-8 text, without a leading byte-order mark; ``ValueError`` saying which byte
    is not UTF-8 (other encodings are reported, not guessed).

    Examples
    --------
    >>> decode_text(b"\\xef\\xbb\\xbfSELECT")
    'SELECT'
    >>> decode_text(b"caf\\xe9")
    Traceback (most recent call last):
    ...
    ValueError: not UTF-8 text (byte 0xe9 at offset 3 is invalid); save the file as UTF-8
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start} is invalid); "
                         "save the file as UTF-8") from None
