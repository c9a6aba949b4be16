#!/usr/bin/env python3
"""Writes the CSV fixtures used by Tests/ReplyLintReadersTests/CSVReaderTests.swift.

Hand-checked positions live in the tests; if you change a file here, re-check them.
Run: python3 Fixtures/csv/make.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


HEADER = "工单编号,业务类型,处理情况,客户意见"

# Embedded line breaks (LF and CRLF) and doubled quotes inside quoted fields.
write("quoted.csv", (
    HEADER + "\n"
    'Q1,咨询,"他说""客户已撤诉""，\n第二行客户已撤诉",满意\n'
    'Q2,咨询,"逗号,也在里面\r\n第二行",\n'
    'Q3,咨询,普通文本,"""引号开头"\n'
).encode("utf-8"))

# The file ends inside a quoted field (a cut-off export).
write("truncated.csv", (
    HEADER + "\n"
    "T1,咨询,已答复。,满意\n"
    "T2,投诉,客户已撤诉。,\n"
    'T3,咨询,"这个字段没有结束引号，文件就截断了\n'
    "后面还有一行\n"
).encode("utf-8"))

# GBK bytes: detected as GB18030, or a parse error when forced as UTF-8.
write("gbk.csv", (
    HEADER + "\r\n"
    "G1,投诉,经核实，客户已撤诉。,满意\r\n"
    "G2,咨询,已电话答复。,满意\r\n"
).encode("gbk"))

# A row with more columns than the header, between good rows; trailing empty columns are fine.
write("too-many-columns.csv", (
    HEADER + "\n"
    "M1,咨询,已答复。,满意\n"
    "M2,咨询,已答复。,满意,多出来的一列,又一列\n"
    "M3,咨询,已答复。,满意,,\n"
    "M4,咨询,已答复。\n"
).encode("utf-8"))

# An unterminated quote in the middle: reading resumes at the next plausible row.
write("resync.csv", (
    HEADER + "\n"
    "R1,咨询,已答复。,满意\n"
    'R2,咨询,"引号没有闭合,满意\n'
    "这一行只是被吞掉的文本\n"
    "R3,咨询,客户已撤诉,满意\n"
    "R4,咨询,已答复。,满意\n"
).encode("utf-8"))

# UTF-16 little-endian with a byte-order mark (Excel's "Unicode text"), tab-separated.
write("utf16le.tsv", "\ufeff" .encode("utf-16-le") + (
    "工单编号\t业务类型\t处理情况\r\n"
    "U1\t投诉\t经核实，客户已撤诉。\r\n"
).encode("utf-16-le"))
