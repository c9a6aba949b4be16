#!/usr/bin/env python3
"""Writes Examples/replies.jsonl: a sample 95598 reply export (SG186-style Chinese field names).

Records whose id ends in -OK are clean replies (no error-severity finding); the others each carry
one or more of the faults the built-in pack catches, so that every rule but parse-error fires at
least once when run as

    swift run replylint check Examples/replies.jsonl --now 2024-08-01T00:00:00+08:00

Re-run after editing:  python3 Examples/make_replies.py
"""
import json
import os

PHOTO = [{"name": "现场照片.jpg", "size": "820KB"}]
RECORDING = [{"name": "通话录音.mp3", "size": "1.2MB"}]
STATEMENT = [{"name": "情况说明.pdf", "size": "96KB"}]


def record(id, type, unit, handling, **fields):
    """One reply in export order; keyword names are the canonical fields."""
    names = {
        "area": "供电区域", "acceptedAt": "受理时间", "request": "受理内容", "customerOpinion": "客户意见",
        "handler": "处理人员", "handledAt": "处理时间", "sentAt": "回复时间", "isTrue": "是否属实",
        "companyResponsible": "电力公司责任标志", "attachments": "附件", "dispatchedAt": "派单时间",
        "receivedAt": "接单时间", "departedAt": "派出时间", "arrivedAt": "到达现场时间",
        "arrivalRecordedAt": "到达录入时间", "repairedAt": "修复时间",
    }
    row = {"工单编号": id, "业务类型": type, "供电单位": unit}
    for key in ["area", "acceptedAt", "request"]:
        if key in fields:
            row[names[key]] = fields.pop(key)
    row["处理情况"] = handling
    for key, value in fields.items():
        row[names[key]] = value
    return row


R = []

# ---- clean replies -------------------------------------------------------------------------
R.append(record(
    "2024070100011-OK", "咨询", "城东供电所", acceptedAt="2024-07-01 09:12",
    request="客户询问居民阶梯电价第二档的标准。",
    handling="2024年7月1日10时，客户经理王磊根据《居民阶梯电价实施方案》向客户解释了第二档电价标准，已告知客户电费查询方式。",
    customerOpinion="客户表示认可。", handler="王磊", handledAt="2024-07-01 10:00", sentAt="2024-07-01 10:20"))
R.append(record(
    "2024070100012-OK", "投诉", "城西供电所", acceptedAt="2024-07-02 08:30",
    request="客户投诉抄表员估抄，本月电费偏高。",
    handling="2024年7月2日15时，经核实客户反映估抄情况属实，台区经理李强已按实际示数更正电量并退还多收电费36.20元，已对责任人批评教育。",
    customerOpinion="客户表示满意。", handler="李强", handledAt="2024-07-02 15:00", sentAt="2024-07-02 16:00",
    isTrue="是", companyResponsible="是", attachments=RECORDING))
R.append(record(
    "2024070100013-OK", "举报", "开发区供电所", acceptedAt="2024-07-03 10:00",
    request="举报邻居私拉电线窃电。",
    handling="2024年7月3日14时，用电检查人员依据《供电营业规则》现场检查，该户计量装置完好，未发现窃电行为，举报内容不属实，已留存现场照片。",
    customerOpinion="客户无异议。", handler="赵刚", handledAt="2024-07-03 14:00", sentAt="2024-07-03 17:00",
    isTrue="否", companyResponsible="否", attachments=PHOTO + STATEMENT))
R.append(record(
    "2024070100014-OK", "报修", "城东供电所", area="城区",
    handling="10时35分抢修人员到达现场，查明为低压熔丝熔断，更换熔丝后于11时20分恢复供电。",
    customerOpinion="满意", handler="抢修二班", dispatchedAt="2024-07-04 10:00", receivedAt="2024-07-04 10:02",
    departedAt="2024-07-04 10:05", arrivedAt="2024-07-04 10:35", arrivalRecordedAt="2024-07-04 10:37",
    repairedAt="2024-07-04 11:20", sentAt="2024-07-04 11:23"))
