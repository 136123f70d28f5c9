import pytest

from macros.load.quotes import Passages, anchor

TEXT = """The first sentence is here. The second one follows.

“A quoted paragraph,” said someone.
"""


def test_quotes_match_across_whitespace_and_quote_styles():
    passages = Passages(TEXT)
    assert passages.contains("first  sentence\nis here")
    assert passages.contains('"A quoted paragraph," said someone')
    assert not passages.contains("first sentence was here")


def test_sentences_are_split_per_paragraph():
    sentences = [s.text for s in Passages(TEXT).sentences]
    assert sentences == [
        "The first sentence is here.",
        "The second one follows.",
        '"A quoted paragraph," said someone.',
    ]
    assert Passages(TEXT).sentences[2].line == 2


def test_uncovered_sentences():
    passages = Passages(TEXT)
    missing = passages.uncovered(["The first sentence is here", "A quoted paragraph"])
    assert [s.text for s in missing] == ["The second one follows."]


def test_anchor_is_stable_and_whitespace_blind():
    assert anchor("a  b") == anchor("a\nb")
    assert anchor("a b").startswith("q-")


def test_code_in_a_changed_edition_stays_code():
    import markdown

    from macros.render.diff import markdown_diff

    old = "Intro.\n\n```html\n<b>a</b>\n\n<i>b</i>\n```\n"
    new = "Intro.\n\n```html\n<b>a</b>\n\n<img src=x onerror=alert(1)>\n```\n"
    html = markdown.markdown(markdown_diff(old, new), extensions=["fenced_code"])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


ARTICLE = (
    "The group met for the first time in Singapore. It advises on a global strategy "
    "against cybercrime, and its members come from some 30 countries."
)


@pytest.mark.parametrize(
    ("quote", "closest"),
    [
        (
            "The group met for the first time in Jakarta.",
            "The group met for the first time in Singapore.",
        ),
        (
            "advises on a world strategy against cybercrime",
            "advises on a global strategy against cybercrime,",
        ),
        ("members come from some thirty countries", "members come from some 30 countries."),
    ],
)
def test_a_quote_that_is_not_word_for_word_is_shown_the_closest_passage(quote, closest):
    passages = Passages(ARTICLE)
    assert not passages.contains(quote)
    assert passages.closest(quote) == closest


def test_nothing_is_shown_for_a_quote_unlike_anything_in_the_source():
    assert Passages(ARTICLE).closest("Völlig anderer Inhalt ohne Bezug") is None


def test_a_quote_found_in_two_paragraphs_has_one_anchor_on_the_page():
    from macros.render.views import _highlight

    quote = "A repeated phrase."
    html = "".join(_highlight(Passages(f"{quote}\n\nBetween.\n\n{quote}\n"), [quote]))
    assert html.count("<mark>") == 2  # both places are highlighted
    assert html.count(f'id="{anchor(quote)}"') == 1  # an id is unique on a page (HTML)
