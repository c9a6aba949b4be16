#!/usr/bin/env python3
"""Writes the XML fixtures used by Tests/ReplyLintReadersTests/XMLReaderTests.swift.

Run: python3 Fixtures/xml/make.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, encoding="utf-8"):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(text.encode(encoding))


# Must never be resolved: the reader reports the reference and /etc/passwd is never read.
write("external-entity.xml", """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE 工单列表 [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y SYSTEM "http://127.0.0.1:9/evil">]>
<工单列表>
  <工单><工单编号>E1</工单编号><业务类型>咨询</业务类型><处理情况>&x;</处理情况></工单>
  <工单><工单编号>E2</工单编号><业务类型>咨询</业务类型><处理情况>已答复&y;</处理情况></工单>
</工单列表>
""")

# Billion laughs: 10^9 "lol"s if expanded. Must finish quickly in little memory.
entities = ['<!ENTITY lol "lol">'] + [
    '<!ENTITY lol%d "%s">' % (i, ("&lol;" if i == 1 else "&lol%d;" % (i - 1)) * 10) for i in range(1, 10)]
write("billion-laughs.xml", """<?xml version="1.0"?>
<!DOCTYPE 工单列表 [%s]>
<工单列表>
  <工单><工单编号>B1</工单编号><业务类型>咨询</业务类型><处理情况>&lol9;</处理情况></工单>
</工单列表>
""" % "\n".join(entities))

# Cut off in the middle of the third record.
write("truncated.xml", """<?xml version="1.0" encoding="UTF-8"?>
<工单列表>
  <工单>
    <工单编号>T1</工单编号>
    <业务类型>投诉</业务类型>
    <处理情况>经核实，客户已撤诉。</处理情况>
    <是否属实>否</是否属实>
    <电力公司责任标志>否</电力公司责任标志>
  </工单>
  <工单>
    <工单编号>T2</工单编号>
    <业务类型>咨询</业务类型>
    <处理情况>已答复。</处理情况>
  </工单>
  <工单>
    <工单编号>T3</工单编号>
    <业务类型>咨
""")

# Fields as elements and attributes, exact positions, attachments in all three shapes.
write("attachments.xml", """<?xml version="1.0" encoding="UTF-8"?>
<records>
  <工单 工单编号="A1" 业务类型="投诉">
    <处理情况>经核实，客户已撤诉。</处理情况>
    <附件 name="现场照片.zip" size="6MB"/>
    <附件 name="说明.pdf" size="20KB"/>
  </工单>
  <工单>
    <工单编号>A2</工单编号>
    <附件列表><附件 name="a.pdf" size="1MB"/><附件><name>b.jpg</name><size>7MB</size></附件></附件列表>
    <处理情况>详见附件&amp;说明</处理情况>
  </工单>
  <record orderId="A3">
    <attachments><attachment name="c.doc" size="300KB"/></attachments>
    <reply><![CDATA[已答复<客户>]]></reply>
    <ATTACH>d.pdf(2MB);e.png:20480</ATTACH>
  </record>
</records>
""")

# GB18030 declared in the prolog (as Chinese Windows tools write it).
write("gb18030.xml", """<?xml version="1.0" encoding="GB18030"?>
<工单列表>
  <工单><工单编号>G1</工单编号><业务类型>投诉</业务类型><处理情况>经核实，客户已撤诉。</处理情况></工单>
</工单列表>
""", "gb18030")

# Not well-formed in the middle: the first record is still read.
write("mismatched.xml", """<?xml version="1.0" encoding="UTF-8"?>
<工单列表>
  <工单><工单编号>M1</工单编号><业务类型>投诉</业务类型><处理情况>客户已撤诉</处理情况></工单>
  <工单><工单编号>M2</工单编号><业务类型>咨询</类型></工单>
  <工单><工单编号>M3</工单编号><业务类型>咨询</业务类型></工单>
</工单列表>
""")

# Markup the position tracker must skip: comments and a DTD comment with quotes and brackets,
# a processing instruction with a fake tag, attribute values with > and quotes, CDATA, prefixes.
write("tricky.xml", """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <fake> tags and 'quotes -->
<!DOCTYPE r [
  <!-- it's a comment in the DTD with a ] bracket -->
  <!ELEMENT r ANY>
  <!ATTLIST rec note CDATA "x>y">
]>
<?pi <notatag>?>
<x:r xmlns:x="urn:x">
  <x:rec a="1>2" b='q"uote'>
    <x:handling><![CDATA[<not>a tag</not>]]>客户已撤诉</x:handling>
    <id>T1</id>
  </x:rec>
  <x:rec><id>T2</id><handling>客户已撤诉</handling></x:rec>
</x:r>
""")
