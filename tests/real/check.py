#!/usr/bin/env python3
# check.py
# Checks the guide of every SIP response in a capture against an expected-results
# file, reading tshark's PDML output (the plugin's own tree, message by message).
#
#   tshark ... -T pdml | check.py EXPECTED
#
# EXPECTED has one line per SIP response, in capture order:
#
#   CODE CLASS METHOD CATEGORY [FIELD=VALUE ...]
#
# CODE, CLASS, METHOD and CATEGORY are compared with sipguide.code,
# sipguide.class, sipguide.method and sipguide.category of that response's
# guide. Each FIELD=VALUE (FIELD a sipguide.* filter name, VALUE without
# spaces, %20 for a space) must be one of the values that FIELD has in the same
# guide; FIELD=* says FIELD is there with any value (a frame number, say), and
# FIELD=- that the guide has no FIELD at all. '#' starts a comment.
#
# Whatever EXPECTED says, every message with a sip.Status-Code must have exactly
# one guide, with sipguide.code equal to it, in the same order.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import sys
import xml.etree.ElementTree as ET

# The four fields every expected line gives, in column order.
BASE_FIELDS = ("sipguide.code", "sipguide.class", "sipguide.method", "sipguide.category")


def fields_of(proto):
    """All fields under a PDML proto element, as name -> list of shown values."""
    found = {}
    for field in proto.iter("field"):
        name = field.get("name")
        if name:
            found.setdefault(name, []).append(field.get("show", ""))
    return found


def read_capture(stream):
    """Yields (frame, call_id, guide fields) per response; collects invariant errors."""
    responses, errors = [], []
    for _, packet in ET.iterparse(stream):
        if packet.tag != "packet":
            continue
        frame = "?"
        codes = []      # (Status-Code, Call-ID) of each SIP response message, in order
        guides = []     # fields of each sipguide subtree, in order
        for proto in packet.findall("proto"):
            name = proto.get("name")
            if name == "frame":
                for field in proto.findall("field"):
                    if field.get("name") == "frame.number":
                        frame = field.get("show")
            elif name == "sip":
                found = fields_of(proto)
                for code in found.get("sip.Status-Code", []):
                    codes.append((code, (found.get("sip.Call-ID") or ["?"])[0]))
            elif name == "sipguide":
                guides.append(fields_of(proto))
        packet.clear()

        guide_codes = [g.get("sipguide.code", []) for g in guides]
        if any(len(c) != 1 for c in guide_codes):
            errors.append(f"frame {frame}: a guide without exactly one sipguide.code: "
                          f"{guide_codes}")
        flat = [c[0] for c in guide_codes if c]
        if flat != [c for c, _ in codes]:
            errors.append(f"frame {frame}: sip.Status-Code {[c for c, _ in codes]} "
                          f"but sipguide.code {flat}")
            continue
        for (code, call_id), guide in zip(codes, guides):
            responses.append((frame, call_id, guide))
    return responses, errors


def read_expected(path):
    """Expected lines as (line number, {field: value}, [(field, value) extra checks])."""
    expected = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) < len(BASE_FIELDS):
                sys.exit(f"{path}:{number}: needs CODE CLASS METHOD CATEGORY")
            base = dict(zip(BASE_FIELDS, line))
            extra = []
            for item in line[len(BASE_FIELDS):]:
                field, sep, value = item.partition("=")
                if not sep or not field.startswith("sipguide."):
                    sys.exit(f"{path}:{number}: '{item}' is not sipguide.FIELD=VALUE")
                extra.append((field, value.replace("%20", " ")))
            expected.append((number, base, extra))
    return expected


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tshark ... -T pdml | check.py EXPECTED")
    path = sys.argv[1]
    expected = read_expected(path)
    responses, errors = read_capture(sys.stdin.buffer)

    for i, (number, base, extra) in enumerate(expected):
        if i >= len(responses):
            errors.append(f"{path}:{number}: expected a response "
                          f"{' '.join(base.values())}, but the capture has only "
                          f"{len(responses)} response(s)")
            continue
        frame, call_id, guide = responses[i]
        where = f"{path}:{number}: frame {frame} (Call-ID {call_id})"
        for field, want in base.items():
            got = guide.get(field, [])
            if got != [want]:
                errors.append(f"{where}: {field} is {got or 'missing'}, expected {want}")
        # Checks beyond the four base fields. Evidence and transaction links
        # (the fields the guide will add for Retry-After, Reason, Min-Expires,
        # Warning, Contact, the request a response answers ...) are checked here
        # once the expected files name them as FIELD=VALUE on the response's line.
        for field, want in extra:
            got = guide.get(field, [])
            if want == "-":
                if got:
                    errors.append(f"{where}: {field} is {got}, expected none")
            elif want == "*":
                if not got:
                    errors.append(f"{where}: {field} is missing")
            elif want not in got:
                errors.append(f"{where}: {field} is {got or 'missing'}, expected {want}")
    for frame, call_id, guide in responses[len(expected):]:
        errors.append(f"frame {frame} (Call-ID {call_id}): response "
                      f"{' '.join(guide.get(f, ['?'])[0] for f in BASE_FIELDS)} "
                      f"is not in {path}")

    for e in errors:
        print(e, file=sys.stderr)
    print(f"{len(responses)} response(s) in the capture, {len(expected)} expected, "
          f"{len(errors)} problem(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
