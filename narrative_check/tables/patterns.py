"""Wording every table reader shares: table numbers, notes, empty-table notes, the
单位名称 line, page furniture. One place, so text, PDF, DOCX and XLSX agree."""

from __future__ import annotations

import re

TABLE_NO = re.compile(r"^\s*(表\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?)(?:\s+|$)")
"""'表1', '表 3-1' at the start of a title line."""
TABLE_NO_LINE = re.compile(
    r"^\s*(表\s*[\d一二三四五六七八九十]+(?:[-－]\d+)?|(?:公开|预算|决算|附表|部门)\s*\d{1,2}\s*表(?:[-－]\d+)?)\s*$"
)
"""A line holding only the table number (pdftotext puts '表1' on a line of its own)."""
NOTE = re.compile(r"^\s*(?:\*\*)?\s*(?:注|说明|备注)\s*[：:]")
EMPTY_NOTE = re.compile(r"无数据|无发生额|空表|表为空|无相关数据|没有数据|本表不涉及")
"""A note saying the table is empty ('本表无数据', '本年无发生额', '故此表为空表')."""
ORG_LINE = re.compile(r"^\s*(?:编制部门|编制单位|单位名称|部门名称|预算单位|填报单位)\s*[：:]")
FURNITURE = re.compile(
    r"^\s*(?:[-－—–]*\s*\d{1,4}\s*[-－—–]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
    r"|\[\s*page\s*\d+\s*\])\s*$",
    re.IGNORECASE,
)
"""Page numbers and page counters: '- 10 -', '第 3 页 共 20 页', '3/20', and the '[page 12]'
marks text extractions put between pages."""
