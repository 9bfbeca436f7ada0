"""The passage a result shows: the sentence that matched, its section, the words marked, in bounds."""

import pytest
from django.template import Context, Template

from guides.models import GuideChapterPage
from mindsite.search.excerpts import LONGEST_PASSAGE, best_passage

# A new page looks up its default locale.
pytestmark = pytest.mark.django_db


def part(*blocks, summary="What this part covers."):
    return GuideChapterPage(title="A part", summary=summary, body=[{"type": t, "value": v} for t, v in blocks])


def marked(passage):
    return [piece.text for piece in passage.pieces if piece.marked]


def text(passage):
    return "".join(piece.text for piece in passage.pieces)


def test_the_sentence_with_most_of_the_words_wins_over_the_first_that_has_one():
    page = part(
        ("paragraph", "<p>Restraint is used too often.</p>"),
        ("heading", {"text": "Face down", "anchor": ""}),
        ("paragraph", "<p>Staff should never use prone restraint. Other things follow.</p>"),
    )
    passage = best_passage(page, ("prone", "restraint"))
    assert text(passage).startswith("Staff should never use prone restraint.")
    assert marked(passage) == ["prone", "restraint"]
    assert passage.anchor == "face-down"


def test_an_editors_anchor_is_used():
    page = part(
        ("heading", {"text": "Reworded heading", "anchor": "old-link"}),
        ("paragraph", "<p>About tribunals.</p>"),
    )
    assert best_passage(page, ("tribunals",)).anchor == "old-link"


def test_words_are_found_in_key_points_quotes_and_lists():
    page = part(
        ("key_point", {"title": "Key point", "text": "<p>Seclusion is a last resort.</p>"}),
        ("quote", {"quote": "Nobody listened to us about advocacy.", "attribution": "A carer"}),
        ("paragraph", "<ul><li>First item</li><li>Second item about tribunals</li></ul>"),
    )
    assert text(best_passage(page, ("seclusion",))).startswith("Seclusion is a last resort.")
    assert marked(best_passage(page, ("advocacy",))) == ["advocacy"]
    assert text(best_passage(page, ("tribunals",))).startswith("Second item about tribunals")


def test_other_forms_of_a_word_are_marked():
    page = part(
        ("paragraph", "<p>Restraint was used. Two restraints were recorded, and staff were restraining him.</p>")
    )
    assert marked(best_passage(page, ("restraint",))) == ["Restraint", "restraints"]
    assert marked(best_passage(page, ("restraints",))) == ["Restraint", "restraints"]
    assert marked(best_passage(page, ("restraining",))) == ["restraints", "restraining"]


def test_a_short_sentence_takes_the_next_one_and_a_long_one_is_cut_around_the_match():
    short = part(("paragraph", "<p>Prone restraint. It means being held face down on the floor by staff.</p>"))
    assert (
        text(best_passage(short, ("prone",))) == "Prone restraint. It means being held face down on the floor by staff."
    )
    words = " ".join(f"word{n}" for n in range(200))
    long = part(("paragraph", f"<p>{words} seclusion {words}.</p>"))
    passage = best_passage(long, ("seclusion",))
    assert len(text(passage).split()) <= LONGEST_PASSAGE + 2  # the words and two ellipses
    assert text(passage).startswith("… ") and text(passage).endswith(" …")
    assert marked(passage) == ["seclusion"]


def test_a_match_in_the_title_alone_shows_the_summary():
    passage = best_passage(part(("paragraph", "<p>Nothing here.</p>"), summary="A summary."), ("part",))
    assert text(passage) == "A summary." and not marked(passage) and passage.anchor == ""


def test_links_and_markup_in_the_text_are_not_shown_as_markup():
    page = part(("paragraph", '<p>Read <a linktype="page" id="3">the law</a> on &lt;restraint&gt; &amp; care.</p>'))
    passage = best_passage(page, ("law",))
    assert text(passage) == "Read the law on <restraint> & care."
    html = Template(
        "{% for piece in p.pieces %}{% if piece.marked %}<mark>{{ piece.text }}</mark>"
        "{% else %}{{ piece.text }}{% endif %}{% endfor %}"
    ).render(Context({"p": passage}))
    assert html == "Read the <mark>law</mark> on &lt;restraint&gt; &amp; care."
