"""Where output goes: stdout, or a file written whole or not at all, never over an input.

``-o FILE`` writes a temporary file beside FILE and renames it over FILE only when
the run succeeded; an error, Ctrl-C or SIGTERM removes it. A device or FIFO named
by ``-o`` is written, never replaced.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from .errors import UsageError


@contextmanager
def output(path: str | None, hold: bool = False) -> Iterator[TextIO]:
    """stdout, or a temporary file beside ``path`` renamed over it only on success.

    With ``hold`` (``--strict``), stdout gets the output only once the run succeeded.
    Ctrl-C and SIGTERM leave neither ``path`` nor the temporary file behind.
    """
    if not path:
        if not hold:
            yield sys.stdout
            return
        held = io.StringIO()
        yield held
        sys.stdout.write(held.getvalue())
        return
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a folder; give a file name for -o")
    if os.path.exists(path) and not os.path.isfile(path):  # /dev/null, a FIFO: written, never replaced
        with open(path, "w", encoding="utf-8", newline="\n") as device:
            held = io.StringIO() if hold else device
            yield held
            if hold:
                device.write(held.getvalue())
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".citex-", dir=folder)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write there: {exc.strerror}") from None
    terminate = _interrupt_on_sigterm()
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=_BUFFER) as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    finally:
        terminate()


# Written to the file a megabyte at a time: with the default 8 KB, each write began a page the
# file system zeroed first, and 33 MB of BibTeX took 34 ms of CPU to write, 15 ms so.
_BUFFER = 1 << 20


def _interrupt_on_sigterm() -> Callable[[], None]:
    """Make SIGTERM a KeyboardInterrupt, like Ctrl-C, so the temporary file is removed;
    returns what puts the old handler back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, old)


def refuse_overwriting_inputs(inputs: list[str], output: str | None) -> None:
    """-o naming one of the input files (given, or found in a given folder) is a usage error."""
    if not output or not os.path.exists(output):
        return
    from .inputs import expand

    for path in expand(list(inputs)):
        if str(path) != "-" and os.path.samefile(path, output):
            raise UsageError(f"{output}: is also an input; citex never writes over its input "
                             "(write to another file, then rename it)")
