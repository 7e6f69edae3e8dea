"""ingest's decoding functions: bytes to text, files, JSON lines (incl. property tests)."""

from __future__ import annotations

import io
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventlens.errors import InputError
from eventlens.inputs.readers import (
    decode_bytes,
    iso_day,
    iter_jsonl,
    parse_jsonl_line,
    read_path,
)
from eventlens.records import RawInput


def test_decodes_utf8_bom_utf16_and_declared_charset() -> None:
    assert decode_bytes("Erbil — Iraq".encode(), "a") == "Erbil — Iraq"
    assert decode_bytes(b"\xef\xbb\xbfHello", "a") == "Hello"
    assert decode_bytes("Caf\u00e9 talks".encode("utf-16"), "a") == "Caf\u00e9 talks"
    assert decode_bytes("Talks in Kabul resumed.".encode("utf-16-le"), "a").startswith("Talks")
    page = '<meta charset="iso-8859-1"><p>Caf\u00e9</p>'.encode("latin-1")
    assert "Caf\u00e9" in decode_bytes(page, "a")
    # Legacy single-byte text without a declaration is read as cp1252.
    assert (
        decode_bytes("Caf\u00e9 in S\u00e3o Paulo".encode("cp1252"), "a")
        == "Caf\u00e9 in S\u00e3o Paulo"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "input is empty"),
        (b"  \n\t ", "input is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        ("Caf\u00e9 in Erbil ".encode() + b"\xe2\x80 broken \xff here", "not valid UTF-8"),
        (b"\xff\xfeA", "UTF-16"),
        (bytes(range(128, 256)) * 8, "not valid UTF-8"),
    ],
)
def test_bad_bytes_are_one_line_errors(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "page.html")
    message = str(info.value)
    assert message.startswith("page.html: ") and reason in message and "\n" not in message


def test_read_path_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_path(str(big), max_bytes=1000)
    with pytest.raises(InputError, match="No such file"):
        read_path(str(tmp_path / "missing.txt"), max_bytes=1000)
    with pytest.raises(InputError, match="directory"):
        read_path(str(tmp_path), max_bytes=1000)
    raw = read_path("-", max_bytes=1000, stdin=io.BytesIO(b"Talks resumed."))
    assert (raw.content, raw.source) == ("Talks resumed.", "<stdin>")


def test_parse_jsonl_line_fields() -> None:
    line = json.dumps({"id": 7, "html": "<p>x</p>", "published": "2024-03-01T10:00:00Z"})
    raw = parse_jsonl_line(line, 3, "in.jsonl")
    assert (raw.id, raw.is_html, raw.published, raw.source) == (
        "7",
        True,
        "2024-03-01",
        "in.jsonl:3",
    )
    raw = parse_jsonl_line('{"text": "Hello"}', 5, "in.jsonl")
    assert (raw.id, raw.is_html) == ("5", None)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-10-23", "2016-10-23"),
        ("2016-10-23T10:00:00+03:00", "2016-10-23"),
        ("2016-10-23 10:00 ", "2016-10-23"),
        ("2016-02-30", None),  # no such day
        ("23 October 2016", None),  # written dates are read in pages, not accepted as given
        ("23/10/2016", None),
        ("\u0662\u0660\u0661\u0666-10-23", None),  # Arabic-Indic digits are no ISO date
    ],
)
def test_iso_day_accepts_only_iso_dates(value: str, day: str | None) -> None:
    assert iso_day(value) == day


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": 1, "text": "x"', "malformed JSON"),
        ("[1, 2]", "JSON object"),
        ('{"id": 1}', '"text" or "html"'),
        ('{"id": 1, "text": 5}', '"text" or "html"'),
        ("[" * 100_000 + "]" * 100_000, "malformed JSON"),
    ],
)
def test_parse_jsonl_line_errors(line: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        parse_jsonl_line(line, 2, "in.jsonl")
    assert str(info.value).startswith("in.jsonl:2: ") and reason in str(info.value)


@pytest.mark.parametrize("value", ["last week", "2024-02-30", "soon"])
def test_an_unreadable_published_keeps_the_article_undated(value: str, caplog) -> None:
    line = json.dumps({"id": 1, "text": "x", "published": value})
    with caplog.at_level("WARNING", logger="eventlens.inputs"):
        raw = parse_jsonl_line(line, 2, "in.jsonl")
    assert raw.published is None and raw.content == "x"
    assert any("in.jsonl:2" in r.getMessage() for r in caplog.records)


def test_iter_jsonl_keeps_going_and_salvages_ids() -> None:
    lines = [
        b'{"id": "a", "text": "One."}',
        b"",
        b'{"id": "b", "text": "Two.", "published": "soon"}',
        b'{"id": "c", "text": "caf\xff"}',
        b"not json",
        b'{"id": "d", "text": "' + b"x" * 500 + b'"}',
        b'{"id": "e", "text": "Five."}',
    ]
    items = list(iter_jsonl(io.BytesIO(b"\n".join(lines)), "in.jsonl", max_line_bytes=300))
    kinds = [type(i).__name__ for i in items]
    # "b" has an unreadable date: kept, undated (a warning is logged).
    assert kinds == ["RawInput", "RawInput", "InputError", "InputError", "InputError", "RawInput"]
    assert isinstance(items[1], RawInput) and items[1].published is None
    assert [i.line_id for i in items[2:5] if isinstance(i, InputError)] == ["c", None, None]
    assert "in.jsonl:6: line too long" in str(items[4])
    assert isinstance(items[-1], RawInput) and items[-1].id == "e"


def test_input_error_survives_pickling() -> None:
    """Worker processes receive errors pickled; the message and salvaged id must survive."""
    err = InputError("in.jsonl:4", "malformed JSON", line_id="x")
    back = pickle.loads(pickle.dumps(err))
    assert (str(back), back.reason, back.line_id) == (str(err), err.reason, "x")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_bytes_never_crashes(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz: ") and "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _JSON.map(json.dumps)))
def test_parse_jsonl_line_never_crashes(line: str) -> None:
    try:
        raw = parse_jsonl_line(line, 1, "fuzz.jsonl")
    except InputError as exc:
        assert str(exc).startswith("fuzz.jsonl:1: ")
    else:
        assert isinstance(raw.content, str) and raw.id is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=8))
def test_iter_jsonl_never_crashes(chunks: list[bytes]) -> None:
    items = list(iter_jsonl(io.BytesIO(b"\n".join(chunks)), "fuzz.jsonl", max_line_bytes=150))
    assert all(isinstance(i, RawInput | InputError) for i in items)
