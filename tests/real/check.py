#!/usr/bin/env python3
# check.py
# Checks the guide of every SIP response (and of the requests an expected file
# names) in a capture against an expected-results file, reading tshark's PDML
# output: the plugin's own tree, and the packets themselves.
#
#   tshark ... -T pdml | check.py EXPECTED
#   tshark ... -T pdml | check.py --truth EXPECTED
#
# EXPECTED has one line per SIP response, in capture order:
#
#   CODE CLASS METHOD CATEGORY [FIELD=VALUE ...]
#
# and, anywhere, lines for request frames:
#
#   REQ METHOD#N [FIELD=VALUE ...]
#
# where METHOD#N is the N-th METHOD request in the capture, counting every
# copy (retransmissions and capture duplicates too) in frame order.
#
# CODE, CLASS, METHOD and CATEGORY are compared with sipguide.code,
# sipguide.class, sipguide.method and sipguide.category of that response's
# guide (a CATEGORY of - expects none). Then any number of checks of that
# guide (FIELD a sipguide.* filter
# name, VALUE without spaces, %20 for a space):
#
#   FIELD=VALUE     VALUE is one of the values FIELD has in the guide
#   FIELD=*         FIELD is there, with any value
#   FIELD=-         the guide has no FIELD at all
#   FIELD~=TEXT     one of FIELD's values contains TEXT (a sentence of
#                   evidence, say, whose other words hold a port number)
#   FIELD=@METHOD   FIELD is a frame link, and the frame it names holds a
#                   METHOD request with the response's Call-ID (frame numbers
#                   change between live runs; what they point at does not)
#   FIELD=@METHOD#N the frame holds the N-th METHOD request of the response's
#                   Call-ID, counting every copy in frame order
#   FIELD=@CODE     the frame holds a CODE response of the same Call-ID
#   FIELD=@CODE#N   ... the N-th CODE response of that Call-ID
#   FIELD=@APP:CMD  FIELD is a frame link to a Diameter message: APP is Cx or
#                   Rx (diameter.applicationId), CMD the command and its
#                   direction, e.g. UAA, MAR, AAA, ASR (diameter.cmd.code and
#                   diameter.flags.request); see DIAMETER below
#
# A line that starts with a space or a tab holds more checks for the line
# above it. A '#' at the start of a line or after a space starts a comment.
#
# Whatever EXPECTED says, every message with a sip.Status-Code must have
# exactly one guide, with sipguide.code equal to it, in the same order; and
# every frame link a guide has must point at a frame that holds what the link
# means, on the same hop (see LINKS below): a response's request is the one
# that crossed the same hop the other way, a retransmission is the same
# response on the same hop, a capture duplicate has the same bytes, and so on.
#
# --truth checks EXPECTED against the packets alone, not against the plugin:
# the four columns against the Status-Code, CSeq and data/codes, and every
# link, flow and Reason check against what the packets say by the rules
# below (RFC 3261 transactions and dialogs, RFC 3262, RFC 3326, RFC 6665).
# Checks that only the plugin's knowledge can answer (evidence sentences,
# outcomes of calls and registrations) are counted as not checked. It proves
# that an expected file is true of its capture before any plugin reads it.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

# The four fields every expected response line gives, in column order.
BASE_FIELDS = ("sipguide.code", "sipguide.class", "sipguide.method", "sipguide.category")

T1 = 0.5                    # RFC 3261 default T1, seconds
TIMER_B = 64 * T1           # INVITE client transaction timeout (Timer B, and F for non-INVITE)
DUPLICATE_WINDOW = 0.010    # a capture duplicate follows its original within 10 ms
PLAUSIBLE_GAP = 3600.0      # a response more than an hour after its request: the clock jumped

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")


# --- the packets ---------------------------------------------------------------


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


def split_header(values):
    """Header values as shown (one per header line, comma lists merged by
    Wireshark), split into single values outside quotes."""
    out = []
    for value in values:
        part, quoted = "", False
        for c in value:
            if c == '"':
                quoted = not quoted
            if c == "," and not quoted:
                out.append(part.strip())
                part = ""
            else:
                part += c
        if part.strip():
            out.append(part.strip())
    return out


def param(text, name):
    """The value of ;name=value (or name="value" in an auth header) in text."""
    m = re.search(r'(?:^|[;,\s])' + re.escape(name) + r'\s*=\s*("([^"]*)"|[^;,\s]*)', text or "", re.I)
    if not m:
        return None
    return m.group(2) if m.group(2) is not None else m.group(1)