R.append(record(
    "2024070100015-OK", "报修", "河湾供电所", area="农村",
    handling="抢修人员11时20分到达现场，排除下户线断线故障后恢复送电，客户表示满意。",
    customerOpinion="满意", handler="河湾抢修班", dispatchedAt="2024-07-05 09:55", receivedAt="2024-07-05 09:58",
    departedAt="2024-07-05 10:00", arrivedAt="2024-07-05 11:20", arrivalRecordedAt="2024-07-05 11:22",
    repairedAt="2024-07-05 12:10", sentAt="2024-07-05 12:12"))
R.append(record(
    "2024070100016-OK", "意见", "城北营业厅", acceptedAt="2024-07-06 09:00",
    request="希望营业厅周末也能办理业务。",
    handling="2024年7月8日，营业厅班长张敏按照公司便民服务要求，已安排城北营业厅自7月13日起周六延时营业至17时。",
    customerOpinion="客户表示认可。", handler="张敏", handledAt="2024-07-08 10:00", sentAt="2024-07-08 11:00"))
R.append(record(
    "2024070100017-OK", "表扬", "城南供电所", acceptedAt="2024-07-09 09:00",
    request="客户表扬抢修人员反应迅速、服务热情。",
    handling="2024年7月9日，已根据表扬内容将客户的感谢转达抢修一班工作人员，并按照《优质服务奖励办法》予以通报表扬。",
    customerOpinion="客户表示感谢。", handler="刘洋", handledAt="2024-07-09 15:00", sentAt="2024-07-09 15:30"))
R.append(record(
    "2024070100018-OK", "服务申请", "开发区供电所", acceptedAt="2024-07-10 08:00",
    request="申请电能表校验，怀疑电表走字快。",
    handling="2024年7月11日9时，计量班工作人员依据《电能计量装置技术管理规程》现场校验，电能表误差为0.3%，在合格范围内，已向客户出具校验报告。",
    customerOpinion="客户无异议。", handler="周杰", handledAt="2024-07-11 09:00", sentAt="2024-07-11 12:00"))
R.append(record(
    "2024070100019-OK", "建议", "城西供电所", acceptedAt="2024-07-12 09:00",
    request="建议清理小区树木，树枝离电线太近。",
    handling="2024年7月12日，台区经理孙伟按照树障清理规定，已安排人员于7月13日修剪树枝，消除树线矛盾。",
    customerOpinion="客户表示满意。", handler="孙伟", handledAt="2024-07-12 16:00", sentAt="2024-07-12 17:00"))
R.append(record(
    "2024070100020-OK", "催办", "城东供电所", acceptedAt="2024-07-13 08:00",
    request="客户催办新装报装进度。",
    handling="2024年7月13日，客户经理王磊根据业扩报装时限规定核查进度，已安排7月15日装表接电，并告知客户联系电话。",
    customerOpinion="客户同意。", handler="王磊", handledAt="2024-07-13 11:00", sentAt="2024-07-13 11:30"))

# ---- faulty replies ------------------------------------------------------------------------
R.append(record(  # banned-phrase, vague shortcut
    "2024070200001", "投诉", "城东供电所", acceptedAt="2024-07-14 09:00", request="客户投诉营业厅工作人员态度差。",
    handling="客户已撤诉。", handledAt="2024-07-14 10:00", sentAt="2024-07-14 10:10",
    isTrue="否", companyResponsible="否"))
R.append(record(  # required-fields (no isTrue), field-placement (a)
    "2024070200002", "投诉", "城西供电所", acceptedAt="2024-07-14 09:30", request="投诉电压低，空调无法启动。",
    handling="2024年7月14日，运维班工作人员经现场测量电压偏低，已调整配变分接头，客户表示满意。",
    handledAt="2024-07-14 15:00", sentAt="2024-07-14 16:00", companyResponsible="是", attachments=PHOTO))
R.append(record(  # invalid-value: type and flag
    "2024070200003", "投拆", "城南供电所", handling="2024年7月15日已联系客户说明。", isTrue="可能"))
