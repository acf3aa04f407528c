#!/usr/bin/env python3
# fuzz_cases.py
# Writes captures of malformed and hostile SIP responses for tools/fuzz.sh.
#
#   tools/fuzz_cases.py --out DIR [--random N] [--seed S] [--list]
#
# Each theme below becomes DIR/crafted-THEME.pcap, made with the flow file
# syntax of tools/make-captures.py (its flow is kept beside it as
# DIR/crafted-THEME.flow, so a failing case can be read and replayed):
# Status-Lines with codes such as 0, 99, 700, 4294967301 or non-digits,
# missing reason phrases, extra spaces; every header the guide reads, broken
# in the ways a parser trips on; truncations at every few bytes; NUL bytes;
# a Status-Line with no headers; thousands of Reason, Warning or Contact
# headers; huge header values and bodies; invalid UTF-8; odd transactions;
# many responses in one TCP segment.  --random N adds N responses made from
# tests/messages by seeded random edits (crafted-random.pcap).  The output
# depends only on the arguments.  The last line printed is "frames N".
#
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse
import importlib.util
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MESSAGES = os.path.join(ROOT, "tests", "messages")

_spec = importlib.util.spec_from_file_location(
    "make_captures", os.path.join(ROOT, "tools", "make-captures.py"))
mc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mc)

UDP_MAX = 60000         # payload bytes in one UDP packet (IPv4 allows 65507)
TCP_SEGMENT = 30000     # payload bytes in one TCP segment

CALL = "fz-%d@192.0.2.10"


# ---------------------------------------------------------------------------
# Messages

def crlf(lines):
    return "\r\n".join(lines).encode("latin-1")


def response(status, headers=(), body=b"", cseq="1 INVITE", call=1,
             branch="z9hG4bKfz1", length=True):
    """A response: 'status' is the whole first line (bytes or str)."""
    if isinstance(status, str):
        status = status.encode("latin-1")
    head = [b"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch.encode(),
            b"From: <sip:+15551230001@ims.example.net>;tag=fz-a",
            b"To: <sip:+15551230009@ims.example.net>;tag=fz-b",
            b"Call-ID: " + (CALL % call).encode(),
            b"CSeq: " + (cseq.encode("latin-1") if isinstance(cseq, str) else cseq)]
    for h in headers:
        head.append(h.encode("latin-1") if isinstance(h, str) else h)
    if length:
        head.append(b"Content-Length: %d" % len(body))
    return status + b"\r\n" + b"\r\n".join(head) + b"\r\n\r\n" + body


def request(method="INVITE", cseq=1, call=1, headers=(), branch="z9hG4bKfz1"):
    head = ["%s sip:+15551230009@ims.example.net SIP/2.0" % method,
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=%s" % branch,
            "Max-Forwards: 70",
            "From: <sip:+15551230001@ims.example.net>;tag=fz-a",
            "To: <sip:+15551230009@ims.example.net>",
            "Call-ID: " + CALL % call,
            "CSeq: %s %s" % (cseq, method),
            "Contact: <sip:+15551230001@192.0.2.10>"]
    head += list(headers)
    head.append("Content-Length: 0")
    return crlf(head) + b"\r\n\r\n"


def resp(code, phrase="Fuzz", **kw):
    return response("SIP/2.0 %s %s" % (code, phrase), **kw)


# ---------------------------------------------------------------------------
# Flow files

def escape(payload):
    """Bytes as the TEXT of a flow 'raw' statement."""
    out = []
    for i, b in enumerate(payload):
        c = chr(b)
        if c == "\\":
            out.append("\\\\")
        elif c == "\r":
            out.append("\\r")
        elif c == "\n":
            out.append("\\n")
        elif 0x21 <= b <= 0x7E or (c == " " and 0 < i < len(payload) - 1):
            out.append(c)
        else:
            out.append("\\x%02x" % b)
    return "".join(out)


