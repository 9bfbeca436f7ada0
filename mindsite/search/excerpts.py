"""The passage of a page that a search matched, with the words searched for marked.

Wagtail has no highlighting API, so this reads the page's own text (its summary and its body's
raw StreamField data: no queries) and finds the sentence that holds most of the words. The same
Python runs on PostgreSQL and SQLite, so both give the same passage. A passage is a list of
Piece(text, marked): templates escape each piece and wrap the marked ones in <mark>.
"""

import re
from dataclasses import dataclass, field

from wagtail.rich_text import get_text_for_indexing

from mindsite.search.query import WORD

# A passage is at least about this many words (it takes the next sentence when shorter)...
SHORTEST_PASSAGE = 20
# ...and at most this many (a long sentence is cut around its first match).
LONGEST_PASSAGE = 45

# Block-level ends in rich text: each one ends a paragraph or list item.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
# Keys of a block's raw value that hold no words a reader sees in the passage.
NOT_TEXT = {"anchor", "url", "page", "story", "image", "alt_text", "id"}
# Plain endings, so "restraints" marks "restraint" and "restrained" (PostgreSQL stems words too).
ENDINGS = re.compile(r"(?:ings?|ed|es|s)$")


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool = False


@dataclass
class Passage:
    pieces: list = field(default_factory=list)
    anchor: str = ""  # the id of the section heading the passage is under, if any

    def __bool__(self):
        return bool(self.pieces)


def _stem(word):
    stem = ENDINGS.sub("", word)
    return stem if len(stem) >= 3 else word


def _matcher(words):
    """A function telling which of the words searched for a word of the text is (or None)."""
    stems = [(word, _stem(word)) for word in words]

    def match(text_word):
        lower = text_word.lower()
        for word, stem in stems:
            if lower == word or lower.startswith(stem):
                return word
        return None

    return match


def _texts_of(value):
    """The strings in a block's raw value, rich text made plain, in reading order."""
    if isinstance(value, str):
        if "<" in value:
            return [text for text in (get_text_for_indexing(chunk) for chunk in BLOCK_END.split(value)) if text]
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return [text for key, child in value.items() if key not in NOT_TEXT for text in _texts_of(child)]
    if isinstance(value, list):
        return [text for child in value for text in _texts_of(child)]
    return []


def paragraphs_of(page):
    """(anchor, paragraph text) for a page's body, in order, then its summary.

    The anchor is the id of the section heading above the paragraph ("" before the first),
    the same id the heading block renders.
    """
    paragraphs = []
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "raw_data"):
        heading_block = body.stream_block.child_blocks.get("heading")
        anchor = ""
        for child in body.raw_data:
            if child["type"] == "heading" and heading_block is not None:
                anchor = heading_block.to_python(child["value"]).anchor_id
            paragraphs.extend((anchor, text) for text in _texts_of(child["value"]))
    summary = getattr(page, "summary", "")
    if isinstance(summary, str) and summary.strip():
        paragraphs.append(("", summary.strip()))
    return paragraphs


def _pieces(text, match):
    pieces, start = [], 0
    for found in WORD.finditer(text):
        if match(found.group()):
            if found.start() > start:
                pieces.append(Piece(text[start : found.start()]))
            pieces.append(Piece(found.group(), marked=True))
            start = found.end()
    if start < len(text):
        pieces.append(Piece(text[start:]))
    return pieces


def _cut(text, match):
    """At most LONGEST_PASSAGE words of text, around its first match, with … where cut."""
    words = list(WORD.finditer(text))
    if len(words) <= LONGEST_PASSAGE:
        return text
    first = next((i for i, word in enumerate(words) if match(word.group())), 0)
    begin = max(0, min(first - LONGEST_PASSAGE // 3, len(words) - LONGEST_PASSAGE))
    end = begin + LONGEST_PASSAGE
    cut = text[words[begin].start() : words[end - 1].end()]
    return ("… " if begin else "") + cut + (" …" if end < len(words) else "")


def best_passage(page, words):
    """The Passage of the page that best matches the words; its summary (unmarked) if none does."""
    match = _matcher(words)
    best, best_score = None, (0, 0)
    for anchor, text in paragraphs_of(page):
        sentences = SENTENCE_END.split(text)
        for index, sentence in enumerate(sentences):
            found = [match(word) for word in WORD.findall(sentence)]
            score = (len({word for word in found if word}), sum(1 for word in found if word))
            if score > best_score:
                best, best_score = (anchor, sentences, index), score
    if best is None:
        summary = getattr(page, "summary", "") or ""
        return Passage([Piece(_cut(summary, match))] if summary else [])
    anchor, sentences, index = best
    chosen = [sentences[index]]
    for following in sentences[index + 1 :]:
        if len(WORD.findall(" ".join(chosen))) >= SHORTEST_PASSAGE:
            break
        chosen.append(following)
    return Passage(_pieces(_cut(" ".join(chosen), match), match), anchor)
