#!/usr/bin/env python3
# make-bench-capture.py
# Writes the deterministic SIP capture that tools/benchmark.sh measures.
#
#   tools/make-bench-capture.py [--frames N] [--mix mixed|sip] [--markers] OUT.pcap
#
# (--frames 0 writes an empty capture: the pcap header alone.)
# The capture holds exactly N frames (default 200000) of one of two loads.
#
# mixed (the default): calls (with RTP between the SDP addresses, cancels
# and every usual failure), IMS registrations with their challenge, OPTIONS
# pings, event, message and mid-dialog requests, and a sweep that cycles
# through every registered response code, some unregistered ones and two
# invalid ones.  Traffic runs over UDP and TCP, IPv4 and IPv6, in both
# directions; a TCP connection opens with a three-way handshake, and some
# of its segments carry two or three responses.
#
# sip: signalling only, as a capture filter on the SIP port leaves it: UDP
# calls over IPv4 between a trunk's peers and its border controller, in
# both directions, 24 of them in progress at a time with their messages
# interleaved.  Each call is INVITE (with SDP), 100 Trying, 180 Ringing, a
# final response and ACK; the final response is 200 (with SDP; its ACK goes
# to the Contact, on a branch of its own), 486, 480, 487 (after a CANCEL
# and its 200), 404, 503, 488 or 603, with the Reason, Retry-After or
# Warning such a response carries.  About 60 % of the frames are responses.
#
# --markers makes the first and the last frame (counted in N) a UDP
# datagram to port 9 whose payload names it (sipguide-benchmark-first,
# sipguide-benchmark-last), for tools/benchmark-gui.sh to recognise.
#
# The same options always give the same bytes: a fixed pseudo-random
# generator drives every choice.
#
# On success it prints one line of counts, for example
#   frames=200000 sip_frames=... responses=... transactions=... class1=... invalid=...
# ("responses" counts SIP responses, not frames; a TCP segment can hold several;
# "transactions" counts the requests that are answered: every request but ACK).
#
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse
import importlib.util
import ipaddress
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The packet builders of make-captures.py (Ethernet, IPv4/IPv6, UDP, TCP).
_spec = importlib.util.spec_from_file_location("make_captures", os.path.join(HERE, "make-captures.py"))
mc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mc)

STEP_US = 1000              # 1 ms between frames
MASK64 = (1 << 64) - 1