class Flow:
    """A flow file under construction: UDP packets on 'u', TCP on 't'."""

    def __init__(self, title):
        self.lines = ["# " + title,
                      "conn u udp 192.0.2.10:5060 198.51.100.20:5060",
                      "conn t tcp 192.0.2.10:5062 198.51.100.20:5060"]

    def udp(self, payload, inbound=True):
        """One UDP packet; a payload too big for one goes over TCP instead."""
        if not payload:
            return
        if len(payload) > UDP_MAX:
            self.tcp(payload, inbound)
            return
        self.lines.append("u %s raw %s" % ("<" if inbound else ">", escape(payload)))

    def tcp(self, payload, inbound=True, split=None):
        """One or more TCP segments; 'split' cuts the first one there."""
        d = "<" if inbound else ">"
        if split is not None and 0 < split < len(payload) <= TCP_SEGMENT:
            self.lines.append("t %s split=%d raw %s" % (d, split, escape(payload)))
            return
        for i in range(0, len(payload), TCP_SEGMENT):
            self.lines.append("t %s raw %s" % (d, escape(payload[i:i + TCP_SEGMENT])))

    def text(self):
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------
# Themes

def theme_status(f):
    """Status-Lines: odd codes, phrases, spaces, versions, no headers."""
    f.udp(request())
    codes = ["0", "00", "000", "99", "099", "100", "199", "200", "699", "700", "999",
             "1000", "4294967301", "4294967295", "4294967296", "18446744073709551617",
             "-1", "+486", "4a6", "48x", "abc", "4.6", "0x1F6", "486486", "9" * 300,
             "\u00bd".encode("utf-8").decode("latin-1"), "\t486"]
    for code in codes:
        f.udp(resp(code, "Fuzz Code"))
    for line in [b"SIP/2.0 486", b"SIP/2.0 486 ", b"SIP/2.0 486  ", b"SIP/2.0  486 Busy Here",
                 b"SIP/2.0 486\tBusy Here", b"SIP/2.0\t486 Busy Here", b"SIP/2.0   486   Busy   Here   ",
                 b" SIP/2.0 486 Busy Here", b"sip/2.0 486 Busy Here", b"SIP/3.0 486 Busy Here",
                 b"SIP/2.0/486 Busy Here", b"SIP/2.0", b"SIP/2.0 ", b"SIP/2.0 4", b"SIP/2.0 48",
                 b"SIP/2.0 486" + b" " * 200, b"SIP/2.0 486 " + b"B" * 3000,
                 b"SIP/2.0 486 Busy\rHere", b"SIP/2.0 486 Busy\nHere", b"SIP/2.0 486 \xff\xfe\xfd",
                 b"SIP/2.0 401 Unauthorized SIP/2.0 486 Busy Here"]:
        f.udp(response(line))
    # A Status-Line with no headers, with and without its CRLFs.
    for raw in [b"SIP/2.0 486 Busy Here", b"SIP/2.0 486 Busy Here\r\n", b"SIP/2.0 486 Busy Here\r\n\r\n",
                b"SIP/2.0 486 Busy Here\n\n", b"SIP/2.0 700 Too High\r\n\r\n", b"SIP/2.0 0 Zero\r\n\r\n",
                b"SIP/2.0 99 Low\r\n\r\n", b"SIP/2.0 4294967301 Wrap\r\n\r\n", b"SIP/2.0 \r\n\r\n",
                b"SIP/2.0 401\r\n\r\n", b"SIP/2.0 503\r\n\r\n", b"SIP/2.0 423\r\n\r\n",
                b"SIP/2.0 487\r\n\r\n", b"SIP/2.0 481\r\n\r\n", b"SIP/2.0 302\r\n\r\n",
                b"SIP/2.0 380\r\nContent-Type: application/3gpp-ims+xml\r\n\r\n"]:
        f.udp(raw)
        f.tcp(raw)
    # Headers without the mandatory ones, and an empty CSeq method.
    for cseq in ["", "1", "INVITE", "1 ", " 1 INVITE", "4294967295 INVITE", "4294967296 INVITE",
                 "99999999999999999999 INVITE", "-1 INVITE", "1 INVITE INVITE", "1 " + "X" * 2000,
                 "1 \x01\x02\x7f", "1 {method}", "1 %s%s%n"]:
        f.udp(resp(486, "Busy Here", cseq=cseq))
        f.udp(resp(401, "Unauthorized", cseq=cseq))


