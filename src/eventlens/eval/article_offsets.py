"""Offsets of the extracted article mapped back onto the text the annotators coded.

The article stage tidies a text (line breaks become paragraph breaks, indentation goes,
a headline line may become the title), so an event's offsets index ``article.text``,
not the raw text the gold evidence strings index. Both texts hold the same characters
apart from whitespace (and a removed title), so offsets are mapped through the texts
with all whitespace removed: the extracted text is found inside the raw one, and each
offset moves with it.
"""

from __future__ import annotations

from dataclasses import replace

from eventlens.records import Event


class OffsetMap:
    """Maps offsets of ``extracted`` (article.text) to offsets of ``raw``."""

    def __init__(self, extracted: str, raw: str) -> None:
        self.raw_len = len(raw)
        self.ext_index = _dense_index(extracted)
        self.raw_positions = [i for i, c in enumerate(raw) if not c.isspace()]
        dense_ext = "".join(c for c in extracted if not c.isspace())
        dense_raw = "".join(raw[i] for i in self.raw_positions)
        self.shift = dense_raw.find(dense_ext[:200]) if dense_ext else 0
        if self.shift < 0:
            self.shift = 0  # texts differ beyond whitespace: keep offsets as they are
            self.raw_positions = list(range(len(raw)))
            self.ext_index = list(range(len(extracted) + 1))

    def offset(self, pos: int) -> int:
        """Where ``pos`` of the extracted text falls in the raw text."""
        dense = self.ext_index[min(pos, len(self.ext_index) - 1)] + self.shift
        if dense >= len(self.raw_positions):
            return self.raw_len
        return self.raw_positions[dense]

    def end(self, pos: int) -> int:
        """Where an end offset falls: just after the raw character of ``pos - 1``."""
        return self.offset(pos - 1) + 1 if pos > 0 else 0

    def event(self, ev: Event) -> Event:
        """A copy of ``ev`` whose offsets (and its evidence's) index the raw text."""
        moved = replace(ev, start=self.offset(ev.start), end=self.end(ev.end))
        if getattr(ev, "evidence", None):
            moved.evidence = [
                replace(e, start=self.offset(e.start), end=self.end(e.end)) for e in ev.evidence
            ]
        return moved


def _dense_index(text: str) -> list[int]:
    """For each offset of ``text``, the number of non-space characters before it."""
    out = []
    n = 0
    for c in text:
        out.append(n)
        if not c.isspace():
            n += 1
    out.append(n)
    return out
