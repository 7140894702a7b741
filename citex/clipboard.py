"""``--copy``: put formatted output on the system clipboard, as rich text where the platform allows.

HTML and RTF go on the clipboard as their own flavour (``text/html``,
``text/rtf``), so a word processor pastes italics and bold; the other outputs
go as plain text. Each platform's clipboard programs are tried in turn; when
none is there or none works, ``copy`` says so in one line and the caller's
output has been written all the same.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

MIME = {"html": "text/html", "rtf": "text/rtf"}  # anything else: text/plain

# PowerShell reads stdin as UTF-8 and sets the flavour; RTF needs the Forms clipboard (an STA thread).
_PS_READ = "[Console]::InputEncoding=[Text.Encoding]::UTF8; $t=[Console]::In.ReadToEnd(); "
_PS_SET = {
    "html": "Set-Clipboard -Value $t -AsHtml",
    "rtf": "Add-Type -AssemblyName System.Windows.Forms; "
           "[Windows.Forms.Clipboard]::SetText($t, [Windows.Forms.TextDataFormat]::Rtf)",
    "text": "Set-Clipboard -Value $t",
}


def commands(flavour: str, platform: str = sys.platform) -> list[list[str]]:
    """The clipboard programs to try, in order, for ``flavour`` (an output name) on ``platform``."""
    mime = MIME.get(flavour, "text/plain;charset=utf-8")
    if platform == "darwin":  # pbcopy stores RTF as RTF (it knows the header); HTML only as text
        return [["pbcopy"]]
    if platform.startswith("win"):
        script = _PS_READ + _PS_SET.get(flavour, _PS_SET["text"])
        found = [["powershell", "-NoProfile", "-Sta", "-Command", script]]
        return found if flavour in MIME else found + [["clip"]]
    wayland = ["wl-copy", "--type", mime]
    x11 = ["xclip", "-selection", "clipboard", "-t", mime]
    found = [wayland, x11] if os.environ.get("WAYLAND_DISPLAY") else [x11, wayland]
    return found if flavour in MIME else found + [["xsel", "--clipboard", "--input"]]


def copy(text: str, flavour: str) -> str:
    """Put ``text`` on the clipboard; a one-line message saying what happened."""
    tried = []
    for command in commands(flavour):
        program = shutil.which(command[0])
        if program is None:
            continue
        tried.append(command[0])
        try:
            done = subprocess.run([program, *command[1:]], input=text.encode("utf-8"),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            kind = MIME.get(flavour, "plain text")
            return f"copied to the clipboard as {kind} ({command[0]})"
    if tried:
        return f"--copy: {', '.join(tried)} could not reach a clipboard; the output was written only"
    names = ", ".join(dict.fromkeys(c[0] for c in commands(flavour)))
    return f"--copy: no clipboard program found ({names}); the output was written only"


class Recording(io.TextIOBase):
    """A text stream that writes through to ``out`` and keeps what was written, for ``copy``."""

    def __init__(self, out: io.TextIOBase):
        self.out = out
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.out.write(text)

    def getvalue(self) -> str:
        return self.kept.getvalue()
