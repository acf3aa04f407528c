#!/usr/bin/env python3
# readme-test.py: the examples of README.md are what the plugin prints.
#
# A fenced block preceded by a line `<!-- output: FILE [frame N] [loose] -->` must be an excerpt
# of that golden file (of its section for frame N): its lines, with brackets and indentation
# left out, appear there in the same order.  `...` in a block stands for lines left out; with
# `loose`, lines without brackets (subtree titles the golden file does not hold) are not looked
# for.  A marker without a block, or a block whose line is not found, fails the test.
#
# SPDX-License-Identifier: GPL-2.0-or-later
import re
import sys


def norm(line):
    line = line.strip()
    if line.startswith("[") and line.endswith("]"):
        line = line[1:-1]
    return line


def section(lines, frame):
    out, inside = [], frame is None
    for line in lines:
        m = re.match(r"^(?:== frame (\d+)$|frame (\d+):)", line)
        if m:
            inside = (m.group(1) or m.group(2)) == frame
            if frame is not None and inside and m.group(2):
                out.append(line)
            continue
        if inside:
            out.append(line)
    return out


def main(root):
    readme = open(f"{root}/README.md", encoding="utf-8").read().split("\n")
    problems, checked = [], 0
    i = 0
    while i < len(readme):
        m = re.match(r"^<!-- output: (\S+)(?: frame (\d+))?( loose)? -->$", readme[i])
        i += 1
        if not m:
            continue
        where = f"README.md:{i}"
        if i >= len(readme) or not readme[i].startswith("```"):
            problems.append(f"{where}: no code block right after the marker")
            continue
        block = []
        i += 1
        while i < len(readme) and not readme[i].startswith("```"):
            block.append((i + 1, readme[i]))
            i += 1
        try:
            golden = open(f"{root}/{m.group(1)}", encoding="utf-8").read().split("\n")
        except OSError as e:
            problems.append(f"{where}: {e}")
            continue
        have = [norm(x) for x in section(golden, m.group(2))]
        if not have:
            problems.append(f"{where}: {m.group(1)} has no section for frame {m.group(2)}")
            continue
        at = 0
        for n, line in block:
            want = norm(line)
            if not want or want == "...":
                continue
            if m.group(3) and not line.strip().startswith("["):
                continue
            try:
                at = have.index(want, at) + 1
            except ValueError:
                problems.append(f"README.md:{n}: not in {m.group(1)}"
                                + (f" frame {m.group(2)}" if m.group(2) else "")
                                + f" (or not in this order): {line.strip()[:100]}")
                break
        checked += 1
    if checked == 0:
        problems.append("README.md: no example is marked with <!-- output: ... -->")
    for p in problems:
        print(p)
    print(f"{checked} example(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
