"""Notes about a table that its own figures contradict.

A template's empty-table note ("故本表为空表", "本表无数据") left under a table that
holds non-zero figures is template text left in: the reader cannot tell which to
believe. Only notes that speak of the table itself count; a note that a fund has
no money ("无政府性基金预算") under a summary table is true of that fund."""

from __future__ import annotations

import re

from ..models import Evidence, Finding, Table
from ..tables.facts import table_name
from .base import make_finding

_THIS_TABLE_EMPTY = re.compile(r"(?:本|此|该)表(?:为|是)?空表|(?:本|此|该)表无(?:数据|发生额|相关数据)|(?:本|此|该)表为空")


def check_table_notes(tables: list[Table]) -> list[Finding]:
    out: list[Finding] = []
    for table in tables:
        note = table.empty_note
        if not note or not _THIS_TABLE_EMPTY.search(re.sub(r"\s+", "", note)):
            continue
        cells = [(row, cell) for row in table.rows for cell in row.cells if cell.value]
        if not cells:
            continue
        evidence = [Evidence(table=table_name(table), row=row.label, column=cell.header, value=f"{cell.text} {table.unit}",
                             line=cell.line, page=cell.page, text=row.text) for row, cell in cells[:6]]
        out.append(make_finding(
            "template-residue",
            f"{table_name(table)}: the note says the table is empty, but it holds {len(cells)} non-zero figure"
            f"{'s' if len(cells) > 1 else ''} (e.g. {cells[0][1].text} {table.unit})",
            quote=note, line=table.line_end, page=table.page, stated=note[:60], evidence=evidence,
            cause="an empty-table note left from the template"))
    return out