REASONS = ["", ";", ";;;", "Q.850", "Q.850;", "Q.850;cause", "Q.850;cause=", "Q.850;cause= ",
           "Q.850;cause=x", "Q.850;cause=-1", "Q.850;cause=0", "Q.850;cause=4294967301",
           "Q.850;cause=999999999", "Q.850;cause=9999999999", "Q.850;cause=17;text=",
           "Q.850;cause=17;text=\"", "Q.850;cause=17;text=\"\"", "Q.850;cause=17;text=\"a\\\"b",
           "Q.850;cause=17;text=\"unterminated", "Q.850 ; cause = 17 ; text = \"x\"",
           "Q.850;cause=\"17\"", "Q.850;cause=17,", ",,,,", "\"", "\"\"\"", "<", "<<<<", ">>>>",
           "<Q.850;cause=17>", "SIP;cause=", "SIP;cause=486", "SIP;cause=99999",
           "RELEASE_CAUSE;cause=", "RELEASE_CAUSE;cause=0", "RELEASE_CAUSE;cause=4294967295",
           "FAILURE_CAUSE;cause=2", "FAILURE_CAUSE;cause=x", "X-UNKNOWN;cause=5",
           "Q.850;text=\"no cause\"", ";cause=17", "Q.850;cause=17;cause=18",
           "Q.850;CAUSE=17", "q.850;cause=41", "Q.850;cause=17" + ";x" * 500,
           "Q.850;cause=16, SIP;cause=200, RELEASE_CAUSE;cause=1, FAILURE_CAUSE;cause=3",
           "Q.850;cause=16;text=\"{cause} {name} {code} {expected}\"", "Q.850;cause={cause}"]

WARNINGS = ["", "3", "39", "399", "399 ", "399 h", "399 h ", "399 h \"", "399 h \"\"",
            "399 h \"a\"b\"", "399 h text", "3999 h \"x\"", "0399 h \"x\"", "-99 h \"x\"",
            "999 h \"x\"", "000 h \"x\"", "399\th\t\"tab\"", "399  h  \"two spaces\"",
            "399 h \"a\", 305 h2 \"b\", x", ",,,", "399 h \"" + "," * 200 + "\"",
            "399 " + "h" * 500 + " \"x\"", "399 h \"{warncode}{name}{agent}{text}\"",
            "x99 h \"x\"", "399 h \"%s%s%s%n\""]