class Message:
    """One SIP message of the capture, with where it travelled."""

    def __init__(self, frame, index, net, sip):
        self.frame = frame                  # frame number (int)
        self.index = index                  # its place among the frame's SIP messages
        self.time = net["time"]
        self.transport = net["transport"]   # udp, tcp, sctp or ws
        self.src, self.dst = net["src"], net["dst"]         # innermost IP addresses
        self.sport, self.dport = net["sport"], net["dport"]
        self.ip_id = net["ip_id"]
        self.checksums = net["checksums"]
        self.method = first(sip, "sip.Method")               # None for a response
        code = first(sip, "sip.Status-Code")
        self.code = int(code) if code and code.isdigit() else None
        self.call_id = first(sip, "sip.Call-ID")
        seq = first(sip, "sip.CSeq.seq")
        self.cseq = (int(seq) if seq and seq.isdigit() else None, first(sip, "sip.CSeq.method"))
        self.from_tag = first(sip, "sip.from.tag")
        self.to_tag = first(sip, "sip.to.tag")
        self.vias = split_header(sip.get("sip.Via", []))
        self.top_via = self.vias[0] if self.vias else ""
        self.branch = param(self.top_via, "branch")
        m = re.match(r"\s*SIP\s*/\s*2\.0\s*/\s*\S+\s+(\[[^\]]+\]|[^;:\s]+)(?::(\d+))?", self.top_via)
        self.sent_by = (m.group(1).strip("[]"), int(m.group(2)) if m and m.group(2) else None) \
            if m else (None, None)
        self.received = param(self.top_via, "received")
        rport = param(self.top_via, "rport")
        self.rport = int(rport) if rport and rport.isdigit() else None
        rseq = first(sip, "sip.RSeq")
        self.rseq = rseq.strip() if rseq else None
        self.authorization = sip.get("sip.Authorization", []) + sip.get("sip.Proxy-Authorization", [])
        # Credentials answer a challenge: a digest response. An Authorization
        # with an empty response (an IMS UE's first REGISTER, which only
        # names its private identity) carries none.
        self.credentials = any(param(a, "response") for a in self.authorization)
        self.challenges = sip.get("sip.WWW-Authenticate", []) + sip.get("sip.Proxy-Authenticate", [])
        self.reasons = sip.get("sip.Reason", [])
        self.sub_state = first(sip, "sip.Subscription-State")
        expires = first(sip, "sip.Expires")
        self.expires = int(expires) if expires and expires.strip().isdigit() else None
        self.raw = (first(sip, "sip.Request-Line") or first(sip, "sip.Status-Line") or "",
                    first(sip, "sip.msg_hdr") or "")

    def is_request(self):
        return self.method is not None

    def hop(self):
        return (self.transport, self.src, self.sport, self.dst, self.dport)

    def what(self):
        return self.method if self.is_request() else str(self.code)


def network(packet):
    """Where the SIP messages of a packet travelled: the innermost IP layer
    (a tunnel's inner packet) and the transport under SIP."""
    net = {"time": None, "transport": None, "src": None, "dst": None, "sport": None,
           "dport": None, "ip_id": None, "checksums": ()}
    checksums = []
    for proto in packet.findall("proto"):
        name = proto.get("name")
        found = {f.get("name"): f.get("show", "") for f in proto.findall("field")}
        if name == "frame":
            net["time"] = float(found.get("frame.time_epoch", "0") or 0)
        elif name == "ip":
            net["src"], net["dst"] = found.get("ip.src"), found.get("ip.dst")
            net["ip_id"] = found.get("ip.id")
            checksums = [found.get("ip.checksum")]
        elif name == "ipv6":
            net["src"], net["dst"] = found.get("ipv6.src"), found.get("ipv6.dst")
            net["ip_id"] = None
            checksums = []
        elif name in ("udp", "tcp", "sctp"):
            net["transport"] = name
            net["sport"] = int(found.get(name + ".srcport", "0") or 0)
            net["dport"] = int(found.get(name + ".dstport", "0") or 0)
            checksums = checksums[:1] + [found.get(name + ".checksum"), found.get("tcp.seq_raw")]
        elif name == "websocket" and net["transport"] == "tcp":
            net["transport"] = "ws"
    net["checksums"] = tuple(checksums)
    return net


class Capture:
    """Every SIP message of a capture, and the plugin's guides."""

    def __init__(self, stream):
        self.messages = []          # in frame order
        self.by_frame = {}          # frame -> [Message]
        self.responses = []         # (Message, guide fields)
        self.request_guides = {}    # id(Message) -> guide fields
        self.errors = []
        for _, packet in ET.iterparse(stream):
            if packet.tag != "packet":
                continue
            self._packet(packet)
            packet.clear()
        self.end = max((m.time for m in self.messages), default=0.0)

    def _packet(self, packet):
        frame = None
        for proto in packet.findall("proto"):
            if proto.get("name") == "frame":
                for field in proto.findall("field"):
                    if field.get("name") == "frame.number":
                        frame = int(field.get("show"))
        net = network(packet)
        msgs, guides = [], []
        for proto in packet.findall("proto"):
            if proto.get("name") == "sip":
                msgs.append(Message(frame, len(msgs), net, fields_of(proto)))
            elif proto.get("name") == "sipguide":
                guides.append(fields_of(proto))
            elif proto.get("name") == "diameter":
                DIAMETER_MESSAGES.setdefault(frame, []).append(diameter_message(proto))
        self.messages.extend(msgs)
        if msgs:
            self.by_frame[frame] = msgs
        responses = [m for m in msgs if not m.is_request()]
        requests = [m for m in msgs if m.is_request()]
        response_guides = [g for g in guides if "sipguide.code" in g]
        request_guides = [g for g in guides if "sipguide.code" not in g]
        if any(len(g["sipguide.code"]) != 1 for g in response_guides):
            self.errors.append(f"frame {frame}: a guide without exactly one sipguide.code: "
                               f"{[g['sipguide.code'] for g in response_guides]}")
            return
        codes = [g["sipguide.code"][0] for g in response_guides]
        if codes != [str(m.code) for m in responses]:
            self.errors.append(f"frame {frame}: sip.Status-Code {[str(m.code) for m in responses]} "
                               f"but sipguide.code {codes}")
        else:
            self.responses.extend(zip(responses, response_guides))
        if request_guides:
            if len(request_guides) == len(requests):
                for m, g in zip(requests, request_guides):
                    self.request_guides[id(m)] = g
            elif len(requests) == 1:
                self.errors.append(f"frame {frame}: {len(request_guides)} guides for one request")
            else:
                self.errors.append(f"frame {frame}: {len(request_guides)} request guides for "
                                   f"{len(requests)} requests: which is whose cannot be told")

    def at(self, frame):
        return self.by_frame.get(frame, [])

    def ordinal(self, msg, same_call):
        """msg's place (1-based) among the messages of its kind (method or
        code), of its Call-ID when same_call, in frame order."""
        n = 0
        for m in self.messages:
            if m.what() == msg.what() and (not same_call or m.call_id == msg.call_id):
                n += 1
            if m is msg:
                return n
        return None

    def nth(self, what, n, call_id=None):
        """The n-th message of kind what (a method or a code), of call_id if given."""
        count = 0
        for m in self.messages:
            if m.what() == what and (call_id is None or m.call_id == call_id):
                count += 1
                if count == n:
                    return m
        return None


