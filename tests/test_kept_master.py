"""The master kept between builds (issue 17) and the document properties written beside it:
what a review found wrong once, each with the case that showed it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from summarydeck import api
from summarydeck.api.building import SLIDES
from summarydeck.ooxml.names import (
    A_NS,
    CUSTOM_PROPERTIES_NS,
    CUSTOM_PROPERTIES_TYPE,
    REL_CUSTOM_PROPERTIES,
)
from template_factory import classic_43, content_on_template

REPO = Path(__file__).resolve().parent.parent
LABEL = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="' + CUSTOM_PROPERTIES_NS.encode() + b'" xmlns:vt="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-'
    b'101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_General"><vt:lpwstr>General'
    b"</vt:lpwstr></property></Properties>"
)


def _on_template(tmp_path: Path, tweak: Any) -> Path:
    content = tmp_path / "content"
    content_on_template(REPO / "content", content, "classic")
    classic_43(content / "brand-template.potx", tweak)
    return content


def _fresh_sha(content: Path, out: Path) -> str:
    """What a build with nothing kept from earlier builds writes."""
    SLIDES.clear()
    sha = api.build(content, out).sha256
    assert sha is not None
    return sha


def test_a_templates_custom_properties_are_kept_beside_ours(tmp_path: Path) -> None:
    """A sensitivity label lives in the template's custom properties: the deck keeps it, adds
    ours, and holds one such part (two made a deck PowerPoint refuses)."""

    def labelled(prs: Any) -> None:
        part = Part(
            PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_TYPE, prs.part.package, LABEL
        )
        prs.part.package.relate_to(part, REL_CUSTOM_PROPERTIES)

    content = _on_template(tmp_path, labelled)
    for out in (tmp_path / "a.pptx", tmp_path / "a.pptx"):  # and again, over its own deck
        result = api.build(content, out, force=True)
        with zipfile.ZipFile(result.path) as deck:
            names = [n.lower() for n in deck.namelist()]
            assert len(names) == len(set(names))
            root = etree.fromstring(deck.read("docProps/custom.xml"))
        props = root.findall(f"{{{CUSTOM_PROPERTIES_NS}}}property")
        named = [p.get("name") for p in props]
        assert named[0] == "MSIP_Label_General"
        assert any(name.startswith("summarydeck") for name in named)
        assert [p.get("pid") for p in props] == [str(n) for n in range(2, len(props) + 2)]
    assert api.check(None, result.path).failed() is False


def test_the_app_properties_are_found_by_their_relationship(tmp_path: Path) -> None:
    def renamed(prs: Any) -> None:
        for rel in prs.part.package._rels.values():
            if rel.reltype.endswith("/extended-properties"):
                rel.target_part.partname = PackURI("/docProps/extended.xml")

    content = _on_template(tmp_path, renamed)
    result = api.build(content, tmp_path / "deck.pptx")
    with zipfile.ZipFile(result.path) as deck:
        app = deck.read("docProps/extended.xml")
    assert b"<Application>summarydeck</Application>" in app
    assert f"<Slides>{result.slides}</Slides>".encode() in app


def test_a_role_the_brand_starts_to_set_over_a_template_makes_a_new_master(
    tmp_path: Path,
) -> None:
    """The brand file sets the text colour the template already has: the brand reads the same,
    but the theme is written otherwise, so the kept master must not be used."""

    def system_text_colour(prs: Any) -> None:  # as Office's own themes write it
        part = prs.slide_master.part.part_related_by(RT.THEME)
        theme = etree.fromstring(part.blob)
        dk1 = theme.find(f".//{{{A_NS}}}clrScheme/{{{A_NS}}}dk1")
        for child in list(dk1):
            dk1.remove(child)
        etree.SubElement(dk1, f"{{{A_NS}}}sysClr", val="windowText", lastClr="222222")
        part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8")

    content = _on_template(tmp_path, system_text_colour)
    api.build(content, tmp_path / "a.pptx")
    brand = content / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace(
            "  template:", '  colours:\n    text: "#222222"\n  template:', 1
        ),
        encoding="utf-8",
    )
    warm = api.build(content, tmp_path / "b.pptx")
    assert warm.sha256 == _fresh_sha(content, tmp_path / "c.pptx")


def test_a_slide_that_fails_half_drawn_leaves_no_trace_in_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarydeck.render import slides

    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    drawn = slides._add_notes
    calls = {"n": 0}

    def fails_on_the_third(*args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("drawing failed")
        drawn(*args)

    monkeypatch.setattr(slides, "_add_notes", fails_on_the_third)
    with pytest.raises(RuntimeError):
        api.build(content, tmp_path / "a.pptx")
    monkeypatch.setattr(slides, "_add_notes", drawn)
    warm = api.build(content, tmp_path / "a.pptx")
    assert warm.sha256 == _fresh_sha(content, tmp_path / "b.pptx")
