"""The XSS payload list (`xss_payloads.txt`), read into named payloads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")


@dataclass(frozen=True)
class Payload:
    """One attack text from the payload file."""

    name: str
    text: str


def load_payloads() -> list[Payload]:
    """Read `xss_payloads.txt`: a line `%%% <name>` starts a payload, its text runs to the next such line."""
    payloads: list[Payload] = []
    name: str | None = None
    lines: list[str] = []
    for line in [*PAYLOAD_FILE.read_text(encoding="utf-8").splitlines(), "%%% end"]:
        if line.startswith("%%% "):
            if name is not None:
                payloads.append(Payload(name, "\n".join(lines)))
            name, lines = line[4:].strip(), []
        elif name is not None:
            lines.append(line)
    return payloads