# --- the rules: what a link may point at -------------------------------------------


def before(a, b):
    return (a.frame, a.index) < (b.frame, b.index)


def duplicate(copy, original):
    """copy is a capture duplicate of original: the same packet captured twice
    (same addresses, ports, IP ID, checksums and SIP bytes) within a few ms."""
    return (copy is not original and before(original, copy)
            and copy.hop() == original.hop() and copy.ip_id == original.ip_id
            and copy.checksums == original.checksums and copy.raw == original.raw
            and abs(copy.time - original.time) <= DUPLICATE_WINDOW)


def duplicate_of_earlier(msg, cap):
    return any(duplicate(msg, m) for m in cap.messages if before(m, msg))


def same_transaction(req, resp):
    """RFC 3261 17.1.3: the response's top Via branch and sent-by match the
    request's and its CSeq method is the request's method; without the magic
    cookie (RFC 2543) Call-ID, From tag, CSeq, top Via and To tag match."""
    if req.method != resp.cseq[1] or req.call_id != resp.call_id:
        return False
    if resp.branch and resp.branch.startswith("z9hG4bK"):
        return req.branch == resp.branch and req.sent_by == resp.sent_by
    return (req.from_tag == resp.from_tag and req.cseq == resp.cseq
            and bare_via(req.top_via) == bare_via(resp.top_via)
            and (req.to_tag is None or req.to_tag == resp.to_tag))


def bare_via(via):
    """A Via without the parameters a server adds (received, rport), for comparison."""
    return re.sub(r";\s*(received|rport)(=[^;]*)?", "", via, flags=re.I).replace(" ", "")


def reverse_hop(req, resp):
    """resp travels the hop of req the other way: it leaves from where req
    arrived, over the same transport, back to the request's source address; a
    connection carries both ways. Over UDP the port may be the Via's sent-by
    port instead of the source port, unless the response's Via has an rport
    value (RFC 3261 18.2.2: received is the source address; RFC 3581: rport is
    the source port)."""
    if (req.transport != resp.transport or resp.src != req.dst or resp.sport != req.dport
            or resp.dst != req.src):
        return False
    if req.transport != "udp" or resp.dport == req.sport:
        return resp.dport == req.sport
    port = req.sent_by[1] or 5060
    return resp.rport is None and resp.dport == port


def answers(resp, req):
    return req.is_request() and before(req, resp) and same_transaction(req, resp) \
        and reverse_hop(req, resp)


def same_response(a, b):
    """The same response: code, To tag, CSeq, RSeq and transaction."""
    return (a.code == b.code and a.call_id == b.call_id and a.cseq == b.cseq
            and a.to_tag == b.to_tag and a.rseq == b.rseq and a.branch == b.branch)


def resend(copy, first_copy, cap):
    """copy is a real resend of first_copy on the same hop, not a capture duplicate."""
    return (not copy.is_request() and before(first_copy, copy) and copy.hop() == first_copy.hop()
            and same_response(copy, first_copy) and not duplicate_of_earlier(copy, cap))


def first_copy(resp, cap):
    """The first copy of resp on its hop (itself when it is the first)."""
    for m in cap.messages:
        if not m.is_request() and m.hop() == resp.hop() and same_response(m, resp):
            return m
    return resp


def hop_by_hop(m, cap):
    """m is made anew on every hop, never relayed: a 100 Trying, a CANCEL, the
    ACK of a non-2xx final response (RFC 3261 16.7, 16.10, 17.1.1.3)."""
    if m.code == 100 or m.method == "CANCEL":
        return True
    return m.method == "ACK" and any(
        r.code is not None and r.code >= 300 and r.call_id == m.call_id
        and r.cseq == (m.cseq[0], "INVITE") and r.to_tag == m.to_tag for r in cap.messages)


def same_message_elsewhere(a, b, cap):
    """b is a's message seen at another capture point (same branch, another
    hop: NAT, mirror) or relayed by a proxy (another branch): same kind,
    Call-ID, CSeq and tags; a message made anew on each hop is not relayed."""
    if (a is b or a.what() != b.what() or a.call_id != b.call_id or a.cseq != b.cseq
            or a.from_tag != b.from_tag or a.to_tag != b.to_tag or a.rseq != b.rseq):
        return False
    if a.branch == b.branch:
        return a.hop() != b.hop()
    return not hop_by_hop(a, cap) and not hop_by_hop(b, cap)