R.append(record(  # length-limit (over 128 characters)
    "2024070200004", "意见", "城北营业厅", acceptedAt="2024-07-15 09:00", request="对电费账单内容有意见。",
    handling="2024年7月15日，客户经理张敏根据《供电营业规则》对客户提出的电费账单问题进行了核查，经核实，客户本月电量较上月增加较多的原因是气温升高空调用电增加，"
             "电费按居民阶梯电价计收无误，已向客户逐项解释电量构成、阶梯电价分档标准和峰谷电价的执行时段，并告知客户可通过网上国网查询每日用电量，合理安排用电，"
             "客户对解释内容表示理解，同意继续观察下月用电情况。",
    customerOpinion="客户表示理解。", handler="张敏", handledAt="2024-07-15 11:00", sentAt="2024-07-15 12:00"))
R.append(record(  # attachment-reference (no attachment)
    "2024070200005", "意见", "城东供电所", acceptedAt="2024-07-16 09:00", request="对停电通知不及时有意见。",
    handling="2024年7月16日，运检班工作人员按照停电计划管理规定，已补发停电通知。具体情况详见附件",
    customerOpinion="客户表示理解。", handler="陈晨", handledAt="2024-07-16 10:00", sentAt="2024-07-16 10:30"))
R.append(record(  # attachment-size
    "2024070200006", "举报", "开发区供电所", acceptedAt="2024-07-16 09:00", request="举报工地私接临时用电。",
    handling="2024年7月16日，用电检查人员依据《供电营业规则》现场核查，举报情况属实，已下达整改通知并补收电费。具体情况详见附件",
    customerOpinion="客户表示满意。", handler="赵刚", handledAt="2024-07-16 15:00", sentAt="2024-07-16 16:00",
    isTrue="是", companyResponsible="否", attachments=[{"name": "现场视频.mp4", "size": "8.5MB"}]))
R.append(record(  # truth-flag-consistency (责任=是, 属实=否) and text says 属实
    "2024070200007", "投诉", "城西供电所", acceptedAt="2024-07-17 09:00", request="投诉抢修人员到场太慢。",
    handling="2024年7月17日，经调取抢修记录核实，客户反映情况属实，已对抢修班考核。",
    customerOpinion="客户表示满意。", handler="李强", handledAt="2024-07-17 14:00", sentAt="2024-07-17 15:00",
    isTrue="否", companyResponsible="是", attachments=RECORDING))
R.append(record(  # derogatory-word
    "2024070200008", "投诉", "城南供电所", acceptedAt="2024-07-17 09:00", request="投诉电费催缴电话太多。",
    handling="2024年7月17日，经核实该客户长期欠费，催费员按规定催缴，客户无理取闹，已解释。",
    handler="刘洋", handledAt="2024-07-17 11:00", sentAt="2024-07-17 12:00",
    isTrue="否", companyResponsible="否", attachments=RECORDING))
R.append(record(  # field-placement (b): swapped fields
    "2024070200009", "意见", "城北营业厅", acceptedAt="2024-07-18 09:00", request="营业厅排队时间太长。",
    handling="客户对处理结果满意。",
    customerOpinion="经核实，已安排工作人员在高峰时段增开一个业务窗口。", handler="张敏",
    handledAt="2024-07-18 10:00", sentAt="2024-07-18 11:00"))
R.append(record(  # duplicate-paste (same sentence twice)
    "2024070200010", "咨询", "城东供电所", acceptedAt="2024-07-18 09:00", request="询问峰谷电价时段。",
    handling="2024年7月18日，客户经理王磊根据电价文件答复：已告知客户峰谷电价时段为8时至22时。已告知客户峰谷电价时段为8时至22时。",
    customerOpinion="客户表示认可。", handler="王磊", handledAt="2024-07-18 10:00", sentAt="2024-07-18 10:10"))
R.append(record(  # duplicate-paste (handling == customer opinion)
    "2024070200011", "建议", "城西供电所", acceptedAt="2024-07-19 09:00", request="建议增加充电桩。",
    handling="已将增设充电桩的建议报送规划部门，客户表示认可。",
    customerOpinion="已将增设充电桩的建议报送规划部门，客户表示认可。", handler="孙伟",
    handledAt="2024-07-19 10:00", sentAt="2024-07-19 10:30"))
