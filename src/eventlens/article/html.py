"""HTML articles: trafilatura for the body and metadata, htmldate for the original date.

Captions (``figcaption`` and caption-classed elements) and the standfirst element
are read first and taken out of the tree, so the body trafilatura returns holds
neither. When trafilatura finds no body (fragments, tiny pages) the page is turned
into lines and read by the scraped-text reader instead.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from eventlens.article import lines as al
from eventlens.article.lexicon import STANDFIRST_CLASSES
from eventlens.article.text import TextArticle, extract_text, normalise_text

_CLASS = "translate(concat(' ', @class, ' ', @id, ' ', @itemprop), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
_CLASS += "'abcdefghijklmnopqrstuvwxyz')"
_CAPTION_XPATH = etree.XPath(
    "//figcaption | //*[@itemprop='caption'] | //*[self::p or self::div or self::span]"
    f"[contains({_CLASS}, 'caption')][not(ancestor::figcaption)]"
)
_STANDFIRST_XPATH = etree.XPath(
    "//*[self::p or self::h2 or self::div or self::span]["
    + " or ".join(f"contains({_CLASS}, '{name}')" for name in STANDFIRST_CLASSES)
    + "]"
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br tr table section article header footer nav aside "
    "figure figcaption blockquote pre main title dt dd".split()
)
# Never article text: code, and the page furniture HTML5 marks as such.
_REMOVE_TAGS = ("head", "script", "style", "noscript", "template", "svg", "nav", "footer", "aside")
_CONTROL_CHARS = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_CONTROL_CHARS[0x7F] = None
# The libraries log parse failures at ERROR level; for us they are expected
# (fragments, junk) and handled, so keep them off the user's terminal.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Element counts: typical article pages have 1,000-10,000 elements.
LARGE_TREE = 15_000  # above this, trafilatura runs without its fallback extractors
HUGE_TREE = 60_000  # above this, only the line reader runs
_DATE_PARAMS = {"original_date": True, "extensive_search": True}


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _element_text(el: HtmlElement) -> str:
    return _clean(" ".join(el.itertext()))


def _pull_captions(tree: HtmlElement) -> list[str]:
    captions: list[str] = []
    for el in _CAPTION_XPATH(tree):
        text = _element_text(el)
        if text and text not in captions and len(text.split()) <= 80:
            captions.append(text)
        _drop(el)
    return captions


def _pull_standfirst(tree: HtmlElement) -> str | None:
    for el in _STANDFIRST_XPATH(tree):
        text = _element_text(el)
        if 4 <= len(text.split()) <= 80 and not el.xpath(".//p[2]"):
            _drop(el)
            return text
    return None


def _drop(el: HtmlElement) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def html_lines(tree: HtmlElement) -> str:
    """Render a page as text with one line per block element (for the text reader)."""
    tree = deepcopy(tree)
    for bad in list(tree.iter(*_REMOVE_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
        else:  # inline elements: keep words of neighbouring elements apart
            el.tail = " " + (el.tail or "")
    return normalise_text("".join(tree.itertext()))


def _body_paragraphs(text: str, drop: set[str]) -> tuple[list[str], str | None]:
    """Body paragraphs minus what trafilatura let through: bylines, date lines, furniture.

    Returns the paragraphs and the first byline seen among them.
    """
    paragraphs: list[str] = []
    byline: str | None = None
    for raw in text.split("\n"):
        para = _clean(raw)
        if not para or para.casefold() in drop:
            continue
        name = al.parse_byline(para)
        if name:
            byline = byline or name
            continue
        if al.is_boilerplate(para) or al.is_credit(para) or al.parse_date_line(para):
            continue
        paragraphs.append(para)
    return paragraphs, byline


def _standfirst_from_description(
    description: str | None, paragraphs: list[str]
) -> tuple[str | None, list[str]]:
    """Use the meta description as standfirst unless it is just the lead paragraph.

    Returns the standfirst and the paragraphs. A description equal to an
    unpunctuated first paragraph is a standfirst trafilatura kept in the body: it
    is taken out. One that starts a paragraph ending like a sentence is the lead.
    """
    desc = _clean(description)
    folded = desc.rstrip(".…").casefold()
    if len(folded.split()) < 4:
        return None, paragraphs
    first = paragraphs[0] if paragraphs else ""
    if first.casefold() == desc.casefold() and not al.ends_sentence(first) and len(paragraphs) > 1:
        return first, paragraphs[1:]
    if any(p.casefold().startswith(folded[:80]) for p in paragraphs[:3]):
        return None, paragraphs
    return desc, paragraphs


def _parse(html: str) -> HtmlElement | None:
    html = html.translate(_CONTROL_CHARS)
    tree = load_html(html)
    if tree is not None:
        return tree
    # trafilatura refuses some short fragments; lxml still reads them.
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _fallback(tree: HtmlElement, title: str | None, lang: str | None) -> TextArticle:
    """Read the page as lines with the scraped-text reader."""
    result = extract_text(html_lines(tree), title=title)
    result.title = title or result.title
    result.language = lang
    return result


def extract_html(
    html: str, url: str | None = None, title: str | None = None
) -> TextArticle | None:
    """Read an HTML page into its parts; None when it cannot be parsed as HTML.

    ``title``, when the caller knows it, is also kept out of the body.
    """
    given_title = title
    tree = _parse(html)
    if tree is None:
        return None
    lang = (tree.get("lang") or "").split("-")[0].lower() or None
    size = sum(1 for _ in tree.iter())
    if size > HUGE_TREE:
        # Far beyond any article page (junk or generated markup): trafilatura's cost
        # grows faster than linearly here, the line reader's does not.
        return _fallback(tree, given_title, lang)
    work = deepcopy(tree)
    captions = _pull_captions(work)
    standfirst = _pull_standfirst(work)
    doc = trafilatura.bare_extraction(
        work,
        url=url,
        fast=size > LARGE_TREE,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    title = _clean(getattr(doc, "title", None)) or given_title
    drop = {s.casefold() for s in (title, given_title, standfirst, *captions) if s}
    paragraphs, body_byline = _body_paragraphs(getattr(doc, "text", None) or "", drop)
    if not paragraphs:
        return _fallback(tree, title, lang)
    if not standfirst:
        description = getattr(doc, "description", None)
        standfirst, paragraphs = _standfirst_from_description(description, paragraphs)
    result = TextArticle(
        title=title,
        subtitle=standfirst,
        byline=_clean(getattr(doc, "author", None)) or body_byline,
        published=getattr(doc, "date", None) or None,
        captions=captions,
        paragraphs=paragraphs,
        site=_clean(getattr(doc, "sitename", None)) or None,
        language=lang,
    )
    return result