def from_client(req, resp):
    """req comes from the client that got resp, over the hop resp crossed."""
    return (req.transport == resp.transport and req.src == resp.dst and req.dst == resp.src
            and req.dport == resp.sport and req.sport == resp.dport)


def auth_retry(req, resp, cap):
    """req retries the challenged request with credentials: the same client
    (Call-ID, From tag, hop), the same method, a higher CSeq (RFC 3261 22.2)."""
    return (req.is_request() and before(resp, req) and req.method == resp.cseq[1]
            and req.call_id == resp.call_id and req.from_tag == resp.from_tag
            and req.cseq[0] is not None and resp.cseq[0] is not None and req.cseq[0] > resp.cseq[0]
            and req.credentials and from_client(req, resp) and not duplicate_of_earlier(req, cap))


def cancels(cancel, resp):
    """cancel is the CANCEL of resp's INVITE on resp's hop (RFC 3261 9.1: same
    Call-ID, CSeq number and top Via branch)."""
    return (cancel.method == "CANCEL" and before(cancel, resp) and cancel.call_id == resp.call_id
            and cancel.cseq[0] == resp.cseq[0] and cancel.branch == resp.branch
            and from_client(cancel, resp))


def tags(m):
    return {t for t in (m.from_tag, m.to_tag) if t}


def dialog_creator(creator, resp, methods):
    """creator is the request that created resp's dialog: an initial one (no
    To tag) from one of its two ends, or, for a subscription, a SUBSCRIBE or
    REFER sent inside an existing dialog (an in-dialog REFER's subscription
    shares that dialog, RFC 6665 4.5.2)."""
    if creator.method not in methods or not before(creator, resp) or creator.call_id != resp.call_id:
        return False
    if creator.to_tag is None:
        return creator.from_tag in tags(resp)
    return creator.method in ("SUBSCRIBE", "REFER") and tags(creator) == tags(resp)


def crosses(t, resp, cap):
    """t is an INVITE or UPDATE of resp's dialog sent by resp's sender, pending
    together with the request resp answers (RFC 3261 14.1): sent after that
    request, or before it without a final response before it."""
    if (t.method not in ("INVITE", "UPDATE") or t.call_id != resp.call_id
            or tags(t) != tags(resp) or not before(t, resp) or not same_sender(t, resp)):
        return False
    q = truth_request_in(resp, cap)
    if q is None:
        return False
    if not before(t, q):
        return True
    return not any(m.code is not None and m.code >= 200 and answers(m, t) and before(m, q)
                   for m in cap.messages)


def ends_subscription(m, resp):
    state = (m.sub_state or "").strip().lower()
    return (before(m, resp) and m.call_id == resp.call_id and tags(m) == tags(resp)
            and ((m.method == "NOTIFY" and state.startswith("terminated"))
                 or (m.method == "SUBSCRIBE" and m.expires == 0)))


def acknowledges(ack, resp):
    """ack is the ACK of the 2xx resp, sent by the one who got it back over the
    hop resp came (RFC 3261 13.2.2.4); an ACK sent straight to the callee's
    Contact crosses another hop."""
    return (ack.method == "ACK" and before(resp, ack) and ack.call_id == resp.call_id
            and ack.cseq[0] == resp.cseq[0] and ack.to_tag == resp.to_tag
            and ack.transport == resp.transport and ack.src == resp.dst and ack.sport == resp.dport
            and ack.dst == resp.src)


def same_sender(a, b):
    """a and b were sent by the same element: the same endpoint, or the same
    address unless an end of either hop shares it (loopback)."""
    if (a.src, a.sport) == (b.src, b.sport):
        return True
    return a.src == b.src and a.src != a.dst and b.src != b.dst


def same_receiver(a, b):
    if (a.dst, a.dport) == (b.dst, b.dport):
        return True
    return a.dst == b.dst and a.src != a.dst and b.src != b.dst


def leg_ends(q, cap):
    """What the packets show of a proxy's leg q that got no response at all:
    (the same request sent by the same element to another next hop at least
    T1 later, the failure that element sent upstream after q), each the
    first or None; only the earlier of the two counts (RFC 3261 16.6, 16.7)."""
    copies = transaction_copies(q, cap)
    if any(not t.is_request() and any(answers(t, c) for c in copies) for t in cap.messages):
        return None, None
    start = min(c.time for c in copies)
    other = first_match(cap, lambda t: t.is_request() and t.method == q.method
                        and t.call_id == q.call_id and t.cseq == q.cseq and same_sender(t, q)
                        and not same_receiver(t, q) and t.time - start >= T1)
    upstream = first_match(cap, lambda t: not t.is_request() and t.code >= 300
                           and t.call_id == q.call_id and t.cseq == q.cseq and same_sender(t, q)
                           and not same_receiver(t, q) and t.time > start)
    if other and upstream:
        if before(other, upstream):
            upstream = None
        else:
            other = None
    return other, upstream


