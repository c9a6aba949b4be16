#!/usr/bin/env python3
"""Writes the same work-order replies in four formats, for EquivalenceTests:

  replies.jsonl        JSON Lines, canonical English field names, attachments as objects
  replies-gb18030.csv  Excel-style CSV: GB18030, CRLF, Chinese headers, attachments as text
  replies-bom.csv      UTF-8 with a byte-order mark, LF, Chinese headers
  replies.xml          UTF-8 XML, Chinese element names, attachments as <附件 name size/>

Run from anywhere: python3 Fixtures/equivalence/make.py  (the files are committed too).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# canonical name -> Chinese header / element name (SPEC §2.1 aliases)
CHINESE = {
    "id": "工单编号", "type": "业务类型", "request": "受理内容", "handling": "处理情况",
    "customerOpinion": "客户意见", "handler": "处理人", "handledAt": "处理时间", "acceptedAt": "受理时间",
    "isTrue": "是否属实", "companyResponsible": "电力公司责任标志", "attachments": "附件",
    "unit": "供电单位", "area": "供电区域",
}
COLUMNS = list(CHINESE)

LONG = ("经核实，客户反映的低电压问题系台区负荷过重所致。" * 6) + "已安排增容改造。"

RECORDS = [
    # banned-phrase (and whatever else fires on it)
    {"id": "EQ-01", "type": "投诉", "handling": "经核实，客户已撤诉。", "isTrue": "否", "companyResponsible": "否",
     "unit": "城东供电所"},
    # length-limit: over 128 characters
    {"id": "EQ-02", "type": "咨询", "handling": LONG, "handler": "张伟", "unit": "城东供电所"},
    # attachment-size: 6 MB
    {"id": "EQ-03", "type": "意见", "handling": "已按客户意见调整抄表时间，具体情况详见附件。",
     "attachments": [("现场照片.zip", "6MB"), ("说明.pdf", "20KB")]},
    # attachment-reference: refers to an attachment, none attached
    {"id": "EQ-04", "type": "咨询", "handling": "2024年7月1日已电话答复客户，具体情况详见附件。"},
    # truth-flag-consistency: responsible 是 with true 否
    {"id": "EQ-05", "type": "举报", "handling": "经现场核实，举报情况不属实。", "isTrue": "否", "companyResponsible": "是",
     "attachments": [("核实情况说明.pdf", "300KB")]},
    # required-fields: no handling
    {"id": "EQ-06", "type": "建议", "handling": ""},
    # invalid-value: unknown type, bad timestamp
    {"id": "EQ-07", "type": "投拆", "handling": "已答复客户。", "handledAt": "下周一"},
    # CSV quoting: commas, doubled quotes, a line break inside the reply
    {"id": "EQ-08", "type": "咨询", "request": "询问电费, 账单",
     "handling": "客户说\"好的,谢谢\"。\n2024年7月2日10时已电话答复，按照《供电营业规则》解释电费构成，客户表示满意。",
     "customerOpinion": "满意", "handler": "李娜", "handledAt": "2024-07-02 10:00", "acceptedAt": "2024-07-01 09:00"},
    # a clean-ish complaint with flags and an attachment
    {"id": "EQ-09", "type": "投诉", "request": "停电时间过长",
     "handling": "经核实，2024年7月3日14时因线路故障停电，已于16时恢复供电，情况属实，客户表示理解。",
     "isTrue": "是", "companyResponsible": "是", "attachments": [("抢修记录.pdf", "1.2MB")], "area": "城区"},
    # invalid attachment size and a flag that is not a flag
    {"id": "EQ-10", "type": "投诉", "handling": "经核实，情况不实。", "isTrue": "可能", "companyResponsible": "否",
     "attachments": [("照片.zip", "大")]},
]


def jsonl():
    lines = []
    for record in RECORDS:
        obj = {}
        for key, value in record.items():
            if key == "attachments":
                obj[key] = [{"name": n, "size": s} for n, s in value]
            else:
                obj[key] = value
        lines.append(json.dumps(obj, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def csv_cell(value):
    if any(c in value for c in ",\"\r\n"):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv(line_end):
    rows = [",".join(CHINESE[c] for c in COLUMNS)]
    for record in RECORDS:
        cells = []
        for column in COLUMNS:
            value = record.get(column, "")
            if column == "attachments":
                value = ";".join(f"{n}({s})" for n, s in value) if value else ""
            cells.append(csv_cell(value))
        rows.append(",".join(cells))
    return line_end.join(rows) + line_end


def xml_escape(value, attribute=False):
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;") if attribute else value


def xml():
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<工单列表>"]
    for record in RECORDS:
        out.append("  <工单>")
        for column in COLUMNS:
            if column not in record:
                continue
            value = record[column]
            name = CHINESE[column]
            if column == "attachments":
                for n, s in value:
                    out.append(f'    <附件 name="{xml_escape(n, True)}" size="{xml_escape(s, True)}"/>')
            elif value == "":
                out.append(f"    <{name}/>")
            else:
                out.append(f"    <{name}>{xml_escape(value)}</{name}>")
        out.append("  </工单>")
    out.append("</工单列表>")
    return "\n".join(out) + "\n"


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


write("replies.jsonl", jsonl().encode("utf-8"))
write("replies-gb18030.csv", csv("\r\n").encode("gb18030"))
write("replies-bom.csv", b"\xef\xbb\xbf" + csv("\n").encode("utf-8"))
write("replies.xml", xml().encode("utf-8"))
