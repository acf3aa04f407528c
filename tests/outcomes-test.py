#!/usr/bin/env python3
# outcomes-test.py: every outcome word of data/vocabulary.txt is produced by
# at least one test capture, in the golden output a person has read: the
# guide ("Call outcome: WORD", "Registration outcome: WORD") or the calls
# table (its Outcome column).  The request outcomes are checked the same way.
#
# SPDX-License-Identifier: GPL-2.0-or-later
import glob
import re
import sys

REQUEST_OUTCOMES = ["final", "provisional-only", "timed-out", "capture-ended"]


def vocabulary(path, section):
    words, inside = [], False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("["):
            inside = line.strip() == f"[{section}]"
            continue
        m = re.match(r"^([a-z0-9-]+)\s*=", line)
        if inside and m:
            words.append(m.group(1))
    return words


def main(root):
    text = ""
    for pattern in ("tests/golden/*", "tests/real/golden/*"):
        for path in sorted(glob.glob(f"{root}/{pattern}")):
            text += open(path, encoding="utf-8", errors="replace").read()
    kinds = [("Call outcome", "call", vocabulary(f"{root}/data/vocabulary.txt", "call-outcome")),
             ("Registration outcome", "registration",
              vocabulary(f"{root}/data/vocabulary.txt", "registration-outcome")),
             ("Request outcome", None, REQUEST_OUTCOMES)]
    missing = []
    for label, kind, words in kinds:
        if not words:
            missing.append(f"data/vocabulary.txt: no words for {label}")
        for word in words:
            guide = re.search(rf"{label}: {re.escape(word)}\b", text)
            table = kind is not None and re.search(rf"\|{kind} \|{re.escape(word)} \|", text)
            if not guide and not table:
                missing.append(f"{label} '{word}': no test capture produces it")
    for m in missing:
        print(m)
    print(f"{sum(len(w) for _, _, w in kinds)} outcome words, {len(missing)} not produced")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