def gives_reason(m, resp):
    """m is an earlier 18x of resp's dialog on its hop, or the CANCEL behind
    resp, and carries a Reason (RFC 3326)."""
    if not m.reasons or not before(m, resp) or m.call_id != resp.call_id:
        return False
    if m.is_request():
        return cancels(m, resp)
    return (100 < m.code < 200 and m.cseq == resp.cseq and m.hop() == resp.hop()
            and (m.to_tag is None or resp.to_tag is None or m.to_tag == resp.to_tag))


# LINKS: for each link field of a response guide, (test of a target message
# against the response, what the target must be). A request guide's links are
# in REQUEST_LINKS.
LINKS = {
    "sipguide.request_in": (
        lambda t, r, cap: answers(r, t),
        "the request it answers on the same hop (same transaction, addresses reversed)"),
    "sipguide.retransmission_of": (
        lambda t, r, cap: resend(r, t, cap) and first_copy(r, cap) is t,
        "the first copy of the same response (code, To tag, CSeq, RSeq) on the same hop, "
        "of which this one is a real resend"),
    "sipguide.duplicate_of": (
        lambda t, r, cap: duplicate(r, t),
        "an identical earlier packet (same bytes and IP ID, within 10 ms)"),
    "sipguide.also_seen_in": (
        lambda t, r, cap: same_message_elsewhere(r, t, cap),
        "the same message on another hop"),
    "sipguide.auth_retry_in": (
        lambda t, r, cap: auth_retry(t, r, cap) and not any(
            auth_retry(m, r, cap) and before(m, t) for m in cap.messages),
        "the next request of the same client with credentials and a higher CSeq"),
    "sipguide.auth.rejected_in": (
        lambda t, r, cap: answers(r, t) and t.credentials,
        "the request with the rejected credentials, which the response answers"),
    "sipguide.cancel_in": (
        lambda t, r, cap: cancels(t, r),
        "the CANCEL of the same INVITE on the same hop"),
    "sipguide.crossing_in": (
        lambda t, r, cap: r.code == 491 and crosses(t, r, cap),
        "an INVITE or UPDATE of the same dialog, sent the other way while the request of this "
        "491 was pending"),
    "sipguide.dialog_invite_in": (
        lambda t, r, cap: r.cseq[1] not in ("SUBSCRIBE", "NOTIFY", "REFER")
        and dialog_creator(t, r, ("INVITE",)),
        "the INVITE that created the dialog (not for SUBSCRIBE, NOTIFY or REFER)"),
    "sipguide.subscription_in": (
        lambda t, r, cap: r.cseq[1] in ("SUBSCRIBE", "NOTIFY", "REFER")
        and dialog_creator(t, r, ("SUBSCRIBE", "REFER")),
        "the SUBSCRIBE or REFER that created the subscription"),
    "sipguide.subscription.ended_in": (
        lambda t, r, cap: ends_subscription(t, r),
        "a NOTIFY with Subscription-State: terminated or a SUBSCRIBE with Expires: 0 "
        "of the same dialog"),
    "sipguide.ack_in": (
        lambda t, r, cap: r.cseq[1] == "INVITE" and 200 <= r.code < 300 and acknowledges(t, r),
        "the ACK of this 2xx from the one who got it"),
    "sipguide.reason.inherited_in": (
        lambda t, r, cap: gives_reason(t, r),
        "an earlier 18x of the dialog or the CANCEL, with a Reason"),
}

REQUEST_LINKS = {
    "sipguide.request.failed_over_in": (
        lambda t, q, cap: leg_ends(q, cap)[0] is t,
        "the same request its client sent to another next hop"),
    "sipguide.request.given_up_in": (
        lambda t, q, cap: leg_ends(q, cap)[1] is t,
        "the failure its client sent upstream instead"),
    "sipguide.request.final_in": (
        lambda t, q, cap: t.code is not None and t.code >= 200 and answers(t, q),
        "a final response to this request on its hop"),
    "sipguide.duplicate_of": (
        lambda t, q, cap: duplicate(q, t),
        "an identical earlier packet (same bytes and IP ID, within 10 ms)"),
    "sipguide.also_seen_in": (
        lambda t, q, cap: same_message_elsewhere(q, t, cap),
        "the same message on another hop"),
}


def check_links(msg, guide, links, cap):
    """Problems with every link of a guide that does not point where it says."""
    errors = []
    for field, (test, what) in links.items():
        for target in guide.get(field, []):
            where = f"frame {msg.frame}: {field} {target}"
            if not target.isdigit():
                errors.append(f"{where}: not a frame number")
            elif int(target) == msg.frame:
                errors.append(f"{where}: points at its own frame")
            elif not cap.at(int(target)):
                errors.append(f"{where}: that frame holds no SIP message")
            elif not any(test(t, msg, cap) for t in cap.at(int(target))):
                errors.append(f"{where}: that frame does not hold {what}")
    return errors


# --- the truth: what the packets say ------------------------------------------------


def first_match(cap, test):
    return next((m for m in cap.messages if test(m)), None)


def truth_request_in(r, cap):
    return first_match(cap, lambda q: answers(r, q) and not duplicate_of_earlier(q, cap))


