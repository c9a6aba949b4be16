#!/usr/bin/env python3
"""Writes a synthetic corpus of 95598 work-order replies for benchmarks and soak tests.

Usage: make-corpus.py --count N [--format jsonl|csv|xml] [--seed S] [--output FILE]

Replies cover every business type with realistic handling texts (60-140 characters),
timestamps, flags, attachments and, for 报修, the repair timestamps. Faults are mixed in at
realistic rates (a few per cent each): banned shortcut verdicts, over-long text, big attachments,
flag contradictions, missing fields, unparseable timestamps, traditional script and inserted
spaces. The same seed always gives the same bytes. Standard library only, so it runs anywhere
the benchmark does.
"""

import argparse
import datetime
import json
import random
import sys

TYPES = ["投诉", "举报", "意见", "建议", "咨询", "表扬", "报修", "服务申请", "催办"]
# Rough mix of a provincial 95598 export: repairs and consultations dominate.
TYPE_WEIGHTS = [10, 4, 6, 3, 22, 3, 40, 8, 4]

UNITS = ["国网杭州供电公司", "国网宁波供电公司", "国网温州供电公司", "国网嘉兴供电公司",
         "国网湖州供电公司", "国网绍兴供电公司", "国网金华供电公司", "国网台州供电公司"]