R.append(record(  # handling-time (before acceptance) and in the future
    "2024070200012", "咨询", "城南供电所", acceptedAt="2024-07-20 09:00", request="询问过户手续。",
    handling="2024年7月19日，营业员依据业务办理规定已告知客户过户所需材料。",
    customerOpinion="客户表示认可。", handler="刘洋", handledAt="2024-07-19 16:00", sentAt="2024-07-20 09:30"))
R.append(record(
    "2024070200013", "咨询", "城北营业厅", acceptedAt="2024-07-21 09:00", request="询问电表箱更换费用。",
    handling="2024年7月21日，营业员依据收费标准已告知客户表箱更换免费。",
    customerOpinion="客户表示认可。", handler="张敏", handledAt="2024-08-02 09:00"))
# truth-flag-evidence: seed §3.3 example 1 (simplified Chinese), 属实=否 although the outage happened
R.append(record(
    "2013121400001", "投诉", "盘锦供电公司", acceptedAt="2013-12-14 18:00",
    request="该地点频繁停电，解决不完善，用户非常不满，要求供电公司相关部门核实处理。",
    handling="2013年12月14日17时40分，10千伏陆家线A相接地，经巡视发现用户（专用）变台A相避雷器击穿，隔离后组织运行人员送电。已与用户沟通故障停电原因，用户表示理解。",
    customerOpinion="满意", handler="运行人员", handledAt="2013-12-14 20:00", sentAt="2013-12-15 09:00",
    isTrue="否", companyResponsible="否", attachments=PHOTO))
R.append(record(  # customer-unreached, truth-basis-attachment
    "2024070200014", "投诉", "开发区供电所", acceptedAt="2024-07-22 09:00", request="投诉停电未提前通知。",
    handling="2024年7月22日，工作人员多次致电客户无人接听，根据停电计划记录，已按规定提前公告。",
    handledAt="2024-07-22 15:00", sentAt="2024-07-22 16:00", isTrue="否", companyResponsible="否"))
R.append(record(  # statement-required
    "2024070200015", "意见", "城东供电所", acceptedAt="2024-07-23 09:00", request="要求把门前电杆迁走。",
    handling="2024年7月23日，台区经理王磊按照线路迁改规定现场查看，该电杆为主干线路杆塔，迁移要求无法满足，已向客户解释。",
    customerOpinion="客户不认可。", handler="王磊", handledAt="2024-07-23 15:00", sentAt="2024-07-23 16:00"))
R.append(record(  # required-elements (no time, basis, handler), vague-result
    "2024070200016", "咨询", "城西供电所", request="询问电费缴费方式。",
    handling="已告知客户缴费方式。"))
R.append(record(  # unaddressed-request
    "2024070200017", "意见", "城南供电所", acceptedAt="2024-07-24 09:00", request="小区箱变噪音很大，晚上无法休息。",
    handling="2024年7月24日，工作人员按照绿化管理要求已修剪小区绿化带。",
    customerOpinion="客户不满意。", handler="刘洋", handledAt="2024-07-24 10:00", sentAt="2024-07-24 11:00"))
R.append(record(  # vague-result (stock phrases only)
    "2024070200018", "服务申请", "城北营业厅", acceptedAt="2024-07-25 09:00", request="申请更名。",
    handling="已联系客户，已告知客户，已处理完毕。", customerOpinion="满意", handler="张敏",
    handledAt="2024-07-25 10:00", sentAt="2024-07-25 10:30"))
R.append(record(  # typo (fixable)
    "2024070200019", "服务申请", "开发区供电所", acceptedAt="2024-07-26 09:00", request="申请新装电表。",
    handling="2024年7月26日，客户经理周杰根据报装规定已为客户按装电表，客户反应的部份问题以经解决。",
    customerOpinion="客户表示满意。", handler="周杰", handledAt="2024-07-26 15:00", sentAt="2024-07-26 16:00"))