def truth_link(field, msg, cap):
    """The frame(s) a link field must name for msg, by the packets: a list
    (empty: the guide must not have it), or None when the rules cannot tell."""
    if msg.is_request():
        if field == "sipguide.request.final_in":
            found = first_match(cap, lambda t: t.code is not None and t.code >= 200
                                and answers(t, msg) and not duplicate_of_earlier(t, cap))
            return [found] if found else []
        if field == "sipguide.duplicate_of":
            found = first_match(cap, lambda t: duplicate(msg, t))
            return [found] if found else []
        if field == "sipguide.also_seen_in":
            return [t for t in cap.messages if same_message_elsewhere(msg, t, cap)
                    and not duplicate_of_earlier(t, cap)]
        if field in ("sipguide.request.failed_over_in", "sipguide.request.given_up_in"):
            found = leg_ends(msg, cap)[0 if field.endswith("failed_over_in") else 1]
            return [found] if found else []
        return None
    r = msg
    if field == "sipguide.request_in":
        found = truth_request_in(r, cap)
    elif field == "sipguide.duplicate_of":
        found = first_match(cap, lambda t: duplicate(r, t))
    elif field == "sipguide.retransmission_of":
        found = None
        if not duplicate_of_earlier(r, cap):
            f = first_copy(r, cap)
            found = f if f is not r and resend(r, f, cap) else None
    elif field == "sipguide.also_seen_in":
        return [t for t in cap.messages if same_message_elsewhere(r, t, cap)
                and not duplicate_of_earlier(t, cap)]
    elif field == "sipguide.auth_retry_in":
        found = None
        if r.code in (401, 407):
            found = first_match(cap, lambda t: auth_retry(t, r, cap))
    elif field == "sipguide.auth.rejected_in":
        found = None
        if truth_value("sipguide.auth.verdict", r, cap) == "rejected":
            found = truth_request_in(r, cap)
    elif field == "sipguide.cancel_in":
        found = None
        if r.code == 487 and r.cseq[1] == "INVITE":
            found = first_match(cap, lambda t: cancels(t, r) and not duplicate_of_earlier(t, cap))
    elif field == "sipguide.crossing_in":
        found = None
        if r.code == 491:
            crossing = [t for t in cap.messages if crosses(t, r, cap)
                        and not duplicate_of_earlier(t, cap)]
            found = crossing[-1] if crossing else None
    elif field == "sipguide.dialog_invite_in":
        found = None
        if r.code == 481 and r.cseq[1] not in ("SUBSCRIBE", "NOTIFY", "REFER"):
            found = first_match(cap, lambda t: dialog_creator(t, r, ("INVITE",)))
    elif field == "sipguide.subscription_in":
        found = None
        if r.code == 481 and r.cseq[1] in ("SUBSCRIBE", "NOTIFY", "REFER"):
            found = first_match(cap, lambda t: dialog_creator(t, r, ("SUBSCRIBE", "REFER")))
    elif field == "sipguide.subscription.ended_in":
        found = None
        if r.code == 481 and r.cseq[1] in ("SUBSCRIBE", "NOTIFY", "REFER"):
            found = first_match(cap, lambda t: ends_subscription(t, r))
    elif field == "sipguide.ack_in":
        found = None
        if r.cseq[1] == "INVITE" and 200 <= r.code < 300:
            found = first_match(cap, lambda t: acknowledges(t, r))
    elif field == "sipguide.reason.inherited_in":
        found = None
        if r.code >= 300:
            cancel = truth_link("sipguide.cancel_in", r, cap)
            if cancel and cancel[0].reasons:
                found = cancel[0]
            else:
                earlier = [t for t in cap.messages if gives_reason(t, r) and not t.is_request()]
                found = earlier[-1] if earlier else None
    else:
        return None
    return [found] if found else []


def transaction_copies(q, cap):
    """The copies of request q on its hop, capture duplicates left out."""
    def same(m):
        if m.method != q.method or m.hop() != q.hop() or m.call_id != q.call_id or m.cseq != q.cseq:
            return False
        if q.branch and q.branch.startswith("z9hG4bK"):
            return m.branch == q.branch
        return m.top_via == q.top_via and m.from_tag == q.from_tag
    return [m for m in cap.messages if same(m) and not duplicate_of_earlier(m, cap)]


def truth_value(field, msg, cap):
    """The value a non-link field must have by the packets, '-' for none, or
    None when the packets cannot tell."""
    if msg.is_request():
        copies = transaction_copies(msg, cap)
        if field == "sipguide.request.copies":
            return str(len(copies))
        if field == "sipguide.request.outcome":
            answers_to = [t for t in cap.messages if not t.is_request() and
                          any(answers(t, c) for c in copies)]
            if any(t.code >= 200 for t in answers_to):
                return "final"
            if msg.method == "INVITE" and answers_to:
                return "provisional-only"
            if not answers_to and any(leg_ends(msg, cap)):
                return "timed-out"      # its client, a proxy, stopped waiting
            start = min(c.time for c in copies)
            return "timed-out" if cap.end - start >= TIMER_B else "capture-ended"
        return None
    r = msg
    if field == "sipguide.response_time":
        q = truth_request_in(r, cap)
        if q is None or not 0 <= r.time - q.time <= PLAUSIBLE_GAP:
            return "-"
        return "*"
    if field == "sipguide.auth.verdict":
        if r.code not in (401, 407):
            return "-"
        q = truth_request_in(r, cap)
        if q is None:
            return None
        if not q.credentials:
            return "challenge"
        if any((param(c, "stale") or "").lower() == "true" for c in r.challenges):
            return "stale"
        if any(param(a, "auts") for a in q.authorization):
            return "resync"
        return "rejected"
    if field == "sipguide.auth.challenges":
        if r.code not in (401, 407):
            return None
        # Challenges of this client (Call-ID, From tag, hop) up to this one,
        # each counted once (no resend, no capture duplicate).
        count = [m for m in cap.messages if not before(r, m) and m.code in (401, 407)
                 and m.call_id == r.call_id and m.from_tag == r.from_tag and m.hop() == r.hop()
                 and not duplicate_of_earlier(m, cap) and first_copy(m, cap) is m]
        return str(len(count))
    if field.startswith("sipguide.reason."):
        if not r.reasons:
            return "-"
        part = field[len("sipguide.reason."):]
        reason = r.reasons[0]
        if part == "protocol":
            return reason.split(";")[0].strip()
        if part in ("cause", "text"):
            return param(reason, part) or "-"
    return None


