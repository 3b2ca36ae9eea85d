"""Name-mismatch (NC502) details a reviewer reads: which body name the cover gives, the
page and cover evidence of a unit-name finding, when a table title names another level's
body, how prose paths are read (quoted dash paths, paths wrapped over lines), and which
table label a code's finding names.

Small made-up documents only: a body "示范市示范区…" that is no real unit.
"""

from __future__ import annotations

import pytest

from narrative_check import check
from narrative_check.compare.names import check_unit_name, cover_name
from narrative_check.models import Document, Evidence, Line

NAME = "示范市示范区文化和旅游局"


def doc(*texts: str, page_every: int = 5) -> Document:
    """A document of these lines; every ``page_every`` lines a new page (pages from 1)."""
    return Document(source="<text>", lines=[Line(no=i + 1, text=t, page=i // page_every + 1) for i, t in enumerate(texts)])


def cover(name: str = NAME) -> list[str]:
    return [name, "2024年部门预算", "", "目录", "一、收支总表", ""]


def body(name: str = NAME) -> list[str]:
    return [f"2024年{name}收入总计500.00万元。", ""]


def unit(*texts: str):
    return check_unit_name(doc(*texts), [])


# --------------------------------------------------------------------------- the cover's name
def test_the_cover_name_spans_two_lines_and_its_line_is_the_first():
    assert cover_name(doc(*cover(), *body())) == (NAME, 1)


def test_a_cover_name_printed_with_spaces_and_marks_is_read_whole():
    # covers centre the name with spaces and markdown conversions add '#'/'**'
    assert cover_name(doc("# 示范市示范区  文化和旅游局", "**2024年部门预算**", "目录")) == (NAME, 1)


def test_a_name_only_after_the_contents_is_not_the_covers():
    assert cover_name(doc("2024年部门预算", "目录", f"一、{NAME}2024年部门预算收支总表")) is None
    assert cover_name(doc("2024年部门预算", "目  录", f"一、{NAME}2024年部门预算收支总表")) is None


def test_the_cover_is_read_from_the_first_twelve_lines_only():
    assert cover_name(doc(*[""] * 11, NAME + "2024年部门预算")) == (NAME, 12)
    assert cover_name(doc(*[""] * 12, NAME + "2024年部门预算")) is None


# --------------------------------------------------------------------------- a connector swapped
def test_a_connector_slip_carries_its_page_and_the_cover_as_evidence():
    lines = [*cover(), *body(), "", "", "示范市示范区文化与旅游局负责本部门预算。"]
    found = unit(*lines)
    assert len(found) == 1
    f = found[0]
    assert f.kind == "name-mismatch"
    assert f.line == 11 and f.page == 3
    assert f.stated == "示范市示范区文化与旅游局" and f.expected == NAME
    assert f.quote == "示范市示范区文化与旅游局负责本部门预算。"
    assert "the body is named '示范市示范区文化与旅游局' here but" in f.message
    assert f.evidence == [Evidence(table="cover", row=NAME, line=1, text=NAME)]


def test_a_connector_slip_is_found_through_spaces_in_the_line():
    found = unit(*cover(), *body(), "示范市示范区 文化与旅游局 负责本部门预算。")
    assert [f.stated for f in found] == ["示范市示范区文化与旅游局"]


# --------------------------------------------------------------------------- another level's body
def title_finding(title: str, name: str = NAME):
    return unit(*cover(name), *body(name), title)


def test_a_title_naming_another_levels_body_carries_page_cause_and_evidence():
    found = unit(*cover(), *body(), "", "", "", "示范市文化和旅游局2024年部门预算表")
    assert len(found) == 1
    f = found[0]
    assert f.line == 12 and f.page == 3
    assert f.stated == "示范市文化和旅游局" and f.expected == NAME
    assert f.message.startswith(f"the table title names '示范市文化和旅游局', but the body is '{NAME}' (cover)")
    assert f.cause == "another level's body named (an administrative area left out or changed)"
    assert f.evidence == [Evidence(table="cover", row=NAME, line=1, text=NAME)]


@pytest.mark.parametrize("title", [
    f"{NAME}2024年部门预算表",          # the body's own name: right
    "示范市示范区财政局2024年部门预算表",  # another department: not a level slip
    "示范市示范区文化和旅游局机关2024年部门预算表",
])
def test_a_title_naming_the_body_or_another_department_is_not_a_slip(title):
    assert title_finding(title) == []


def test_a_part_number_before_the_title_is_not_part_of_the_name():
    found = title_finding("第二部分 示范市文化和旅游局2024年部门预算表")
    assert [f.stated for f in found] == ["示范市文化和旅游局"]


def test_a_title_with_spaces_is_read():
    found = title_finding("示范市 文化和旅游局 2024 年部门预算表")
    assert [f.stated for f in found] == ["示范市文化和旅游局"]


@pytest.mark.parametrize("extra, found", [(41, True), (42, False)])
def test_a_title_line_of_up_to_sixty_characters_is_a_title(extra, found):
    # '示范市文化和旅游局2024年部门预算' is 18 characters, then the padding, then '表'
    line = "示范市文化和旅游局2024年部门预算" + "收" * extra + "表"
    assert len(line) == 18 + extra + 1
    assert bool(title_finding(line)) is found


def test_a_three_character_core_name_is_enough():
    name = "示范市示范区民政局"
    found = title_finding("示范市民政局2024年部门预算表", name)
    assert [(f.stated, f.expected) for f in found] == [("示范市民政局", name)]
