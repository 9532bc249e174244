#!/usr/bin/env python3
"""Moves each line link in the docs, such as [`ForwardCore`](../../Reference/Layers/FullyConnected.cs#L69), to the
line that now declares the name it shows. Run it after editing code; DocumentationTests fails until the links are
right, and says which ones are not. Usage: python3 docs/update-line-links.py (from the repository's root)."""
import os
import re
import sys

LINK = re.compile(r'\[`(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<rest>[^\]]*)\]\((?P<file>[^)#\s]+)#L(?P<line>\d+)\)')
changed = 0
pages = [os.path.join(d, f) for d, _, fs in os.walk("docs") for f in fs if f.endswith(".md")] + ["README.md"]
for page in pages:
    text = open(page, encoding="utf-8").read()

    def fix(m):
        global changed
        target = os.path.normpath(os.path.join(os.path.dirname(page), m["file"]))
        lines = open(target, encoding="utf-8").read().split("\n")
        line = int(m["line"])
        if line <= len(lines) and m["name"] in lines[line - 1]:
            return m.group(0)
        for n, source in enumerate(lines, 1):
            if re.search(rf'\b{m["name"]}\b\s*[(<]', source):
                changed += 1
                return m.group(0).replace(f'#L{m["line"]})', f"#L{n})")
        print(f"{page}: {m['name']} not found in {target}", file=sys.stderr)
        return m.group(0)

    new = LINK.sub(fix, text)
    if new != text:
        open(page, "w", encoding="utf-8").write(new)
print(f"{changed} line links moved")