R.append(record(  # punctuation (half-width between Han; long text without punctuation)
    "2024070200020", "咨询", "城东供电所", acceptedAt="2024-07-27 09:00", request="询问电费为何上涨。",
    handling="2024年7月27日,客户经理王磊根据电价政策已解释电费构成.本月用电1,200.5千瓦时。",
    customerOpinion="客户表示理解。", handler="王磊", handledAt="2024-07-27 10:00", sentAt="2024-07-27 10:30"))
R.append(record(
    "2024070200021", "意见", "城西供电所", acceptedAt="2024-07-27 09:00", request="对抄表时间有意见。",
    handling="2024年7月27日台区经理李强按照抄表例日规定已调整抄表时间并告知客户新的抄表日期",
    customerOpinion="客户表示认可。", handler="李强", handledAt="2024-07-27 11:00", sentAt="2024-07-27 11:30"))
# ---- faulty repair orders -----------------------------------------------------------------
R.append(record(  # repair-time-order (arrived before departed), repair-content (no opinion)
    "2024070300001", "报修", "城东供电所", area="城区",
    handling="抢修人员到达现场，更换熔断器后恢复供电。",
    dispatchedAt="2024-07-28 10:00", receivedAt="2024-07-28 10:01", departedAt="2024-07-28 10:20",
    arrivedAt="2024-07-28 10:15", arrivalRecordedAt="2024-07-28 10:16", repairedAt="2024-07-28 11:00",
    sentAt="2024-07-28 11:02"))
R.append(record(  # repair-accept-sla (4 minutes)
    "2024070300002", "报修", "城西供电所", area="城区",
    handling="10时40分到达现场，排除表后线故障。", customerOpinion="满意",
    dispatchedAt="2024-07-28 10:00", receivedAt="2024-07-28 10:04", departedAt="2024-07-28 10:10",
    arrivedAt="2024-07-28 10:40", arrivalRecordedAt="2024-07-28 10:42", repairedAt="2024-07-28 11:10",
    sentAt="2024-07-28 11:12"))
R.append(record(  # repair-arrival-sla (rural, 100 minutes > 90)
    "2024070300003", "报修", "河湾供电所", area="农村",
    handling="抢修人员到场后修复断线，客户表示理解。", customerOpinion="理解",
    dispatchedAt="2024-07-29 08:00", receivedAt="2024-07-29 08:02", departedAt="2024-07-29 08:10",
    arrivedAt="2024-07-29 09:42", arrivalRecordedAt="2024-07-29 09:44", repairedAt="2024-07-29 10:30",
    sentAt="2024-07-29 10:33"))
R.append(record(  # repair-arrival-sla (no area: counts as 城区, 50 > 45), repair-entry-lag (sent 20 minutes after repair)
    "2024070300004", "报修", "城南供电所",
    handling="抢修人员到达现场，处理完毕。", customerOpinion="满意",
    dispatchedAt="2024-07-30 14:00", receivedAt="2024-07-30 14:01", departedAt="2024-07-30 14:05",
    arrivedAt="2024-07-30 14:51", arrivalRecordedAt="2024-07-30 15:00", repairedAt="2024-07-30 15:30",
    sentAt="2024-07-30 15:50"))
R.append(record(  # repair required fields missing, repair-content
    "2024070300005", "报修", "城北营业厅", area="城区",
    handling="已处理。", dispatchedAt="2024-07-31 09:00", receivedAt="2024-07-31 09:01"))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "replies.jsonl"), "w", encoding="utf-8") as out:
    for row in R:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"wrote {len(R)} records")

# A second, small export with unreadable lines: parse-error fires on lines 2 and 4 only, and the
# readable records around them are still checked.
BROKEN = [
    json.dumps(R[0], ensure_ascii=False),
    '{"工单编号": "2024070400001", "业务类型": "咨询", "处理情况": "未闭合的字符串}',
    json.dumps(R[3], ensure_ascii=False),
    '{"工单编号": "2024070400002" "业务类型": "咨询"}',
]
with open(os.path.join(here, "replies-broken.jsonl"), "w", encoding="utf-8") as out:
    out.write("\n".join(BROKEN) + "\n")
print(f"wrote {len(BROKEN)} lines to replies-broken.jsonl")