HANDLERS = ["王强", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴芳"]
AREAS = ["城区", "农村", "特殊边远"]
AREA_WEIGHTS = [60, 35, 5]
TOPICS = ["停电", "电压偏低", "电费", "电表", "抄表", "报装", "服务态度", "线路", "树障", "峰谷电价"]

OPENINGS = ["经核实，", "经现场核实，", "经调查，", "经与客户沟通，", "接单后，", "经查询营销系统，"]
BASES = ["根据《供电营业规则》", "依据《国家电网公司供电服务规范》", "按照《居民用电峰谷电价政策》",
         "根据现场勘查结果", "依据抄表数据"]
ACTIONS = ["已安排工作人员更换电能表", "已为客户调整分接头", "已恢复正常供电", "已重新核算电费并退还多收部分",
           "已安排线路班组清理树障", "已向客户解释电价政策", "已办理报装手续", "已对相关人员进行批评教育",
           "已安排周六延时营业", "已更换老化的接户线"]
OPINIONS = ["客户表示满意。", "客户表示理解。", "客户表示认可。", "客户对处理结果无异议。", "客户表示感谢。"]
REPAIR_TEXTS = ["抢修人员到达现场，检查发现{what}，已更换损坏部件并恢复供电，客户表示满意。",
                "到场后排查为{what}，处理完毕后恢复供电，客户认可处理结果。",
                "抢修人员于{time}到达现场，{what}，已修复，客户表示理解。"]
FAULTS = ["客户表后开关跳闸", "接户线接头烧损", "配变低压侧熔丝熔断", "客户产权设备故障", "表箱进线松动",
          "10千伏线路接地", "电缆头击穿"]
BANNED = ["客户已撤诉", "客户要求撤诉", "客户取消举报", "客户举报不实", "投诉不成立", "客户撤回投诉"]
# A few traditional forms, so that the folding table is exercised.
TRADITIONAL = str.maketrans({"户": "戶", "诉": "訴", "报": "報", "实": "實", "处": "處", "电": "電", "满": "滿", "意": "意"})
ATTACH_NAMES = ["现场照片.jpg", "情况说明.pdf", "录音.mp3", "核实记录.docx", "电费清单.xlsx", "整改报告.pdf"]

# Chinese headers for CSV and XML (default aliases of the canonical fields, SPEC §2.1).
HEADERS = [("id", "工单编号"), ("type", "业务类型"), ("request", "受理内容"), ("handling", "处理情况"),
           ("customerOpinion", "客户意见"), ("handler", "处理人员"), ("unit", "处理单位"), ("area", "供电区域"),
           ("acceptedAt", "受理时间"), ("handledAt", "处理时间"), ("sentAt", "回复时间"),
           ("isTrue", "是否属实"), ("companyResponsible", "电力公司责任标志"), ("attachments", "附件"),
           ("dispatchedAt", "派单时间"), ("receivedAt", "接单时间"), ("departedAt", "派出时间"),
           ("arrivedAt", "到达现场时间"), ("arrivalRecordedAt", "到达录入时间"), ("repairedAt", "修复时间")]


def stamp(t):
    return t.strftime("%Y-%m-%d %H:%M")


def pad_to(rng, text, low, high):
    """Grows or trims a handling text towards a length people actually write (no filler twice,
    so that the text does not look pasted twice)."""
    fillers = ["工作人员已向客户做好解释工作", "并告知客户后续注意事项", "同时做好记录存档",
               "后续将加强巡视维护", "处理人：" + rng.choice(HANDLERS)]
    rng.shuffle(fillers)
    target = rng.randint(low, high)
    body = text.rstrip("。，")
    while len(body) + 1 < target and fillers:
        body += "，" + fillers.pop()
    if len(body) + 1 > high:
        body = body[:high - 1]
    return body + "。"


def make_record(rng, index, base):
    rtype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
    accepted = base + datetime.timedelta(minutes=index * 7 + rng.randint(0, 300))
    handled = accepted + datetime.timedelta(minutes=rng.randint(30, 1440))
    sent = handled + datetime.timedelta(minutes=rng.randint(1, 120))
    topic = rng.choice(TOPICS)
    handler = rng.choice(HANDLERS)
    rec = {
        "id": "9510%010d" % (index + 1),
        "type": rtype,
        "request": "客户来电反映%s问题，要求尽快处理并回复。" % topic,
        "handling": "",
        "customerOpinion": rng.choice(["满意", "认可", "理解", ""]),
        "handler": handler,
        "unit": rng.choice(UNITS),
        "area": rng.choices(AREAS, AREA_WEIGHTS)[0],
        "acceptedAt": stamp(accepted),
        "handledAt": stamp(handled),
        "sentAt": stamp(sent),
    }
    if rtype == "报修":
        dispatched = accepted + datetime.timedelta(minutes=rng.randint(0, 2))
        received = dispatched + datetime.timedelta(minutes=rng.randint(0, 4))
        departed = received + datetime.timedelta(minutes=rng.randint(1, 10))
        arrived = departed + datetime.timedelta(minutes=rng.randint(10, 60))
        recorded = arrived + datetime.timedelta(minutes=rng.randint(0, 6))
        repaired = arrived + datetime.timedelta(minutes=rng.randint(15, 180))
        rec.update(dispatchedAt=stamp(dispatched), receivedAt=stamp(received), departedAt=stamp(departed),
                   arrivedAt=stamp(arrived), arrivalRecordedAt=stamp(recorded), repairedAt=stamp(repaired),
                   handledAt=stamp(repaired), sentAt=stamp(repaired + datetime.timedelta(minutes=rng.randint(1, 8))))
        text = rng.choice(REPAIR_TEXTS).format(what=rng.choice(FAULTS), time=arrived.strftime("%H时%M分"))
        rec["handling"] = pad_to(rng, text, 60, 120)
    else:
        when = handled.strftime("%Y年%m月%d日%H时")
        text = "%s%s%s，%s，%s，%s" % (when, rng.choice(OPENINGS), "客户反映的%s问题" % topic,
                                      rng.choice(BASES), rng.choice(ACTIONS), rng.choice(OPINIONS))
        rec["handling"] = pad_to(rng, text, 60, 126)
    if rtype in ("投诉", "举报"):
        true = rng.random() < 0.55
        rec["isTrue"] = "是" if true else "否"
        rec["companyResponsible"] = ("是" if rng.random() < 0.6 else "否") if true else "否"
        if true:
            rec["handling"] = rec["handling"].replace("客户反映", "客户反映情况属实，", 1)
    attachments = []
    if rng.random() < 0.3 or rtype in ("投诉", "举报"):
        for _ in range(rng.randint(1, 2)):
            attachments.append({"name": rng.choice(ATTACH_NAMES), "size": rng.randint(20_000, 3_000_000)})
    rec["attachments"] = attachments

    # Faults, each at a realistic rate.
    r = rng.random
    if r() < 0.03:  # banned shortcut verdict
        phrase = rng.choice(BANNED)
        if r() < 0.3:
            phrase = phrase.translate(TRADITIONAL)
        if r() < 0.2:
            phrase = phrase[:2] + " " + phrase[2:]
        rec["handling"] = rec["handling"][:20] + phrase + "。" + rec["handling"][20:60]
    if r() < 0.03:  # over-long text
        rec["handling"] = rec["handling"] + "工作人员已向客户做好解释工作，并告知客户后续注意事项。" * 3
    if r() < 0.02 and attachments:  # big attachment
        attachments[0]["size"] = rng.randint(5_300_000, 20_000_000)
    if r() < 0.02 and attachments:  # size as text
        attachments[-1]["size"] = "%.1fMB" % (rng.randint(1, 80) / 10)
    if r() < 0.02 and rtype in ("投诉", "举报"):  # flag contradiction
        rec["isTrue"], rec["companyResponsible"] = "否", "是"
    if r() < 0.02:  # attachment referenced but missing
        rec["handling"] = rec["handling"].rstrip("。") + "，具体情况详见附件。"
        rec["attachments"] = []
    if r() < 0.03:  # missing field
        rec[rng.choice(["handling", "type", "id", "isTrue", "repairedAt"])] = ""
    if r() < 0.02:  # bad timestamp
        rec[rng.choice(["handledAt", "acceptedAt", "sentAt"])] = rng.choice(["下周一", "2024-13-45 25:61", "昨天下午"])
    if r() < 0.01:  # unknown type
        rec["type"] = rng.choice(["投拆", "其他", "查询"])
    if r() < 0.02:  # characters that need escaping in JSON
        rec["handling"] = rec["handling"].replace("《", "\"", 1).replace("》", "\"", 1)
    return rec


def attachment_text(items):
    return ";".join("%s(%s)" % (a["name"], a["size"] if isinstance(a["size"], str) else "%dKB" % (a["size"] // 1024))
                    for a in items)


def csv_cell(value):
    if any(c in value for c in ",\"\n\r"):
        return '"' + value.replace('"', '""') + '"'
    return value


def xml_text(value):
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000, help="number of records")
    parser.add_argument("--format", choices=["jsonl", "csv", "xml"], default="jsonl")
    parser.add_argument("--seed", type=int, default=95598)
    parser.add_argument("--output", "-o", help="output file (default: standard output)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    base = datetime.datetime(2024, 1, 1, 8, 0)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else \
        open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False)
    write = out.write
    if args.format == "csv":
        write(",".join(h for _, h in HEADERS) + "\r\n")
    elif args.format == "xml":
        write('<?xml version="1.0" encoding="UTF-8"?>\n<工单列表>\n')
    buffer = []
    for index in range(args.count):
        rec = make_record(rng, index, base)
        if args.format == "jsonl":
            buffer.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        elif args.format == "csv":
            cells = []
            for key, _ in HEADERS:
                value = rec.get(key, "")
                cells.append(csv_cell(attachment_text(value) if key == "attachments" else value))
            buffer.append(",".join(cells) + "\r\n")
        else:
            parts = ["  <工单>\n"]
            for key, header in HEADERS:
                value = rec.get(key, "")
                if key == "attachments":
                    for a in value:
                        parts.append('    <附件 name="%s" size="%s"/>\n' % (xml_text(a["name"]), a["size"]))
                elif value != "":
                    parts.append("    <%s>%s</%s>\n" % (header, xml_text(value), header))
            parts.append("  </工单>\n")
            buffer.append("".join(parts))
        if len(buffer) >= 2000:
            write("".join(buffer))
            buffer.clear()
    write("".join(buffer))
    if args.format == "xml":
        write("</工单列表>\n")
    out.close()


if __name__ == "__main__":
    main()
