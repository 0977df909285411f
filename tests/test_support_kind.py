"""The "Where to get support" slide: the content's own helplines, each number large and on one
line, each entry with its own provenance, so an unchecked number is marked and stops a final
build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import QLAB_CONTENT
from helpers import FULL_CONTENT, edit_content
from summarydeck import api
from summarydeck.diagnostics import ContentError
from summarydeck.layouts.selection import apply_variant
from summarydeck.markdown.typography import shown_address
from summarydeck.plan.grid import Grid
from summarydeck.plan.measure import paragraph_lines
from summarydeck.plan.types import ShapeElement, SlidePlan, TextElement

SUPPORT = """\
  - kind: support
    title: Where to get support
    entries:
      - name: Talk Line
        offers: Someone to talk to about anything
        contact: 0800 000 1111
        when: Any time
        url: https://www.talkline.example.org/
        status: confirmed
      - name: Info Line
        offers: Information on where to get help
        contact: 0300 000 2222
        when: Weekdays, 9am to 6pm
        url: https://info.example.org/help/
        status: unconfirmed
        check: Confirm the number and hours on info.example.org.
      - name: Urgent Line
        offers: Urgent help when it is not an emergency
        contact: "111"
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full test content with a support slide before its sources (read it, never edit)."""
    target = tmp_path_factory.mktemp("support") / "content"
    return with_support(target)


def with_support(target: Path) -> Path:
    shutil.copytree(FULL_CONTENT, target)
    edit_content(target / "deck.yaml", "  - kind: sources\n", SUPPORT + "  - kind: sources\n")
    return target


@pytest.fixture(scope="module")
def support(content: Path) -> SlidePlan:
    _, plans, _ = api.plan(content)
    return next(p for p in plans if p.kind == "support")


def frame(plan: SlidePlan, name: str) -> TextElement:
    [element] = [e for e in plan.elements if isinstance(e, TextElement) and e.name == name]
    return element


def shown(plan: SlidePlan, name: str) -> str:
    return frame(plan, name).paragraphs[0].text


def test_each_entry_is_a_panel_with_its_name_offer_number_hours_and_address(
    support: SlidePlan,
) -> None:
    assert support.id == "support" and support.title.paragraphs[0].text == "Where to get support"
    assert [shown(support, f"Support {n} name") for n in (1, 2, 3)] == [
        "Talk Line",
        "Info Line",
        "Urgent Line",
    ]
    assert shown(support, "Support 2 offers") == "Information on where to get help"
    assert shown(support, "Support 2 when") == "Weekdays, 9am to 6pm"
    # an address people can type, complete, and the link behind it
    [run] = frame(support, "Support 2 web").paragraphs[0].runs
    assert (run.text, run.link) == ("info.example.org/help", "https://info.example.org/help/")
    assert shown(support, "Support 1 web") == "talkline.example.org"
    # what an entry leaves out, its panel leaves out
    names = {e.name for e in support.elements}
    assert "Support 3 when" not in names and "Support 3 web" not in names
    panels = [e for e in support.elements if isinstance(e, ShapeElement)]
    assert len(panels) == 3 and len({p.box.height for p in panels}) == 1
    grid = Grid.for_size("16:9")
    for element in support.elements:  # every panel and line inside the text margins
        assert grid.margin <= element.box.left
        assert element.box.right <= grid.width - grid.margin, element.name


def test_addresses_are_the_shared_shown_address_less_www(support: SlidePlan) -> None:
    """One rule for how the deck shows an address (`shown_address`); a helpline's home page
    is shown as the helpline gives it, without `www.`, while other slides keep it."""
    urls = {1: "https://www.talkline.example.org/", 2: "https://info.example.org/help/"}
    for n, url in urls.items():
        assert shown(support, f"Support {n} web") == shown_address(url, without_www=True)
    assert shown_address(urls[1]) == "www.talkline.example.org"
    assert shown_address("HTTPS://WWW.Example.org/", without_www=True) == "Example.org"
    assert shown_address("https://wwwexample.org/", without_www=True) == "wwwexample.org"
    assert "Online: talkline.example.org." in support.notes


def test_the_number_is_large_bold_and_never_wraps(support: SlidePlan, content: Path) -> None:
    deck, _, _ = api.plan(content)
    numbers = [frame(support, f"Support {n} contact") for n in (1, 2, 3)]
    assert [n.paragraphs[0].text for n in numbers] == [
        "0800\u00a0000\u00a01111",  # non-breaking spaces inside the number
        "0300\u00a0000\u00a02222",
        "111",
    ]
    for number in numbers:
        assert number.style.bold and number.style.size == deck.brand.type_scale.lead
        assert number.style.size > frame(support, "Support 1 offers").style.size
        assert paragraph_lines(number, deck.brand, number.style.size) == [1]
        # numbers start at one height across the panels
        assert number.box.top == numbers[0].box.top


def test_only_unconfirmed_entries_are_marked_and_listed_for_the_final_build(
    support: SlidePlan,
) -> None:
    marks = sorted(e.name for e in support.elements if e.name.endswith(" mark"))
    assert marks == ["Support 2 mark", "Support 3 mark"]  # Talk Line is confirmed
    assert shown(support, "Support 2 mark") == "To be confirmed"
    items = {item.label: item for item in support.unconfirmed}
    assert set(items) == {"support entry `Info Line`", "support entry `Urgent Line`"}
    info = items["support entry `Info Line`"]
    assert info.check == "Confirm the number and hours on info.example.org."
    assert info.source_url == "https://info.example.org/help/"
    assert info.path[0] == "slides" and info.path[2:] == ("entries", 1)
    # a status left out is not a confirmation: it says what to check all the same
    assert "not yet confirmed" in items["support entry `Urgent Line`"].check
    assert "To confirm" not in support.notes  # the list goes to the review report


def test_a_final_build_refuses_an_unconfirmed_entry_at_its_status_line(
    content: Path, tmp_path: Path
) -> None:
    with pytest.raises(ContentError) as caught:
        api.build(content, tmp_path / "final.pptx", final=True)
    found = [d for d in caught.value.diagnostics if "support entry" in d.message]
    assert [d.code for d in found] == ["C701", "C701"]
    info = next(d for d in found if "`Info Line`" in d.message)
    assert info.location is not None
    line = (content / "deck.yaml").read_text("utf-8").splitlines()[info.location.line - 1]
    assert line.strip() == "status: unconfirmed"
    urgent = next(d for d in found if "`Urgent Line`" in d.message)
    assert urgent.location is not None  # no status: the entry itself
    line = (content / "deck.yaml").read_text("utf-8").splitlines()[urgent.location.line - 1]
    assert line.strip() == "- name: Urgent Line"
    assert not (tmp_path / "final.pptx").exists()


def test_once_every_entry_is_confirmed_the_slide_builds_final(tmp_path: Path) -> None:
    content = with_support(tmp_path / "content")
    deck = content / "deck.yaml"
    edit_content(
        deck,
        "        status: unconfirmed\n        check: Confirm the number and hours on "
        "info.example.org.\n",
        "        status: confirmed\n",
    )
    edit_content(
        deck, '        contact: "111"\n', '        contact: "111"\n        status: confirmed\n'
    )
    _, plans, _ = api.plan(content)
    support = next(p for p in plans if p.kind == "support")
    assert support.unconfirmed == ()
    assert not any(e.name.endswith(" mark") for e in support.elements)


def test_the_built_slide_passes_every_check(content: Path, tmp_path: Path) -> None:
    result = api.build(content, tmp_path / "deck.pptx")
    assert result.check is not None
    findings = [f for f in result.check.findings if f.slide_id == "support"]
    assert [f"{f.code}: {f.message}" for f in findings] == []
    slide = next(s for s in Presentation(str(tmp_path / "deck.pptx")).slides if s.name == "support")
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "0300\u00a0000\u00a02222" in text and "To be confirmed" in text


def test_more_than_three_entries_is_a_located_error(tmp_path: Path) -> None:
    content = with_support(tmp_path / "content")
    fourth = '      - name: Fourth\n        offers: More\n        contact: "999"\n'
    edit_content(content / "deck.yaml", "  - kind: sources\n", fourth + "  - kind: sources\n")
    with pytest.raises(ContentError) as caught:
        api.plan(content)
    [error] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert error.code == "E203" and "entries" in error.message and "at most 3" in error.message


# --- the Q Lab deck ends with where to get support ---------------------------------------------


def test_every_qlab_variant_ends_with_where_to_get_support() -> None:
    deck, diags = api.load(QLAB_CONTENT)
    for variant in ("full", "short", "workshop"):
        ids = [e.spec.slide_id for e in apply_variant(deck, variant, diags).entries]
        assert ids.index("where-to-get-support") == ids.index("sources") - 1, variant


def test_in_the_qlab_deck_only_the_samaritans_number_is_confirmed() -> None:
    """essay-facts section 10: Samaritans 116 123 is confirmed; the Mind Infoline's number and
    hours and the NHS advice are to be confirmed, each saying where."""
    _, plans, _ = api.plan(QLAB_CONTENT, selection=api.Selection(variant="full"))
    support = next(p for p in plans if p.kind == "support")
    assert shown(support, "Support 1 name") == "Samaritans"
    assert shown(support, "Support 1 contact") == "116\u00a0123"
    # confirmed, so it says only what section 10 confirms: free, landlines and mobiles, any time
    assert shown(support, "Support 1 offers") == "Free to call, from landlines and mobiles"
    assert shown(support, "Support 1 when") == "Any time"
    assert "Support 1 mark" not in {e.name for e in support.elements}
    checks = {u.label: u.check for u in support.unconfirmed}
    assert set(checks) == {"support entry `Mind Infoline`", "support entry `NHS 111`"}
    assert "mind.org.uk" in checks["support entry `Mind Infoline`"]
    assert "nhs.uk" in checks["support entry `NHS 111`"]
