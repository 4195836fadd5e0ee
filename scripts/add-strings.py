#!/usr/bin/env python3
"""Adds or replaces UI strings in UiStrings.resx (en) and UiStrings.zh.resx (zh).
Usage: scripts/add-strings.py FILE.tsv   (lines: name<TAB>english<TAB>chinese)"""
import sys, re
from xml.sax.saxutils import escape

base = "src/ImmersiveLab.Web/Resources/UiStrings"
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
for suffix, col in ((".resx", 1), (".zh.resx", 2)):
    path = base + suffix
    text = open(path, encoding="utf-8").read()
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