def theme_headers(f):
    """Every header the guide reads, broken in many ways, on the codes that read it."""
    f.udp(request())
    f.udp(request("REGISTER", call=2, headers=["Expires: 4294967295"]))
    f.udp(request("REGISTER", cseq=2, call=3,
                  headers=["Contact: <sip:a@192.0.2.10>;expires=99999999999999999999"]))
    f.udp(request("SUBSCRIBE", call=4, headers=["Contact: <sip:a@192.0.2.10>;expires="]))
    for v in REASONS:
        for code in (486, 180, 603, 200):
            f.udp(resp(code, headers=["Reason: " + v]))
    for v in WARNINGS:
        f.udp(resp(488, headers=["Warning: " + v]))
    for v in ["", " ", "x", "-1", "0", "120 (comment", "120 (comment);duration=60", "4294967296",
              "99999999999999999999", "120abc", ";duration=5", "\"120\"", "1" * 5000, "120,130"]:
        f.udp(resp(503, headers=["Retry-After: " + v]))
        f.udp(resp(480, headers=["Retry-After: " + v, "Retry-After: " + v]))
    for v in ["", "Digest", "Digest ", "Digest algorithm", "Digest algorithm=", "Digest algorithm=\"",
              "Digest algorithm=\"AKAv1-MD5", "algorithm=AKAv2", "Digest realm=\"a,b\", algorithm=AKA",
              "Digest realm=\"x\"" + ", a=b" * 500, "Digest algorithm=" + "A" * 5000, ",,,,", "\"\"\"",
              "Digest nonce=\"\", algorithm=\"\""]:
        f.udp(resp(401, headers=["WWW-Authenticate: " + v], cseq="1 REGISTER", call=2))
        f.udp(resp(407, headers=["Proxy-Authenticate: " + v]))
    lists = ["", ",", ",,,,", "a;", ";a", "a;b;c, d;e", "\"a,b\", c", "<a,b>, c", "a" * 3000,
             ", ".join("t%d" % i for i in range(800)), "<<<<<<", ">>>>>>", "\"", "a\\\"b, c"]
    for v in lists:
        f.udp(resp(494, headers=["Security-Server: " + v]))
        f.udp(resp(420, headers=["Unsupported: " + v]))
        f.udp(resp(421, headers=["Require: " + v]))
        f.udp(resp(405, headers=["Allow: " + v]))
        f.udp(resp(415, headers=["Accept: " + v]))
        f.udp(resp(302, headers=["Contact: " + v]))
        f.udp(resp(300, headers=["Contact: " + v, "Contact: " + v]))
        f.udp(resp(604, headers=["Response-Source: " + v]))
    for v in ["", "x", "-1", "0", "4294967295", "4294967296", "99999999999999999999", "90;refresher=uac",
              " 90 ", "1" * 4000]:
        f.udp(resp(422, headers=["Min-SE: " + v]))
        f.udp(resp(423, headers=["Min-Expires: " + v], cseq="1 REGISTER", call=2))
        f.udp(resp(423, headers=["Min-Expires: " + v], cseq="2 REGISTER", call=3))
        f.udp(resp(423, headers=["Min-Expires: " + v], cseq="1 SUBSCRIBE", call=4))
    xml = [b"", b"<", b">", b"<<<<", b"alternative-service", b"alternative-service<type>",
           b"alternative-service<type>emergency", b"alternative-service<type></type>",
           b"alternative-service<:type>a</:type><a:action>b</a:action>",
           b"alternative-service<type:>x</type:><action", b"alternative-service</type>x<type>",
           b"alternative-service<x:y:type>z</x:y:type>", b"alternative-service<type>\x00</type>",
           b"<alternative-service>" + b"<type>" * 2000, b"alternative-service" + b"<" * 5000,
           b"alternative-service<type>" + b"e" * 20000 + b"</type>",
           b"<ims-3gpp><alternative-service><type>restoration</type><action>initial-registration"
           b"</action></alternative-service></ims-3gpp>"]
    for body in xml:
        for ctype in ["application/3gpp-ims+xml", " application/3GPP-IMS+XML;charset=x", "application/3gpp-ims"]:
            f.udp(resp(380, headers=["Content-Type: " + ctype], body=body))
            f.udp(resp(504, headers=["Content-Type: " + ctype], body=body))
    # Compact forms, folded lines, odd case, repeated and empty mandatory headers.
    f.udp(b"SIP/2.0 486 Busy Here\r\nv: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKfz1\r\ni: " + (CALL % 1).encode()
          + b"\r\nCSeq: 1 INVITE\r\nm: <sip:a@b>\r\nc: application/3gpp-ims+xml\r\nl: 46\r\n\r\n"
          b"<alternative-service><type>x</type></alternative-service>")
    f.udp(resp(486, headers=["Reason: Q.850;\r\n cause=17;\r\n\ttext=\"folded\"", "Warning: 399 h\r\n \"folded\""]))
    f.udp(resp(503, headers=["rEaSoN: q.850;CaUsE=41", "RETRY-AFTER: 5", "warning: 399 h \"x\""]))
    f.udp(response(b"SIP/2.0 486 Busy Here", [b"Call-ID:", b"Call-ID: a", b"CSeq:", b"CSeq: 2 BYE",
                                              b"Via:", b"Via: SIP/2.0/UDP x;branch=", b"Via: ;;;;"]))
    f.udp(response(b"SIP/2.0 486 Busy Here", [b"Call-ID: " + b"\xff" * 100, b"Via: SIP/2.0/UDP x;branch=\xff\xfe"]))
    multipart = (b"--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b\r\n"
                 b"Content-Type: application/3gpp-ims+xml\r\n\r\n<alternative-service><type>emergency"
                 b"</type></alternative-service>\r\n--b--\r\n")
    f.udp(resp(380, headers=["Content-Type: multipart/mixed;boundary=b"], body=multipart))
    f.udp(resp(380, headers=["Content-Type: multipart/mixed;boundary=b"], body=multipart[:60]))
    for enc in ["gzip", "deflate", "x"]:
        f.udp(resp(380, headers=["Content-Type: application/3gpp-ims+xml", "Content-Encoding: " + enc],
                   body=b"\x1f\x8b\x08\x00garbage<alternative-service>"))
    # The body and Content-Length disagree.
    for cl in ["0", "1", "100000", "-1", "x", "4294967296"]:
        f.udp(response(b"SIP/2.0 380 Alternative Service",
                       ["Content-Type: application/3gpp-ims+xml", "Content-Length: " + cl],
                       body=b"<alternative-service><type>emergency</type>", length=False))


