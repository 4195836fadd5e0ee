#!/usr/bin/env python3
"""Adds or replaces strings in a resx pair: BASE.resx (en) and BASE.zh.resx (zh), made when missing.
Usage: scripts/add-strings.py FILE.tsv [BASE]   (lines: name<TAB>english<TAB>chinese;
BASE defaults to src/ImmersiveLab.Web/Resources/UiStrings)"""
import sys, re
from xml.sax.saxutils import escape

import os
base = sys.argv[2] if len(sys.argv) > 2 else "src/ImmersiveLab.Web/Resources/UiStrings"
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
for suffix, col in ((".resx", 1), (".zh.resx", 2)):
    path = base + suffix
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else HEADER
    for row in rows:
        name, value = row[0], row[col]
        entry = f'  <data name="{name}" xml:space="preserve"><value>{escape(value)}</value></data>\n'
        pattern = re.compile(r'  <data name="' + re.escape(name) + r'" xml:space="preserve"><value>.*?</value></data>\n', re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: entry, text)
        else:
            text = text.replace("</root>", entry + "</root>")
    open(path, "w", encoding="utf-8").write(text)
print(f"{len(rows)} strings")