def read_categories():
    """A function (code, method) -> the category data/codes/*.txt gives a
    response of that code to that method, or None where it depends on more
    than the method (a section with qualifiers: initial, in-dialog, sdp,
    credentials, event=...), which only the plugin can know."""
    base, plain, qualified, other, answers = {}, {}, {}, {}, {}
    for path in sorted(glob.glob(os.path.join(DATA, "codes", "*.txt"))):
        code, selector, key = None, None, None
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\[(\d{3})(?: ([^\]]+))?\]", line)
                if m:
                    code, selector = int(m.group(1)), m.group(2)
                    continue
                if code is None:
                    continue
                m = re.match(r"^([a-z-]+)\s*=\s*(.*)", line)
                if m:
                    key, value = m.group(1), m.group(2).strip()
                elif line[:1] in " \t" and key == "answers":
                    value = line.strip()
                else:
                    key = None
                    continue
                if key == "answers" and selector is None:
                    answers.setdefault(code, []).extend(
                        w.strip() for w in value.split(",") if w.strip())
                if key != "category" or not m:
                    continue
                if selector is None:
                    base[code] = value
                elif selector == "other":
                    other[code] = value
                else:
                    words = selector.split()
                    for method in words[0].split(","):
                        if len(words) > 1:
                            qualified.setdefault(code, set()).add(method)
                        else:
                            plain[(code, method)] = value

    def category(code, method):
        if method in qualified.get(code, ()):
            return None
        meant = [m for m in answers.get(code, []) if m != "any"]
        if code in other and meant and method not in meant:
            return other[code]
        return plain.get((code, method), base.get(code))
    return category


# --- the expected file ---------------------------------------------------------------


def read_expected(path):
    """Response lines as (line number, {field: value}, [(field, value)]) and
    request lines as (line number, METHOD, N, [(field, value)])."""
    responses, requests = [], []
    last = None
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            line = re.split(r"(?:^|\s)#", text, maxsplit=1)[0].split()
            if not line:
                continue
            if text[0] in " \t":
                if last is None:
                    sys.exit(f"{path}:{number}: a continuation line before any response")
                items = line
            elif line[0] == "REQ":
                m = re.fullmatch(r"([A-Z]+)#(\d+)", line[1] if len(line) > 1 else "")
                if not m:
                    sys.exit(f"{path}:{number}: needs REQ METHOD#N")
                last = []
                requests.append((number, m.group(1), int(m.group(2)), last))
                items = line[2:]
            else:
                if len(line) < len(BASE_FIELDS):
                    sys.exit(f"{path}:{number}: needs CODE CLASS METHOD CATEGORY")
                last = []
                responses.append((number, dict(zip(BASE_FIELDS, line)), last))
                items = line[len(BASE_FIELDS):]
            for item in items:
                field, sep, value = item.partition("=")
                if not sep or not field.startswith("sipguide.") or not value:
                    sys.exit(f"{path}:{number}: '{item}' is not sipguide.FIELD=VALUE "
                             "or sipguide.FIELD~=TEXT")
                last.append((field, value.replace("%20", " ")))
    return responses, requests


def link_target(want, msg, cap):
    """The message a @METHOD#N or @CODE#N names for msg, or None for a bare
    @METHOD or @CODE (any such message of the Call-ID)."""
    m = re.fullmatch(r"@([A-Z]+|\d{3})(?:#(\d+))?", want)
    if not m or not m.group(2):
        return None
    return cap.nth(m.group(1), int(m.group(2)), msg.call_id)


def link_matches(want, target, msg, cap):
    """target (a Message) is what @... names for msg."""
    m = re.fullmatch(r"@([A-Z]+|\d{3})(?:#(\d+))?", want)
    if target.what() != m.group(1) or target.call_id != msg.call_id:
        return False
    return not m.group(2) or target is link_target(want, msg, cap)


# DIAMETER: the messages of each frame, as (application, command), e.g.
# ("Cx", "UAA"), filled while the capture is read; and what @APP:CMD may name.
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
    if not any((app, command) in DIAMETER_MESSAGES.get(int(target), [])
               for target in got if target.isdigit()):
        held = "; ".join(f"frame {target}: " + (", ".join(f"{a}:{c}" for a, c in
                                                         DIAMETER_MESSAGES.get(int(target), []))
                                                 or "no Diameter message")
                         for target in got if target.isdigit())
        return f"{field} is {got}, expected a frame with a Diameter {want} ({held})"
    return None