def rich_response():
    return resp(486, "Busy Here", headers=[
        "Reason: Q.850;cause=41;text=\"Temporary failure\", SIP;cause=486",
        "Retry-After: 120 (busy);duration=60",
        "Warning: 399 scscf.example.net \"Policy\", 305 pcscf \"media\"",
        "Security-Server: ipsec-3gpp;q=0.1;alg=hmac-sha-1-96, tls;q=0.2",
        "Response-Source: <urn:3gpp:role:AS>",
        "Content-Type: application/3gpp-ims+xml"],
        body=b"<alternative-service><type>emergency</type><action>x</action></alternative-service>")


def theme_truncated(f):
    """A rich response cut at every few bytes, over UDP and TCP."""
    f.udp(request())
    whole = rich_response()
    for n in range(1, len(whole), 3):
        f.udp(whole[:n])
    for n in range(8, len(whole), 37):
        f.tcp(whole[:n])
        f.tcp(b"\r\n")
    # Split across segments at every few bytes.
    for n in range(1, len(whole), 23):
        f.tcp(whole, split=n)
    # A Content-Length promising more than ever arrives.
    f.tcp(response(b"SIP/2.0 486 Busy Here", ["Content-Length: 5000"], length=False) + b"short")


def theme_nul(f):
    """NUL bytes in the Status-Line, in headers, in values."""
    f.udp(request())
    whole = rich_response()
    for n in list(range(0, 40)) + list(range(40, len(whole), 11)):
        f.udp(whole[:n] + b"\x00" + whole[n + 1:])
        f.udp(whole[:n] + b"\x00" + whole[n:])
    f.udp(b"\x00" * 200)
    f.udp(b"SIP/2.0 486 Busy Here\r\n" + b"\x00" * 500)
    f.udp(whole.replace(b"\r\n", b"\x00"))
    f.udp(whole.replace(b" ", b"\x00"))
    f.udp(resp(486, "Busy\x00Here", headers=["Reason: Q.850\x00;cause=17", "Warning: 399 h\x00 \"\x00\"",
                                             "Retry-After: 1\x002", "Call-Info: \x00"]))
    f.tcp(whole.replace(b"Busy", b"Bu\x00y") + whole)


def theme_many(f):
    """Thousands of Reason, Warning, Contact ... headers, and values."""
    f.udp(request())
    f.udp(resp(486, headers=["Reason: Q.850;cause=%d" % (i % 130) for i in range(2000)]))
    f.udp(resp(486, headers=["Reason: " + ", ".join("Q.850;cause=%d" % (i % 130) for i in range(3000))]))
    f.udp(resp(488, headers=["Warning: %03d h \"w\"" % (300 + i % 100) for i in range(2500)]))
    f.udp(resp(488, headers=["Warning: " + ", ".join("399 h \"w%d\"" % i for i in range(3000))]))
    f.udp(resp(488, headers=["Warning: x"] * 4000))
    f.udp(resp(302, headers=["Contact: <sip:%d@a>" % i for i in range(2500)]))
    f.udp(resp(302, headers=["Contact: " + ",".join("<sip:%d@a>" % i for i in range(5000))]))
    f.udp(resp(494, headers=["Security-Server: ipsec-3gpp;q=0.%d" % (i % 10) for i in range(2500)]))
    f.udp(resp(420, headers=["Unsupported: t%d" % i for i in range(4000)]))
    f.udp(resp(405, headers=["Allow: " + ",".join(["INVITE"] * 8000)]))
    f.udp(resp(503, headers=["Retry-After: %d" % i for i in range(4000)]))
    f.udp(resp(401, headers=["WWW-Authenticate: Digest algorithm=AKAv1-MD5"] * 1000, cseq="1 REGISTER"))
    f.udp(resp(486, headers=["X-Pad: %d" % i for i in range(5000)]))
    # The same over TCP, in several segments.
    f.tcp(resp(486, headers=["Reason: Q.850;cause=%d" % (i % 130) for i in range(5000)]))
    f.tcp(resp(488, headers=["Warning: 399 h%d \"w\"" % i for i in range(5000)]))
    # Many responses in one segment, and in one UDP packet.
    f.tcp(b"".join(resp(400 + i % 200, cseq="%d INVITE" % i) for i in range(120)))
    f.udp(b"".join(resp(100 + i % 600, cseq="%d INVITE" % i, headers=["Reason: SIP;cause=%d" % i])
                   for i in range(150)))
    f.tcp(b"".join(request(cseq=i) + resp(401, cseq="%d INVITE" % i) for i in range(60)))