# IANA registered codes and their reason phrases; the capture does not depend
# on the plugin's data, so it stays the same when the knowledge base changes.
REGISTERED = [
    (100, "Trying"), (180, "Ringing"), (181, "Call Is Being Forwarded"), (182, "Queued"),
    (183, "Session Progress"), (199, "Early Dialog Terminated"),
    (200, "OK"), (202, "Accepted"), (204, "No Notification"),
    (300, "Multiple Choices"), (301, "Moved Permanently"), (302, "Moved Temporarily"),
    (305, "Use Proxy"), (380, "Alternative Service"),
    (400, "Bad Request"), (401, "Unauthorized"), (402, "Payment Required"), (403, "Forbidden"),
    (404, "Not Found"), (405, "Method Not Allowed"), (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"), (408, "Request Timeout"), (410, "Gone"),
    (412, "Conditional Request Failed"), (413, "Request Entity Too Large"),
    (414, "Request-URI Too Long"), (415, "Unsupported Media Type"),
    (416, "Unsupported URI Scheme"), (417, "Unknown Resource-Priority"), (420, "Bad Extension"),
    (421, "Extension Required"), (422, "Session Interval Too Small"), (423, "Interval Too Brief"),
    (424, "Bad Location Information"), (425, "Bad Alert Message"), (428, "Use Identity Header"),
    (429, "Provide Referrer Identity"), (430, "Flow Failed"), (433, "Anonymity Disallowed"),
    (436, "Bad Identity Info"), (437, "Unsupported Credential"), (438, "Invalid Identity Header"),
    (439, "First Hop Lacks Outbound Support"), (440, "Max-Breadth Exceeded"),
    (469, "Bad Info Package"), (470, "Consent Needed"), (480, "Temporarily Unavailable"),
    (481, "Call/Transaction Does Not Exist"), (482, "Loop Detected"), (483, "Too Many Hops"),
    (484, "Address Incomplete"), (485, "Ambiguous"), (486, "Busy Here"),
    (487, "Request Terminated"), (488, "Not Acceptable Here"), (489, "Bad Event"),
    (491, "Request Pending"), (493, "Undecipherable"), (494, "Security Agreement Required"),
    (500, "Server Internal Error"), (501, "Not Implemented"), (502, "Bad Gateway"),
    (503, "Service Unavailable"), (504, "Server Time-out"), (505, "Version Not Supported"),
    (513, "Message Too Large"), (555, "Push Notification Service Not Supported"),
    (580, "Precondition Failure"),
    (600, "Busy Everywhere"), (603, "Decline"), (604, "Does Not Exist Anywhere"),
    (606, "Not Acceptable"), (607, "Unwanted"), (608, "Rejected"),
]
PHRASE = dict(REGISTERED)

# The sweep: every registered code, unregistered codes of each class and two
# codes outside 100..699.
SWEEP = [c for c, _ in REGISTERED] + [155, 299, 399, 409, 499, 599, 699, 99, 700]
SWEEP_METHODS = ["INVITE", "OPTIONS", "REGISTER", "MESSAGE", "SUBSCRIBE", "BYE", "PUBLISH", "INFO"]

CALL_FINAL = [(200, 55), (486, 8), (480, 6), (487, 6), (404, 4), (603, 4), (488, 3), (503, 3),
              (403, 2), (407, 2), (408, 2), (500, 2), (504, 1), (600, 1), (606, 1), (484, 1),
              (422, 1), (580, 1), (302, 1), (401, 1), (481, 1), (502, 1), (608, 1), (607, 1)]
REGISTER_FINAL = [(200, 85), (403, 4), (423, 3), (500, 2), (503, 3), (504, 2), (494, 1)]
OPTIONS_FINAL = [(200, 80), (404, 5), (405, 4), (408, 3), (483, 2), (501, 3), (503, 3)]
OTHER = {
    "SUBSCRIBE": [(200, 50), (202, 20), (489, 10), (423, 5), (403, 5), (481, 5), (503, 5)],
    "NOTIFY": [(200, 85), (481, 15)],
    "MESSAGE": [(202, 45), (200, 30), (404, 8), (415, 5), (480, 7), (488, 5)],
    "PUBLISH": [(200, 70), (412, 15), (489, 10), (423, 5)],
    "INFO": [(200, 80), (469, 12), (415, 8)],
    "UPDATE": [(200, 80), (491, 12), (488, 8)],
    "PRACK": [(200, 90), (481, 10)],
}
OTHER_METHODS = sorted(OTHER)

SCENARIOS = [("call", 38), ("register", 16), ("options", 12), ("other", 18), ("sweep", 16)]


class Rng:
    """xorshift64*: the same sequence on every machine and Python version."""

    def __init__(self, seed):
        self.state = seed & MASK64 or 1

    def next(self):
        x = self.state
        x ^= x >> 12
        x ^= (x << 25) & MASK64
        x ^= x >> 27
        self.state = x
        return (x * 0x2545F4914F6CDD1D) & MASK64

    def below(self, n):
        return (self.next() >> 11) % n

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        r = self.below(total)
        for value, w in pairs:
            if r < w:
                return value
            r -= w
        return pairs[-1][0]


class Full(Exception):
    """The capture has its N frames."""


class Out:
    """Streams pcap records to a file and counts what it wrote."""

    def __init__(self, f, frames):
        self.f = f
        self.limit = frames
        self.n = 0
        self.stats = {"sip_frames": 0, "responses": 0, "requests": 0, "transactions": 0,
                      "response_frames": 0,
                      "tcp_multi_frames": 0, "udp_frames": 0, "tcp_frames": 0,
                      "ipv6_frames": 0, "rtp_frames": 0, "marker_frames": 0}
        for k in range(1, 7):
            self.stats["class%d" % k] = 0
        self.stats["invalid"] = 0           # codes outside 100..699
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))

    def add(self, frame, transport, v6, codes=(), requests=0, rtp=False, answered=True):
        """Writes one frame; 'answered' is false for an ACK (no transaction)."""
        if self.n >= self.limit:
            raise Full()
        self.write(frame)
        s = self.stats
        s[transport + "_frames"] += 1
        s["ipv6_frames"] += v6
        s["rtp_frames"] += rtp
        if codes or requests:
            s["sip_frames"] += 1
        s["requests"] += requests
        if answered:
            s["transactions"] += requests
        if codes:
            s["response_frames"] += 1
            s["responses"] += len(codes)
            if len(codes) > 1:
                s["tcp_multi_frames"] += 1
            for c in codes:
                s["class%d" % (c // 100) if 100 <= c < 700 else "invalid"] += 1

    def marker(self, which):
        """A UDP datagram to port 9 that names itself; it takes one of the N frames."""
        conn = mc.Conn("marker", "udp", (ipaddress.ip_address("192.0.2.250"), 9),
                       (ipaddress.ip_address("192.0.2.251"), 9))
        self.write(mc.udp_frame(conn, 0, b"sipguide-benchmark-" + which.encode("ascii")))
        self.stats["udp_frames"] += 1
        self.stats["marker_frames"] += 1

    def write(self, frame):
        ts = mc.START * 1000000 + self.n * STEP_US
        self.f.write(struct.pack("<IIII", ts // 1000000, ts % 1000000, len(frame), len(frame)))
        self.f.write(frame)
        self.n += 1


def host(addr, port):
    return "[%s]:%d" % (addr, port) if addr.version == 6 else "%s:%d" % (addr, port)


def sdp(addr, port, session):
    ipv = "IP6" if addr.version == 6 else "IP4"
    return ("v=0\r\no=- %d 1 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 116 118\r\na=rtpmap:116 AMR-WB/16000/1\r\n"
            "a=rtpmap:118 telephone-event/16000\r\na=ptime:20\r\n"
            % (session, ipv, addr, ipv, addr, port))


class Link:
    """A signalling connection between a user side (a) and a network side (b)."""

    def __init__(self, name, transport, a, b, user):
        self.conn = mc.Conn(name, transport, a, b)
        self.transport = transport
        self.v6 = a[0].version == 6
        self.user = user

    def ends(self, direction):
        """(sender, receiver) endpoints for a direction (0: a to b)."""
        return (self.conn.a, self.conn.b) if direction == 0 else (self.conn.b, self.conn.a)


class Dialog:
    def __init__(self, link, direction, number, method):
        self.link = link
        self.dir = direction                  # the direction of requests
        sender, receiver = link.ends(direction)
        self.sender, self.receiver = sender, receiver
        self.callid = "%x-%d@%s" % (number * 2654435761 & 0xFFFFFFFF, number, sender[0])
        self.from_tag = "f%x" % (number * 40503 & 0xFFFFF)
        self.to_tag = "t%x" % (number * 7919 & 0xFFFFF)
        self.cseq = 1 + number % 7
        self.branch = 0
        self.number = number
        self.user = link.user
        self.peer = 5550000 + number % 9973
        self.method = method


def request(d, method, body="", cseq=None, new_branch=True):
    if new_branch:
        d.branch += 1
    tr = d.link.transport.upper()
    ctype = "Content-Type: application/sdp\r\n" if body else ""
    if method == "REGISTER":
        ruri = "sip:ims.mnc001.mcc001.3gppnetwork.org"
        to = "<sip:%s@ims.mnc001.mcc001.3gppnetwork.org>" % d.user
    else:
        ruri = "tel:+1555%07d" % d.peer
        to = "<tel:+1555%07d>" % d.peer
    extra = ""
    if method == "INVITE":
        extra = ("Supported: 100rel,precondition,timer\r\n"
                 "P-Preferred-Service: urn:urn-7:3gpp-service.ims.icsi.mmtel\r\n")
    elif method == "SUBSCRIBE" or method == "PUBLISH" or method == "NOTIFY":
        extra = "Event: reg\r\nExpires: 600000\r\n" if method != "NOTIFY" else "Event: reg\r\nSubscription-State: active\r\n"
    elif method == "REGISTER":
        extra = "Expires: 600000\r\nAuthorization: Digest username=\"%s\",realm=\"ims\",uri=\"%s\",nonce=\"\",response=\"\"\r\n" % (d.user, ruri)
    text = ("%s %s SIP/2.0\r\n"
            "Via: SIP/2.0/%s %s;branch=z9hG4bK%x.%d\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:%s@ims.mnc001.mcc001.3gppnetwork.org>;tag=%s\r\n"
            "To: %s\r\n"
            "Call-ID: %s\r\n"
            "CSeq: %d %s\r\n"
            "Contact: <sip:%s@%s>\r\n"
            "%s%s"
            "Content-Length: %d\r\n\r\n%s"
            % (method, ruri, tr, host(*d.sender), d.number, d.branch, d.user, d.from_tag,
               to, d.callid, d.cseq if cseq is None else cseq, method, d.user, host(*d.sender),
               extra, ctype, len(body), body))
    return text.encode("ascii")


def response(d, code, method, body="", cseq=None):
    phrase = PHRASE.get(code, "Unknown Code")
    tr = d.link.transport.upper()
    extra = ""
    if code == 401:
        extra = ('WWW-Authenticate: Digest realm="ims.mnc001.mcc001.3gppnetwork.org",'
                 'nonce="%032x",algorithm=AKAv1-MD5,qop="auth"\r\n' % (d.number * 0x9E3779B97F4A7C15 & (2**128 - 1)))
    elif code == 407:
        extra = 'Proxy-Authenticate: Digest realm="ims",nonce="%016x",qop="auth"\r\n' % d.number
    elif code in (486, 600, 603):
        extra = 'Reason: Q.850;cause=17;text="User busy"\r\n'
        if code != 603:
            extra += "Retry-After: 60\r\n"
    elif code in (480, 500, 503):
        extra = "Retry-After: 30\r\n"
    elif 300 <= code < 400:
        extra = "Contact: <sip:+1555%07d@198.51.100.99:5060>\r\n" % d.peer
    elif code == 183:
        extra = "Require: 100rel,precondition\r\nRSeq: 1\r\nP-Early-Media: sendrecv\r\n"
    elif code == 423:
        extra = "Min-Expires: 3600\r\n"
    elif code == 200 and method == "REGISTER":
        extra = "Service-Route: <sip:scscf.ims.mnc001.mcc001.3gppnetwork.org;lr>\r\nExpires: 600000\r\n"
    ctype = "Content-Type: application/sdp\r\n" if body else ""
    to_tag = ";tag=%s" % d.to_tag if code > 100 else ""
    to = ("<sip:%s@ims.mnc001.mcc001.3gppnetwork.org>" % d.user if method == "REGISTER"
          else "<tel:+1555%07d>" % d.peer)
    text = ("SIP/2.0 %03d %s\r\n"
            "Via: SIP/2.0/%s %s;branch=z9hG4bK%x.%d\r\n"
            "From: <sip:%s@ims.mnc001.mcc001.3gppnetwork.org>;tag=%s\r\n"
            "To: %s%s\r\n"
            "Call-ID: %s\r\n"
            "CSeq: %d %s\r\n"
            "%s%s"
            "Content-Length: %d\r\n\r\n%s"
            % (code, phrase, tr, host(*d.sender), d.number, d.branch, d.user, d.from_tag,
               to, to_tag, d.callid, d.cseq if cseq is None else cseq, method,
               extra, ctype, len(body), body))
    return text.encode("ascii")


class Generator:
    def __init__(self, out):
        self.out = out
        self.rng = Rng(0x5195A1D3)
        self.sweep_at = 0
        self.number = 0
        ip = ipaddress.ip_address
        self.links = []
        for i in range(12):
            self.links.append(Link("u%d" % i, "udp", (ip("192.0.2.%d" % (10 + i)), 5060),
                                   (ip("198.51.100.20"), 5060), "0010100000%05d" % (i + 1)))
        for i in range(4):
            self.links.append(Link("v%d" % i, "udp", (ip("2001:db8::%x" % (0x10 + i)), 5060),
                                   (ip("2001:db8:1::20"), 5060), "0010100000%05d" % (i + 101)))
        for i in range(6):
            self.links.append(Link("t%d" % i, "tcp", (ip("203.0.113.%d" % (10 + i)), 40000 + i),
                                   (ip("198.51.100.30"), 5060), "0010100000%05d" % (i + 201)))
        for i in range(2):
            self.links.append(Link("w%d" % i, "tcp", (ip("2001:db8:2::%x" % (0x10 + i)), 40100 + i),
                                   (ip("2001:db8:1::30"), 5060), "0010100000%05d" % (i + 301)))

    # -- frames ---------------------------------------------------------------

    def send(self, link, direction, payload, codes=(), requests=0, answered=True):
        conn = link.conn
        if link.transport == "udp":
            self.out.add(mc.udp_frame(conn, direction, payload), "udp", link.v6, codes, requests,
                         answered=answered)
            return
        if not conn.opened:
            conn.opened = True
            self.out.add(mc.tcp_frame(conn, 0, 0x02, b""), "tcp", link.v6)
            self.out.add(mc.tcp_frame(conn, 1, 0x12, b""), "tcp", link.v6)
            self.out.add(mc.tcp_frame(conn, 0, 0x10, b""), "tcp", link.v6)
        self.out.add(mc.tcp_frame(conn, direction, 0x18, payload), "tcp", link.v6, codes, requests,
                     answered=answered)

    def req(self, d, method, body="", cseq=None, new_branch=True):
        self.send(d.link, d.dir, request(d, method, body, cseq, new_branch), requests=1,
                  answered=method != "ACK")

    def resps(self, d, items):
        """Sends responses [(code, method, body)]; over TCP some share a segment."""
        rdir = 1 - d.dir
        i = 0
        while i < len(items):
            n = 1
            if d.link.transport == "tcp" and len(items) - i > 1 and self.rng.chance(45):
                n = min(len(items) - i, 2 + self.rng.below(2))
            group = items[i:i + n]
            payload = b"".join(response(d, code, method, body) for code, method, body in group)
            self.send(d.link, rdir, payload, codes=[code for code, _, _ in group])
            i += n

    def rtp(self, ue, peer, count, seq0):
        media = mc.Conn("rtp", "udp", ue, peer)
        for k in range(count):
            direction = k & 1
            hdr = struct.pack("!BBHII", 0x80, 116, (seq0 + k) & 0xFFFF, 320 * (seq0 + k) & 0xFFFFFFFF,
                              0x1000 + direction)
            self.out.add(mc.udp_frame(media, direction, hdr + bytes(33)), "udp",
                         ue[0].version == 6, rtp=True)

    # -- scenarios --------------------------------------------------------------

    def dialog(self, method, network_side=False):
        self.number += 1
        link = self.rng.pick(self.links)
        direction = 1 if network_side and self.rng.chance(40) else 0
        return Dialog(link, direction, self.number, method)

    def call(self):
        rng = self.rng
        d = self.dialog("INVITE", network_side=True)
        media_a = (d.sender[0], 40000 + 2 * (d.number % 5000))
        media_b = (d.receiver[0], 50000 + 2 * (d.number % 5000))
        self.req(d, "INVITE", sdp(media_a[0], media_a[1], d.number))
        final = rng.weighted(CALL_FINAL)
        early = [(100, "INVITE", "")]
        if rng.chance(50):
            early.append((183, "INVITE", sdp(media_b[0], media_b[1], d.number + 1)))
        if rng.chance(70):
            early.append((180, "INVITE", ""))
        if final == 487:
            self.resps(d, early)
            self.req(d, "CANCEL", new_branch=False)
            self.resps(d, [(200, "CANCEL", ""), (487, "INVITE", "")])
            self.req(d, "ACK", new_branch=False)
            return
        body = sdp(media_b[0], media_b[1], d.number + 1) if final == 200 else ""
        self.resps(d, early + [(final, "INVITE", body)])
        self.req(d, "ACK", new_branch=final == 200)
        if final != 200:
            return
        if rng.chance(30):
            d.cseq += 1
            self.req(d, "UPDATE")
            self.resps(d, [(rng.weighted(OTHER["UPDATE"]), "UPDATE", "")])
        self.rtp(media_a, media_b, rng.below(8), d.number)
        d.cseq += 1
        self.req(d, "BYE")
        self.resps(d, [(200 if rng.chance(95) else 481, "BYE", "")])

    def register(self):
        rng = self.rng
        d = self.dialog("REGISTER")
        self.req(d, "REGISTER")
        self.resps(d, [(401, "REGISTER", "")])
        d.cseq += 1
        self.req(d, "REGISTER")
        self.resps(d, [(rng.weighted(REGISTER_FINAL), "REGISTER", "")])

    def options(self):
        d = self.dialog("OPTIONS", network_side=True)
        self.req(d, "OPTIONS")
        self.resps(d, [(self.rng.weighted(OPTIONS_FINAL), "OPTIONS", "")])

    def other(self):
        method = self.rng.pick(OTHER_METHODS)
        d = self.dialog(method, network_side=True)
        self.req(d, method)
        self.resps(d, [(self.rng.weighted(OTHER[method]), method, "")])

    def sweep(self):
        code = SWEEP[self.sweep_at % len(SWEEP)]
        method = SWEEP_METHODS[(self.sweep_at // len(SWEEP)) % len(SWEEP_METHODS)]
        self.sweep_at += 1
        d = self.dialog(method, network_side=True)
        self.req(d, method)
        items = [(code, method, "")]
        if 100 <= code < 200:
            items.append((200, method, ""))
        self.resps(d, items)
        final = code if code >= 200 else 200
        if method == "INVITE":
            self.req(d, "ACK", new_branch=200 <= final < 300)

    def run(self):
        try:
            while True:
                getattr(self, self.rng.weighted(SCENARIOS))()
        except Full:
            pass


# --- the signalling-only load ------------------------------------------------

SIP_FINAL = [(200, 55), (486, 10), (480, 8), (487, 10), (404, 6), (503, 4), (488, 4), (603, 3)]
SIP_CONCURRENT = 24         # calls in progress at a time
SIP_ALLOW = "INVITE, ACK, CANCEL, BYE, UPDATE, PRACK, OPTIONS, INFO, REFER, NOTIFY"
SIP_FAILURE_EXTRA = {
    486: 'Reason: Q.850;cause=17;text="User busy"\r\n',
    480: 'Reason: Q.850;cause=19;text="No answer from user"\r\n',
    404: 'Reason: Q.850;cause=1;text="Unallocated number"\r\n',
    503: "Retry-After: 30\r\n",
    488: 'Warning: 305 %s "Incompatible media format"\r\n',
    603: 'Reason: Q.850;cause=21;text="Call rejected"\r\n',
    487: 'Reason: SIP;cause=487;text="Request Terminated"\r\n',
}


class SipCall:
    """One UDP call of the signalling load; messages() yields its frames in order."""

    def __init__(self, number, rng, caller, callee, final):
        self.number = number
        self.caller, self.callee = caller, callee          # (address, port)
        self.final = final
        self.calling = "+1555%07d" % (rng.below(10000000))
        self.called = "+1555%07d" % (rng.below(10000000))
        self.callid = "%08x-%04x-%d@%s" % (rng.next() & 0xFFFFFFFF, rng.below(0x10000), number, caller[0])
        self.from_tag = "%08x" % (rng.next() & 0xFFFFFFFF)
        self.to_tag = "%08x" % (rng.next() & 0xFFFFFFFF)
        self.branch = "z9hG4bK-%x-%x" % (number, rng.next() & 0xFFFFFF)
        self.cseq = 1 + rng.below(100)
        self.session = 3800000000 + number

    def uri(self, number, where):
        return "sip:%s@%s;user=phone" % (number, where[0])

    def via(self, branch):
        return "Via: SIP/2.0/UDP %s;branch=%s;rport\r\n" % (host(*self.caller), branch)

    def ids(self, to_tag, cseq, method):
        return ('From: "%s" <%s>;tag=%s\r\n'
                "To: <%s>%s\r\n"
                "Call-ID: %s\r\n"
                "CSeq: %d %s\r\n"
                % (self.calling, self.uri(self.calling, self.caller), self.from_tag,
                   self.uri(self.called, self.callee), ";tag=%s" % self.to_tag if to_tag else "",
                   self.callid, cseq, method))

    def request(self, method, branch, to_tag, ruri, body=""):
        extra = ""
        if method == "INVITE":
            extra = ("Contact: <sip:%s@%s;transport=udp>\r\n"
                     "Allow: %s\r\n"
                     "Supported: timer, 100rel, replaces\r\n"
                     "Session-Expires: 1800;refresher=uac\r\n"
                     "Min-SE: 90\r\n"
                     "P-Asserted-Identity: <%s>\r\n"
                     "User-Agent: trunk-gw/7.2\r\n"
                     % (self.calling, host(*self.caller), SIP_ALLOW, self.uri(self.calling, self.caller)))
        ctype = "Content-Type: application/sdp\r\n" if body else ""
        text = ("%s %s SIP/2.0\r\n%sMax-Forwards: 70\r\n%s%s%sContent-Length: %d\r\n\r\n%s"
                % (method, ruri, self.via(branch), self.ids(to_tag, self.cseq, method), extra,
                   ctype, len(body), body))
        return text.encode("ascii")

    def response(self, code, method, body=""):
        extra = ""
        if code in (180, 200) and method == "INVITE":
            extra = "Contact: <sip:%s@%s;transport=udp>\r\n" % (self.called, host(*self.callee))
            if code == 200:
                extra += ("Allow: %s\r\nSupported: timer, replaces\r\n"
                          "Require: timer\r\nSession-Expires: 1800;refresher=uac\r\n" % SIP_ALLOW)
        elif code in SIP_FAILURE_EXTRA:
            extra = SIP_FAILURE_EXTRA[code]
            if code == 488:
                extra = extra % host(*self.callee)
        ctype = "Content-Type: application/sdp\r\n" if body else ""
        text = ("SIP/2.0 %03d %s\r\n%s%sServer: border-sbc/5.1\r\n%s%sContent-Length: %d\r\n\r\n%s"
                % (code, PHRASE[code], self.via(self.branch),
                   self.ids(code > 100, self.cseq, method), extra, ctype, len(body), body))
        return text.encode("ascii")

    def messages(self):
        """(direction, payload, codes, request?, answered?): direction 0 is caller to callee."""
        offer = sdp(self.caller[0], 16000 + 2 * (self.number % 8000), self.session)
        answer = sdp(self.callee[0], 30000 + 2 * (self.number % 8000), self.session + 1)
        invite_uri = self.uri(self.called, self.callee)
        yield 0, self.request("INVITE", self.branch, False, invite_uri, offer), (), True, True
        yield 1, self.response(100, "INVITE"), (100,), False, False
        yield 1, self.response(180, "INVITE"), (180,), False, False
        if self.final == 487:
            yield 0, self.request("CANCEL", self.branch, False, invite_uri), (), True, True
            yield 1, self.response(200, "CANCEL"), (200,), False, False
        body = answer if self.final == 200 else ""
        yield 1, self.response(self.final, "INVITE", body), (self.final,), False, False
        if self.final == 200:
            # The ACK of a 2xx goes to the Contact, on a new branch.
            ack_branch = "z9hG4bK-%x-ack" % self.number
            yield 0, self.request("ACK", ack_branch, True,
                                  "sip:%s@%s;transport=udp" % (self.called, host(*self.callee))), (), True, False
        else:
            yield 0, self.request("ACK", self.branch, True, invite_uri), (), True, False


class SipGenerator:
    """The signalling-only load: interleaved UDP calls over IPv4."""

    def __init__(self, out):
        self.out = out
        self.rng = Rng(0x51D5E7A1)
        ip = ipaddress.ip_address
        self.sbc = (ip("198.51.100.10"), 5060)
        self.peers = [(ip("192.0.2.%d" % (20 + i)), 5060) for i in range(8)]
        self.number = 0

    def new_call(self):
        rng = self.rng
        self.number += 1
        peer = self.peers[rng.below(len(self.peers))]
        caller, callee = (peer, self.sbc) if rng.chance(50) else (self.sbc, peer)
        call = SipCall(self.number, rng, caller, callee, rng.weighted(SIP_FINAL))
        return call, call.messages()

    def run(self):
        active = [self.new_call() for _ in range(SIP_CONCURRENT)]
        try:
            while True:
                k = self.rng.below(len(active))
                call, messages = active[k]
                try:
                    direction, payload, codes, is_request, answered = next(messages)
                except StopIteration:
                    active[k] = self.new_call()
                    continue
                a, b = (call.caller, call.callee) if direction == 0 else (call.callee, call.caller)
                conn = mc.Conn("sip", "udp", a, b)
                self.out.add(mc.udp_frame(conn, 0, payload), "udp", False, codes,
                             1 if is_request else 0, answered=answered)
        except Full:
            pass


def main():
    parser = argparse.ArgumentParser(description="Write the deterministic SIP benchmark capture.")
    parser.add_argument("--frames", type=int, default=200000, help="number of frames (default 200000)")
    parser.add_argument("--mix", choices=("mixed", "sip"), default="mixed",
                        help="mixed traffic (default) or signalling only")
    parser.add_argument("--markers", action="store_true",
                        help="make the first and the last frame marker datagrams to UDP port 9")
    parser.add_argument("out", help="the pcap file to write")
    args = parser.parse_args()
    if args.frames < 0:
        parser.error("--frames must not be negative")
    if args.markers and args.frames < 2:
        parser.error("--markers needs at least 2 frames")
    with open(args.out, "wb") as f:
        out = Out(f, args.frames - 2 if args.markers else args.frames)
        if args.markers:
            out.marker("first")
            out.limit += 1
        if out.limit > out.n:
            (SipGenerator if args.mix == "sip" else Generator)(out).run()
        if args.markers:
            out.limit += 1
            out.marker("last")
    print("frames=%d %s" % (out.n, " ".join("%s=%d" % kv for kv in out.stats.items())))


if __name__ == "__main__":
    main()