def check_extra(field, want, guide, msg, cap):
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
        if not re.fullmatch(r"@([A-Z]+|\d{3})(?:#(\d+))?", want):
            return f"{want} is not @METHOD, @METHOD#N, @CODE or @CODE#N"
        if not got:
            return f"{field} is missing, expected a link to {want[1:]}"
        if not any(link_matches(want, t, msg, cap)
                   for target in got if target.isdigit() for t in cap.at(int(target))):
            return (f"{field} is {got}, expected a frame with {want[1:]} "
                    f"of Call-ID {msg.call_id}")
    elif want not in got:
        return f"{field} is {got or 'missing'}, expected {want}"
    return None


def check_truth(field, want, msg, cap):
    """(problem or None, checked?) for one check against the packets."""
    if field.endswith("~"):
        return None, False                  # evidence sentences are the plugin's words
    targets = truth_link(field, msg, cap)
    if targets is not None:
        names = [t.frame for t in targets]
        if want == "-":
            return (f"{field}: the packets give frame(s) {names}" if targets else None), True
        if want == "*":
            return (None if targets else f"{field}: the packets give no such frame"), True
        if want.startswith("@"):
            if not targets:
                return f"{field}: the packets give no frame, expected {want[1:]}", True
            if not all(link_matches(want, t, msg, cap) for t in targets[:1]):
                return (f"{field}: the packets give frame {names[0]} "
                        f"({targets[0].what()}), expected {want[1:]}"), True
            return None, True
        return f"{field}={want}: a link is checked as @..., * or -", True
    value = truth_value(field, msg, cap)
    if value is None:
        return None, False
    if want == "*":
        return (f"{field}: the packets give none" if value == "-" else None), True
    if want != value:
        return f"{field} is {value} by the packets, expected {want}", True
    return None, True


def main():
    args = sys.argv[1:]
    truth = bool(args) and args[0] == "--truth"
    if truth:
        args = args[1:]
    if len(args) != 1:
        sys.exit("usage: tshark ... -T pdml | check.py [--truth] EXPECTED")
    path = args[0]
    expected, expected_requests = read_expected(path)
    cap = Capture(sys.stdin.buffer)
    errors = [] if truth else list(cap.errors)
    categories = read_categories() if truth else None
    responses = [m for m in cap.messages if not m.is_request()] if truth else \
        [m for m, _ in cap.responses]
    guides = {id(m): g for m, g in cap.responses}
    unchecked = checked = 0

    if not truth:
        for m, g in cap.responses:
            errors.extend(check_links(m, g, LINKS, cap))
        for m in cap.messages:
            if id(m) in cap.request_guides:
                errors.extend(check_links(m, cap.request_guides[id(m)], REQUEST_LINKS, cap))

    def run_checks(where, msg, guide, checks):
        nonlocal unchecked, checked
        for field, want in checks:
            if truth:
                problem, done = check_truth(field, want, msg, cap)
                checked += done
                unchecked += not done
            else:
                problem = check_extra(field, want, guide, msg, cap)
            if problem:
                errors.append(f"{where}: {problem}")

    for i, (number, base, extra) in enumerate(expected):
        if i >= len(responses):
            errors.append(f"{path}:{number}: expected a response "
                          f"{' '.join(base.values())}, but the capture has only "
                          f"{len(responses)} response(s)")
            continue
        resp = responses[i]
        where = f"{path}:{number}: frame {resp.frame} (Call-ID {resp.call_id})"
        if truth:
            got = {"sipguide.code": str(resp.code), "sipguide.class": str(resp.code)[0],
                   "sipguide.method": resp.cseq[1] or "?"}
            category = categories(resp.code, resp.cseq[1])
            got["sipguide.category"] = category or "?"
            for field, want in base.items():
                if field == "sipguide.category" and category is None:
                    continue    # it depends on the request: the plugin's knowledge
                if got[field] != want:
                    errors.append(f"{where}: {field} is {got[field]} by the packets and "
                                  f"data/codes, expected {want}")
        else:
            guide = guides[id(resp)]
            for field, want in base.items():
                value = guide.get(field, [])
                if value != ([] if want == "-" else [want]):
                    errors.append(f"{where}: {field} is {value or 'missing'}, expected {want}")
        # Evidence (Retry-After, Reason, Warning, Min-Expires ...) and
        # transaction links (the request a response answers, its CANCEL, the
        # retry with credentials ...), as the response's line names them.
        run_checks(where, resp, None if truth else guides[id(resp)], extra)
    for resp in responses[len(expected):]:
        guide = guides.get(id(resp), {})
        shown = ' '.join(guide.get(f, ['?'])[0] for f in BASE_FIELDS) if guide else str(resp.code)
        errors.append(f"frame {resp.frame} (Call-ID {resp.call_id}): response {shown} "
                      f"is not in {path}")

    for number, method, n, checks in expected_requests:
        req = cap.nth(method, n)
        if req is None:
            errors.append(f"{path}:{number}: the capture has no {method}#{n}")
            continue
        where = f"{path}:{number}: {method}#{n} in frame {req.frame} (Call-ID {req.call_id})"
        run_checks(where, req, cap.request_guides.get(id(req), {}), checks)

    for e in errors:
        print(e, file=sys.stderr)
    summary = (f"{len(responses)} response(s) in the capture, {len(expected)} expected, "
               f"{len(errors)} problem(s)")
    if truth:
        summary += (f"; against the packets: {checked} check(s) done, {unchecked} left to "
                    "the plugin's knowledge")
    print(summary)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