def theme_huge(f):
    """Huge header values and bodies."""
    f.udp(request())
    big = 50000
    f.udp(resp(486, "B" * big))
    f.udp(resp(486, "Busy " * (big // 5)))
    f.udp(resp(486, headers=["Reason: Q.850;cause=17;text=\"" + "t" * big + "\""]))
    f.udp(resp(486, headers=["Reason: " + "Q" * big + ";cause=17"]))
    f.udp(resp(486, headers=["Reason: Q.850;cause=" + "1" * big]))
    f.udp(resp(488, headers=["Warning: 399 " + "h" * 100 + " \"" + "w " * (big // 2) + "\""]))
    f.udp(resp(488, headers=["Warning: 399 h \"" + "\u00e9".encode("utf-8").decode("latin-1") * (big // 2) + "\""]))
    f.udp(resp(503, headers=["Retry-After: " + "9" * big]))
    f.udp(resp(302, headers=["Contact: <sip:" + "a" * big + "@b>"]))
    f.udp(resp(604, headers=["Response-Source: " + "r" * big]))
    f.udp(resp(486, call=10, cseq="1 " + "M" * big))
    f.udp(resp(401, headers=["WWW-Authenticate: Digest " + "x" * big], cseq="1 REGISTER"))
    f.udp(resp(380, headers=["Content-Type: application/3gpp-ims+xml"],
               body=b"alternative-service<type>" + b"T" * big + b"</type>"))
    f.udp(resp(486, headers=["Call-ID-X: " + "c" * big]))
    f.tcp(resp(486, headers=["Reason: Q.850;cause=17;text=\"" + "t" * 200000 + "\""]))
    f.tcp(resp(380, headers=["Content-Type: application/3gpp-ims+xml"],
               body=b"<alternative-service>" + b"<a:b>" * 40000))


def theme_utf8(f):
    """Invalid and long UTF-8 in the texts the guide shows over several lines."""
    f.udp(request())
    pieces = [b"\x80" * 400, b"\xbf" * 161, b"\xc3" * 300, b"\xe2\x82" * 200, b"\xf0\x9f\x98\x80" * 200,
              b"\xff\xfe" * 200, b"\xed\xa0\x80" * 100, b"a" * 159 + b"\xe2\x82\xac" * 50,
              b"a" * 160, b"a" * 161, b" " * 400, b"a " * 300, b"\t" * 300, b"x" * 80 + b" " + b"y" * 300,
              b"\xc0\xaf" * 200, b"\xef\xbf\xbd" * 200, b"%s%n%x" * 100, b"{" * 500, b"}{" * 300]
    for p in pieces:
        f.udp(response(b"SIP/2.0 486 " + p))
        f.udp(response(b"SIP/2.0 486 Busy Here", [b"Reason: Q.850;cause=41;text=\"" + p + b"\""]))
        f.udp(response(b"SIP/2.0 488 Not Acceptable Here", [b"Warning: 399 h \"" + p + b"\"",
                                                             b"Warning: " + p]))
        f.udp(response(b"SIP/2.0 486 Busy Here", [b"Reason: " + p]))
        f.udp(response(b"SIP/2.0 302 Moved", [b"Contact: " + p]))
        f.udp(response(b"SIP/2.0 503 Service Unavailable", [b"Retry-After: " + p]))
        f.udp(response(b"SIP/2.0 604 Does Not Exist Anywhere", [b"Response-Source: " + p]))
        f.udp(response(b"SIP/2.0 486 Busy Here", cseq=b"1 " + p))


def theme_transaction(f):
    """Requests and responses that stress the transaction links."""
    for call in range(20, 24):
        f.udp(request("INVITE", cseq=1, call=call))
        f.udp(request("CANCEL", cseq=1, call=call))
        for i in range(60):
            f.udp(resp(487, cseq="1 INVITE", call=call))
        f.udp(resp(481, cseq="2 BYE", call=call))
        f.udp(resp(481, cseq="2 BYE", call=call + 100))
    for cseq in [0, 1, 4294967295, 2]:
        f.udp(request("REGISTER", cseq=cseq, call=30))
        f.udp(resp(401, cseq="%d REGISTER" % cseq, call=30))
        f.udp(request("REGISTER", cseq=cseq, call=30, headers=["Authorization: Digest x"]))
        f.udp(resp(407, cseq="%d REGISTER" % cseq, call=30))
        f.udp(request("REGISTER", cseq=cseq + 1, call=30, headers=["Proxy-Authorization: Digest x"]))
    # The same 401 many times, then one retry answering them all.
    for i in range(200):
        f.udp(resp(401, cseq="%d INVITE" % (i % 3), call=31))
    f.udp(request("INVITE", cseq=9, call=31, headers=["Authorization: Digest x"] * 50))
    # Responses with no request, with the same keys but other codes, with no Call-ID.
    for code in (100, 180, 183, 200, 401, 487, 481, 700, 0):
        f.udp(resp(code, cseq="7 INVITE", call=32))
        f.udp(response("SIP/2.0 %d X" % code).replace(b"Call-ID:", b"X-Call-ID:"))
    # A request and its responses in one TCP segment, then retransmitted.
    seg = request(cseq=5, call=33) + resp(180, cseq="5 INVITE", call=33) + resp(486, cseq="5 INVITE", call=33)
    for i in range(5):
        f.tcp(seg)


def theme_tcp(f):
    """Responses mixed with garbage, pipelined and split at odd places over TCP."""
    r1 = resp(486, "Busy Here", headers=["Reason: Q.850;cause=17"])
    r2 = resp(503, "Service Unavailable", headers=["Retry-After: 5"])
    r3 = response(b"SIP/2.0 700 Odd")
    f.tcp(request())
    f.tcp(r1 + b"garbage\r\n\r\n" + r2)
    f.tcp(b"\r\n\r\n\r\n" + r1 + b"\r\n" + r2 + r3)
    f.tcp(r1[:30])
    f.tcp(r1[30:] + r2[:5])
    f.tcp(r2[5:] + b"SIP/2.0 ")
    f.tcp(b"486 Busy Here\r\n\r\n")
    f.tcp(r1 + b"SIP/2.0 486 Busy Here\r\nContent-Length: 999999\r\n\r\n" + b"b" * 100)
    f.tcp(r1 + r2 + r3 + r1, split=len(r1) + 3)
    f.tcp(b"".join([r1, r3] * 50), split=7)
    f.tcp(b"SIP/2.0 486 Busy Here\r\nContent-Length: -5\r\n\r\n" + r1)
    f.tcp(b"SIP/2.0 486 Busy Here\r\nContent-Length: 4294967301\r\n\r\n" + r1)
    f.tcp(b"SIP/2.0 486 Busy Here\r\nl: 3\r\n\r\nabc" + r2)


THEMES = [("status", theme_status), ("headers", theme_headers), ("truncated", theme_truncated),
          ("nul", theme_nul), ("many", theme_many), ("huge", theme_huge), ("utf8", theme_utf8),
          ("transaction", theme_transaction), ("tcp", theme_tcp)]


# ---------------------------------------------------------------------------
# Seeded random edits of the responses in tests/messages

def load_responses():
    out = []
    for name in sorted(os.listdir(MESSAGES)):
        if name.endswith(".sip"):
            # A template of a flow ({{KEY}} filled by its 'set') gets one
            # value for every key.
            with open(os.path.join(MESSAGES, name), encoding="utf-8") as f:
                keys = set(re.findall(r"\{\{([A-Za-z0-9_-]+)\}\}", f.read()))
            data = mc.load_message(name, name, {k: "fuzz" for k in keys})
            if data.startswith(b"SIP/2.0 "):
                out.append(data)
    return out


SNIPPETS = [b"\x00", b"\r\n", b"\r\n\r\n", b" ", b",", b";", b"\"", b"<", b">", b"=", b":", b"\\",
            b"%s", b"{code}", b"\xff", b"\xe2\x82", b"0", b"9" * 12, b"4294967301", b"-1",
            b"Reason: Q.850;cause=", b"Warning: 3", b"Retry-After: ", b"SIP/2.0 ", b"cause=41",
            b"algorithm=AKA", b"<type>", b"</action>", b"alternative-service"]


def mutate(rng, msg):
    lines = msg.split(b"\r\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(10)
        i = rng.randrange(len(lines))
        if op == 0:                                   # duplicate a line many times
            lines[i:i + 1] = [lines[i]] * rng.choice([2, 10, 100, 1000])
        elif op == 1 and len(lines) > 1:              # drop a line
            del lines[i]
        elif op == 2:                                 # swap two lines
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:                                 # insert a snippet inside a line
            p = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:p] + rng.choice(SNIPPETS) + lines[i][p:]
        elif op == 4:                                 # cut a line short
            lines[i] = lines[i][:rng.randint(0, len(lines[i]))]
        elif op == 5:                                 # stretch a value
            p = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:p] + bytes([rng.randrange(32, 127)]) * rng.choice([10, 200, 5000]) + lines[i][p:]
        elif op == 6:                                 # replace the code
            lines[0] = b"SIP/2.0 " + rng.choice([b"0", b"99", b"700", b"4294967301", b"", b"4x6",
                                                 str(rng.randint(100, 699)).encode()]) + lines[0][11:]
        elif op == 7:                                 # replace digits
            lines[i] = re.sub(rb"\d+", lambda m: rng.choice([b"", b"0", b"99999999999", b"-1", b"x"]),
                              lines[i], count=1)
        elif op == 8:                                 # a random byte
            if lines[i]:
                p = rng.randrange(len(lines[i]))
                lines[i] = lines[i][:p] + bytes([rng.randrange(256)]) + lines[i][p + 1:]
        else:                                         # add an evidence header
            lines.insert(max(1, i), rng.choice(
                [b"Reason: " + rng.choice(REASONS).encode("latin-1"),
                 b"Warning: " + rng.choice(WARNINGS).encode("latin-1"),
                 b"Retry-After: " + rng.choice([b"", b"x", b"120 (c", b"99999999999"]),
                 b"Content-Type: application/3gpp-ims+xml"]))
    out = b"\r\n".join(lines)
    if rng.randrange(8) == 0:
        out = out[:rng.randint(0, len(out))]
    return out[:UDP_MAX]


def theme_random(f, count, seed):
    rng = random.Random(seed)
    base = load_responses()
    reqs = [request("INVITE", call=c) for c in range(1, 3)] + [request("REGISTER", call=2)]
    for r in reqs:
        f.udp(r, inbound=False)
    for i in range(count):
        msg = mutate(rng, rng.choice(base))
        if rng.randrange(4) == 0:
            f.tcp(msg + mutate(rng, rng.choice(base))[:TCP_SEGMENT], split=None)
        else:
            f.udp(msg)


# ---------------------------------------------------------------------------

def write(out, name, flow):
    path = os.path.join(out, "crafted-%s.flow" % name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(flow.text())
    data, count = mc.build(path)
    with open(os.path.join(out, "crafted-%s.pcap" % name), "wb") as fh:
        fh.write(data)
    return count


def main():
    parser = argparse.ArgumentParser(description="Write captures of malformed SIP responses.")
    parser.add_argument("--out", help="folder for crafted-*.pcap (and their .flow)")
    parser.add_argument("--random", type=int, default=0, metavar="N",
                        help="also write N randomly edited responses (crafted-random.pcap)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random edits")
    parser.add_argument("--list", action="store_true", help="list the themes and exit")
    args = parser.parse_args()

    if args.list:
        for name, fn in THEMES:
            print("%-12s %s" % (name, fn.__doc__))
        print("%-12s %s" % ("random", "seeded random edits of the responses in tests/messages (--random N)"))
        return
    if args.out is None:
        parser.error("--out DIR is required")
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for name, fn in THEMES:
        flow = Flow(fn.__doc__)
        fn(flow)
        n = write(args.out, name, flow)
        print("crafted-%s.pcap: %d frames" % (name, n))
        total += n
    if args.random > 0:
        flow = Flow("seeded random edits (seed %d)" % args.seed)
        theme_random(flow, args.random, args.seed)
        n = write(args.out, "random", flow)
        print("crafted-random.pcap: %d frames" % n)
        total += n
    print("frames %d" % total)


if __name__ == "__main__":
    try:
        main()
    except (mc.FlowError, ValueError) as e:
        print("fuzz_cases: %s" % e, file=sys.stderr)
        sys.exit(1)
