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
# guide. Then any number of checks of that guide (FIELD a sipguide.* filter
# name, VALUE without spaces, %20 for a space):
#
#   FIELD=VALUE    VALUE is one of the values FIELD has in the guide
#   FIELD=*        FIELD is there, with any value
#   FIELD=-        the guide has no FIELD at all
#   FIELD~=TEXT    one of FIELD's values contains TEXT (a sentence of
#                  evidence, say, whose other words hold a port number)
#   FIELD=@METHOD  FIELD is a frame link, and the frame it names holds a
#                  METHOD request with the response's Call-ID (frame numbers
#                  change between live runs; what they point at does not)
#   FIELD=@APP:CMD FIELD is a frame link to a Diameter message: APP is Cx or
#                  Rx (diameter.applicationId), CMD the command and its
#                  direction, e.g. UAA, MAR, AAA, ASR (diameter.cmd.code and
#                  diameter.flags.request); see DIAMETER below
#
# A line that starts with a space or a tab holds more checks for the response
# of the line above. '#' starts a comment.
#
# Whatever EXPECTED says, every message with a sip.Status-Code must have exactly
# one guide, with sipguide.code equal to it, in the same order; and every frame
# link a guide has must point at a frame of the capture that holds what the
# link says (see LINKS below).
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


def first(found, name):
    return (found.get(name) or [None])[0]


def sip_message(found):
    """What the checks need of one SIP message (fields of its PDML proto)."""
    return {
        "method": first(found, "sip.Method"),           # None for a response
        "code": first(found, "sip.Status-Code"),         # None for a request
        "call_id": first(found, "sip.Call-ID"),
        "cseq": (first(found, "sip.CSeq.seq"), first(found, "sip.CSeq.method")),
        "credentials": "sip.Authorization" in found or "sip.Proxy-Authorization" in found,
    }


def read_capture(stream):
    """Returns (frame, message, guide fields) per response, the SIP messages of
    every frame, and the invariant errors."""
    responses, errors, messages = [], [], {}
    for _, packet in ET.iterparse(stream):
        if packet.tag != "packet":
            continue
        frame = "?"
        codes = []      # SIP response messages, in order
        guides = []     # fields of each sipguide subtree, in order
        for proto in packet.findall("proto"):
            name = proto.get("name")
            if name == "frame":
                for field in proto.findall("field"):
                    if field.get("name") == "frame.number":
                        frame = field.get("show")
            elif name == "sip":
                message = sip_message(fields_of(proto))
                messages.setdefault(frame, []).append(message)
                if message["code"] is not None:
                    codes.append(message)
            elif name == "sipguide":
                guides.append(fields_of(proto))
            elif name == "diameter":
                DIAMETER_MESSAGES.setdefault(frame, []).append(diameter_message(proto))
        packet.clear()

        guide_codes = [g.get("sipguide.code", []) for g in guides]
        if any(len(c) != 1 for c in guide_codes):
            errors.append(f"frame {frame}: a guide without exactly one sipguide.code: "
                          f"{guide_codes}")
        flat = [c[0] for c in guide_codes if c]
        if flat != [m["code"] for m in codes]:
            errors.append(f"frame {frame}: sip.Status-Code {[m['code'] for m in codes]} "
                          f"but sipguide.code {flat}")
            continue
        for message, guide in zip(codes, guides):
            responses.append((frame, message, guide))
    return responses, messages, errors


# LINKS: what the frame named by each link field must hold, for a response
# (resp) in frame `at`: (the link's frame comes before the response?, test of
# a SIP message of that frame, what the test says).
def same_call(msg, resp):
    return msg["call_id"] == resp["call_id"]


LINKS = {
    "sipguide.request_in": (
        True, lambda m, r: m["method"] is not None and same_call(m, r) and m["cseq"] == r["cseq"],
        "the request it answers (same Call-ID and CSeq)"),
    "sipguide.cancel_in": (
        True, lambda m, r: m["method"] == "CANCEL" and same_call(m, r)
        and m["cseq"][0] == r["cseq"][0],
        "a CANCEL of the same Call-ID and CSeq number"),
    "sipguide.auth_retry_in": (
        False, lambda m, r: m["method"] == r["cseq"][1] and same_call(m, r) and m["credentials"]
        and m["cseq"][0] is not None and r["cseq"][0] is not None
        and int(m["cseq"][0]) > int(r["cseq"][0]),
        "a later request of the same Call-ID and method, with credentials"),
    "sipguide.retransmission_of": (
        True, lambda m, r: m["code"] == r["code"] and same_call(m, r) and m["cseq"] == r["cseq"],
        "an earlier copy of the response (same code, Call-ID and CSeq)"),
    "sipguide.dialog_invite_in": (
        True, lambda m, r: m["method"] == "INVITE" and same_call(m, r),
        "an INVITE of the same Call-ID"),
}


def check_links(frame, resp, guide, messages):
    """Errors for every link of a guide that does not point where it says."""
    errors = []
    for field, (before, test, what) in LINKS.items():
        for target in guide.get(field, []):
            where = f"frame {frame}: {field} {target}"
            if not target.isdigit() or not frame.isdigit():
                errors.append(f"{where}: not a frame number")
            elif (int(target) < int(frame)) != before or target == frame:
                errors.append(f"{where}: should be {'before' if before else 'after'} "
                              f"frame {frame}")
            elif not any(test(m, resp) for m in messages.get(target, [])):
                errors.append(f"{where}: that frame does not hold {what}")
    return errors


# DIAMETER: the messages of each frame, as (application, command), e.g.
# ("Cx", "UAA"), filled by read_capture; and what @APP:CMD may name.
DIAMETER_MESSAGES = {}
DIAMETER_APPLICATIONS = {"16777216": "Cx", "16777236": "Rx", "16777217": "Sh"}
DIAMETER_COMMANDS = {"300": "UA", "301": "SA", "302": "LI", "303": "MA", "304": "RT",
                     "305": "PP", "306": "UD", "307": "PU", "308": "SN", "309": "PN",
                     "265": "AA", "258": "RA", "274": "AS", "275": "ST"}


def diameter_message(proto):
    """(application, command) of one Diameter message of a PDML proto."""
    found = fields_of(proto)
    app = DIAMETER_APPLICATIONS.get(first(found, "diameter.applicationId"), "?")
    code = first(found, "diameter.cmd.code")
    request = first(found, "diameter.flags.request") in ("1", "True")
    return app, DIAMETER_COMMANDS.get(code, code or "?") + ("R" if request else "A")


def diameter_link_problem(field, want, got):
    """The problem with FIELD=@APP:CMD (a link to a Diameter message), or None."""
    if not got:
        return f"{field} is missing, expected a link to a Diameter {want}"
    app, _, command = want.partition(":")
    if not any((app, command) in DIAMETER_MESSAGES.get(target, []) for target in got):
        held = "; ".join(f"frame {target}: " + (", ".join(f"{a}:{c}" for a, c in
                                                         DIAMETER_MESSAGES.get(target, []))
                                                 or "no Diameter message") for target in got)
        return f"{field} is {got}, expected a frame with a Diameter {want} ({held})"
    return None


def check_extra(field, want, guide, resp, messages):
    """The problem with one FIELD=VALUE check of a guide, or None."""
    got = guide.get(field.rstrip("~"), [])
    if field.endswith("~"):
        if not any(want in g for g in got):
            return f"{field[:-1]} is {got or 'missing'}, expected one containing '{want}'"
    elif want == "-":
        if got:
            return f"{field} is {got}, expected none"
    elif want == "*":
        if not got:
            return f"{field} is missing"
    elif want.startswith("@") and ":" in want:
        return diameter_link_problem(field, want[1:], got)
    elif want.startswith("@"):
        method = want[1:]
        if not got:
            return f"{field} is missing, expected a link to a request with method {method}"
        if not any(m["method"] == method and same_call(m, resp)
                   for target in got for m in messages.get(target, [])):
            return (f"{field} is {got}, expected a frame with a request with method "
                    f"{method} and Call-ID {resp['call_id']}")
    elif want not in got:
        return f"{field} is {got or 'missing'}, expected {want}"
    return None


def read_expected(path):
    """Expected lines as (line number, {field: value}, [(field, value) extra checks])."""
    expected = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            line = text.split("#", 1)[0].split()
            if not line:
                continue
            continued = text[0] in " \t"
            if continued and not expected:
                sys.exit(f"{path}:{number}: a continuation line before any response")
            if not continued and len(line) < len(BASE_FIELDS):
                sys.exit(f"{path}:{number}: needs CODE CLASS METHOD CATEGORY")
            extra = expected[-1][2] if continued else []
            for item in line if continued else line[len(BASE_FIELDS):]:
                field, sep, value = item.partition("=")
                if not sep or not field.startswith("sipguide.") or not value:
                    sys.exit(f"{path}:{number}: '{item}' is not sipguide.FIELD=VALUE "
                             "or sipguide.FIELD~=TEXT")
                extra.append((field, value.replace("%20", " ")))
            if not continued:
                expected.append((number, dict(zip(BASE_FIELDS, line)), extra))
    return expected


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tshark ... -T pdml | check.py EXPECTED")
    path = sys.argv[1]
    expected = read_expected(path)
    responses, messages, errors = read_capture(sys.stdin.buffer)
    for frame, resp, guide in responses:
        errors.extend(check_links(frame, resp, guide, messages))

    for i, (number, base, extra) in enumerate(expected):
        if i >= len(responses):
            errors.append(f"{path}:{number}: expected a response "
                          f"{' '.join(base.values())}, but the capture has only "
                          f"{len(responses)} response(s)")
            continue
        frame, resp, guide = responses[i]
        where = f"{path}:{number}: frame {frame} (Call-ID {resp['call_id']})"
        for field, want in base.items():
            got = guide.get(field, [])
            if got != [want]:
                errors.append(f"{where}: {field} is {got or 'missing'}, expected {want}")
        # Evidence (Retry-After, Reason, Warning, Min-Expires ...) and
        # transaction links (the request a response answers, its CANCEL, the
        # retry with credentials ...), as the response's line names them.
        for field, want in extra:
            problem = check_extra(field, want, guide, resp, messages)
            if problem:
                errors.append(f"{where}: {problem}")
    for frame, resp, guide in responses[len(expected):]:
        errors.append(f"frame {frame} (Call-ID {resp['call_id']}): response "
                      f"{' '.join(guide.get(f, ['?'])[0] for f in BASE_FIELDS)} "
                      f"is not in {path}")

    for e in errors:
        print(e, file=sys.stderr)
    print(f"{len(responses)} response(s) in the capture, {len(expected)} expected, "
          f"{len(errors)} problem(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
