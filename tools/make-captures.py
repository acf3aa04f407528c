#!/usr/bin/env python3
# make-captures.py
# Builds the test captures from readable SIP message texts.
#
#   tools/make-captures.py [--check] [FLOW...]
#
# Each tests/captures/NAME.flow describes one capture, NAME.pcap, written
# beside it.  Messages are read from tests/messages/*.sip.  The output is
# deterministic (fixed addresses, timestamps and sequence numbers), so the
# captures can be rebuilt byte for byte; --check fails when a committed
# capture differs from what the flow file makes.
#
# Flow file syntax (one statement a line, '#' starts a comment):
#   conn NAME TRANSPORT ADDR:PORT ADDR:PORT [tunnel=T]
#                                           a connection; IPv6 as [2001:db8::1]:5060;
#                                           TRANSPORT is udp, tcp, sctp or ws
#   tunnel T ipip|gre|erspan ADDR ADDR      an IPv4 tunnel between two outer addresses
#                                           (the first on the side of a conn's first
#                                           address): IP-in-IP, GRE, or ERSPAN type II
#                                           (GRE carrying the mirrored Ethernet frame)
#   ipid auto                               IPv4 identifications from here on: each
#                                           source address counts its own packets
#   set KEY VALUE                           from here on, {{KEY}} in a message text
#                                           is VALUE (one message file for several calls)
#   NAME > [OPTION...] MSG [MSG...]         a packet from the first address to the second
#   NAME < [OPTION...] MSG [MSG...]         a packet the other way
#   NAME > [OPTION...] raw TEXT             a packet holding TEXT (\r \n \t \xHH escapes)
#   NAME < [OPTION...] gen CODE METHOD [PHRASE...]
#                                           a response CODE to METHOD, made up on the spot
#                                           (its own Call-ID and CSeq number; PHRASE or "Response")
#   NAME ! [OPTION...] icmp TYPE CODE [from=ADDR] [mtu=N] [quote=N]
#                                           an ICMP error (ICMPv6 on an IPv6 connection)
#                                           quoting the last UDP datagram of NAME, sent
#                                           back to its source from ADDR (default: its
#                                           destination); mtu= fills the MTU of a "too big"
#                                           error; the quote holds the datagram's first N
#                                           bytes (default: as many as 576 bytes of IPv4, or
#                                           1280 of IPv6, leave room for: RFC 1812 §4.3.2.3,
#                                           RFC 4443 §2.4)
# Several messages in one statement travel in one packet (one TCP segment).
# Options of a packet:
#   split=N     the payload in two segments, the first N bytes long (TCP only)
#   at=S        its time: S seconds after the capture's start (may go back)
#   after=MS    its time: MS milliseconds after the packet before it
#   id=N        its IPv4 identification (decimal or 0x..); id=prev: the one of the
#               packet before (a NAT forwards a datagram with its ID)
#   dup=MS      the same frame once more, MS milliseconds later (a port mirror's
#               duplicate: same bytes, same IP ID)
# Without at= or after= a packet comes 20 ms after the one before.
# A TCP connection opens with a three-way handshake before its first packet; a
# ws connection is TCP that opens with an HTTP upgrade to WebSocket
# (Sec-WebSocket-Protocol: sip, RFC 7118) and carries every message in a text
# frame, masked from the first address; an sctp connection carries every
# message in a DATA chunk (payload protocol 0, RFC 4168).
#
# In a message file, lines end with CRLF on the wire, and the header value
# "Content-Length: auto" becomes the length of the body.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse
import ipaddress
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPTURES = os.path.join(ROOT, "tests", "captures")
MESSAGES = os.path.join(ROOT, "tests", "messages")

START = 1767225600          # 2026-01-01 00:00:00 UTC
STEP_US = 20000             # 20 ms between packets


class FlowError(Exception):
    pass


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def load_message(name, where, values=None):
    path = os.path.join(MESSAGES, name)
    if not os.path.isfile(path):
        raise FlowError("%s: message file %s not found in tests/messages" % (where, name))
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    for key, value in (values or {}).items():
        text = text.replace("{{%s}}" % key, value)
    if "{{" in text:
        raise FlowError("%s: %s has a {{KEY}} that no 'set' gives" % (where, name))
    text = text.replace("\r\n", "\n")
    if "\n\n" in text:
        head, body = text.split("\n\n", 1)
    else:
        head, body = text.rstrip("\n"), ""
    body = body.replace("\n", "\r\n").encode("utf-8")
    head = re.sub(r"(?im)^(Content-Length|l)[ \t]*:[ \t]*auto[ \t]*$",
                  lambda m: "%s: %d" % (m.group(1), len(body)), head)
    return head.replace("\n", "\r\n").encode("utf-8") + b"\r\n\r\n" + body


def generated_response(number, code, method, phrase):
    text = ("SIP/2.0 %s %s\r\n"
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKgen%d\r\n"
            "From: <sip:alice@example.com>;tag=gen-a%d\r\n"
            "To: <sip:bob@example.com>;tag=gen-b%d\r\n"
            "Call-ID: gen-%d@192.0.2.10\r\n"
            "CSeq: %d %s\r\n"
            "Content-Length: 0\r\n\r\n") % (code, phrase, number, number, number, number, number, method)
    return text.encode("utf-8")


def unescape(text):
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "r":
                out += b"\r"
            elif n == "n":
                out += b"\n"
            elif n == "t":
                out += b"\t"
            elif n == "\\":
                out += b"\\"
            elif n == "x" and i + 3 < len(text):
                out.append(int(text[i + 2:i + 4], 16))
                i += 2
            else:
                out += ("\\" + n).encode()
            i += 2
        else:
            out += c.encode("utf-8")
            i += 1
    return bytes(out)


def parse_endpoint(text, where):
    m = re.fullmatch(r"\[([0-9a-fA-F:]+)\]:(\d+)|([0-9.]+):(\d+)", text)
    if not m:
        raise FlowError("%s: bad address %r (use 192.0.2.1:5060 or [2001:db8::1]:5060)" % (where, text))
    addr = ipaddress.ip_address(m.group(1) or m.group(3))
    port = int(m.group(2) or m.group(4))
    return addr, port


class Conn:
    def __init__(self, name, transport, a, b, tunnel=None):
        self.name = name
        self.transport = transport
        self.a, self.b = a, b
        self.seq = {0: 1000, 1: 5000}   # next sequence number per direction
        self.opened = False
        self.tunnel = tunnel
        self.tsn = {0: 100, 1: 700}     # SCTP: next TSN per direction
        self.ssn = {0: 0, 1: 0}         # SCTP: next stream sequence number
        self.vtag = {0: 0x1A2B3C4D, 1: 0x5E6F7081}   # SCTP: the tag each side expects
        self.masks = 0                  # WebSocket: masking keys used
        self.last_datagram = None       # UDP: (source, destination, IP packet) of the last one


class Tunnel:
    def __init__(self, kind, a, b):
        self.kind = kind
        self.a, self.b = a, b
        self.seq = 0                    # GRE sequence number (ERSPAN)


class Writer:
    def __init__(self):
        self.packets = []
        self.last = None                # time of the last packet, microseconds

    def add(self, frame, ts=None):
        if ts is None:
            ts = START * 1000000 if self.last is None else self.last + STEP_US
        self.last = ts
        self.packets.append((ts // 1000000, ts % 1000000, frame))

    def pcap(self):
        out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
        for sec, usec, frame in self.packets:
            out += struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame
        return out


def ether(src_v6, payload):
    dst = bytes.fromhex("020000000002")
    src = bytes.fromhex("020000000001")
    return dst + src + struct.pack("!H", 0x86DD if src_v6 else 0x0800) + payload


def ip_packet(src, dst, proto, l4, ident=0):
    if src.version == 4:
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident, 0x4000, 64, proto, 0,
                          src.packed, dst.packed)
        hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
        return hdr + l4
    return struct.pack("!IHBB16s16s", 0x60000000, len(l4), proto, 64, src.packed, dst.packed) + l4


def pseudo(src, dst, proto, length):
    if src.version == 4:
        return src.packed + dst.packed + struct.pack("!BBH", 0, proto, length)
    return src.packed + dst.packed + struct.pack("!IxxxB", length, proto)


def encapsulate(conn, direction, inner_ip, ident):
    """The Ethernet frame of an IP packet, through the conn's tunnel if it has one."""
    t = conn.tunnel
    if t is None:
        return ether(inner_ip[0] >> 4 == 6, inner_ip)
    # ERSPAN carries both directions of the mirrored traffic from the switch to
    # the collector; the other tunnels follow the inner packet.
    oa, ob = (t.a, t.b) if direction == 0 or t.kind == "erspan" else (t.b, t.a)
    if t.kind == "ipip":
        return ether(False, ip_packet(oa, ob, 4, inner_ip, ident))
    if t.kind == "gre":
        gre = struct.pack("!HH", 0, 0x86DD if inner_ip[0] >> 4 == 6 else 0x0800)
        return ether(False, ip_packet(oa, ob, 47, gre + inner_ip, ident))
    # ERSPAN type II: GRE with a sequence number, the ERSPAN header (version 1,
    # session 1), then the mirrored frame as the switch saw it.
    gre = struct.pack("!HHI", 0x1000, 0x88BE, t.seq)
    t.seq += 1
    erspan = struct.pack("!HHI", 0x1000, 0x0001, 0)
    return ether(False, ip_packet(oa, ob, 47, gre + erspan + ether(inner_ip[0] >> 4 == 6, inner_ip), ident))


def udp_frame(conn, direction, payload, ident=0):
    (sa, sp), (da, dp) = (conn.a, conn.b) if direction == 0 else (conn.b, conn.a)
    length = 8 + len(payload)
    hdr = struct.pack("!HHHH", sp, dp, length, 0)
    csum = checksum(pseudo(sa, da, 17, length) + hdr + payload) or 0xFFFF
    hdr = hdr[:6] + struct.pack("!H", csum)
    packet = ip_packet(sa, da, 17, hdr + payload, ident)
    conn.last_datagram = (sa, da, packet)
    return encapsulate(conn, direction, packet, ident)


def icmp_frame(conn, kind, code, sender, mtu, quote, where):
    """An ICMP or ICMPv6 error quoting the conn's last UDP datagram."""
    if conn.last_datagram is None:
        raise FlowError("%s: no UDP datagram of %s to quote" % (where, conn.name))
    sa, da, packet = conn.last_datagram
    sender = sender or da
    if sender.version != sa.version:
        raise FlowError("%s: from= must be an address of the datagram's IP version" % where)
    if sa.version == 4:
        quoted = packet[:quote if quote is not None else 576 - 20 - 8]
        rest = mtu if kind == 3 and code == 4 else 0
        msg = struct.pack("!BBHHH", kind, code, 0, 0, rest) + quoted
        msg = msg[:2] + struct.pack("!H", checksum(msg)) + msg[4:]
        return ether(False, ip_packet(sender, sa, 1, msg))
    quoted = packet[:quote if quote is not None else 1280 - 40 - 8]
    msg = struct.pack("!BBHI", kind, code, 0, mtu if kind == 2 else 0) + quoted
    csum = checksum(pseudo(sender, sa, 58, len(msg)) + msg)
    msg = msg[:2] + struct.pack("!H", csum) + msg[4:]
    return ether(True, ip_packet(sender, sa, 58, msg))


def tcp_frame(conn, direction, flags, payload, ident=0):
    (sa, sp), (da, dp) = (conn.a, conn.b) if direction == 0 else (conn.b, conn.a)
    seq = conn.seq[direction]
    ack = conn.seq[1 - direction] if flags & 0x10 else 0
    hdr = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 65535, 0, 0)
    csum = checksum(pseudo(sa, da, 6, len(hdr) + len(payload)) + hdr + payload)
    hdr = hdr[:16] + struct.pack("!H", csum) + hdr[18:]
    advance = len(payload) + (1 if flags & 0x02 else 0)
    conn.seq[direction] = (seq + advance) & 0xFFFFFFFF
    return encapsulate(conn, direction, ip_packet(sa, da, 6, hdr + payload, ident), ident)


def crc32c(data):
    """CRC-32C (Castagnoli), the SCTP checksum (RFC 4960 appendix B)."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def sctp_frame(conn, direction, payload, ident=0):
    """One SCTP packet with one DATA chunk (unfragmented, stream 0, PPID 0)."""
    (sa, sp), (da, dp) = (conn.a, conn.b) if direction == 0 else (conn.b, conn.a)
    chunk = struct.pack("!BBHIHHI", 0, 0x03, 16 + len(payload), conn.tsn[direction], 0,
                        conn.ssn[direction], 0) + payload
    chunk += b"\0" * (-len(chunk) % 4)
    conn.tsn[direction] += 1
    conn.ssn[direction] = (conn.ssn[direction] + 1) & 0xFFFF
    packet = struct.pack("!HHII", sp, dp, conn.vtag[1 - direction], 0) + chunk
    packet = packet[:8] + struct.pack("<I", crc32c(packet)) + packet[12:]
    return encapsulate(conn, direction, ip_packet(sa, da, 132, packet, ident), ident)


def ws_frame(conn, direction, payload):
    """A WebSocket text frame (RFC 6455); masked from the connection's first side."""
    head = bytes([0x81])
    mask = direction == 0
    n = len(payload)
    if n < 126:
        head += bytes([(0x80 if mask else 0) | n])
    else:
        head += bytes([(0x80 if mask else 0) | 126]) + struct.pack("!H", n)
    if not mask:
        return head + payload
    conn.masks += 1
    key = struct.pack("!I", (0x3C5A7E11 * conn.masks) & 0xFFFFFFFF)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


WS_UPGRADE = ("GET / HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n")
WS_ACCEPT = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n")


class IpIds:
    """IPv4 identifications: explicit, the previous packet's, or (ipid auto)
    each source address's own counter."""

    def __init__(self):
        self.auto = False
        self.counters = {}
        self.prev = 0

    def next(self, src, option, where):
        if option == "prev":
            ident = self.prev
        elif option is not None:
            try:
                ident = int(option, 0)
            except ValueError:
                raise FlowError("%s: id=%s is not a number or prev" % (where, option))
            if not 0 <= ident <= 0xFFFF:
                raise FlowError("%s: id=%s does not fit 16 bits" % (where, option))
        elif self.auto and src.version == 4:
            ident = self.counters.get(src, (int(src) * 2654435761 >> 8) & 0xFFFF)
            self.counters[src] = (ident + 1) & 0xFFFF
        else:
            ident = 0
        self.prev = ident
        return ident


def build(flow_path):
    conns = {}
    tunnels = {}
    values = {}
    ids = IpIds()
    writer = Writer()
    with open(flow_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        where = "%s:%d" % (os.path.relpath(flow_path, ROOT), number)
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if words[0] == "set":
            if len(words) != 3:
                raise FlowError("%s: expected 'set KEY VALUE'" % where)
            values[words[1]] = words[2]
            continue
        if words[0] == "ipid":
            if words[1:] != ["auto"]:
                raise FlowError("%s: expected 'ipid auto'" % where)
            ids.auto = True
            continue
        if words[0] == "tunnel":
            if len(words) != 5 or words[2] not in ("ipip", "gre", "erspan"):
                raise FlowError("%s: expected 'tunnel NAME ipip|gre|erspan ADDR ADDR'" % where)
            a, b = ipaddress.ip_address(words[3]), ipaddress.ip_address(words[4])
            if a.version != 4 or b.version != 4:
                raise FlowError("%s: tunnel endpoints are IPv4 addresses" % where)
            tunnels[words[1]] = Tunnel(words[2], a, b)
            continue
        if words[0] == "conn":
            tunnel = None
            if len(words) == 6 and words[5].startswith("tunnel="):
                tunnel = tunnels.get(words[5][7:])
                if tunnel is None:
                    raise FlowError("%s: unknown tunnel %r" % (where, words[5][7:]))
                words = words[:5]
            if len(words) != 5 or words[2] not in ("udp", "tcp", "sctp", "ws"):
                raise FlowError("%s: expected 'conn NAME udp|tcp|sctp|ws ADDR:PORT ADDR:PORT "
                                "[tunnel=T]'" % where)
            a = parse_endpoint(words[3], where)
            b = parse_endpoint(words[4], where)
            if a[0].version != b[0].version:
                raise FlowError("%s: both addresses must be IPv4 or both IPv6" % where)
            conns[words[1]] = Conn(words[1], words[2], a, b, tunnel)
            continue
        if len(words) < 3 or words[1] not in (">", "<", "!"):
            raise FlowError("%s: expected 'NAME > MSG...', 'NAME < MSG...' or 'NAME ! icmp ...'" % where)
        conn = conns.get(words[0])
        if conn is None:
            raise FlowError("%s: unknown connection %r" % (where, words[0]))
        direction = 0 if words[1] == ">" else 1
        rest = words[2:]
        split = None
        when = None             # microseconds since the capture's start, or None
        after = None            # microseconds after the packet before, or None
        ident = None
        dup = None
        while rest and re.match(r"(split|at|after|id|dup)=", rest[0]):
            key, value = rest[0].split("=", 1)
            rest = rest[1:]
            try:
                if key == "split":
                    split = int(value)
                elif key == "at":
                    when = round(float(value) * 1000000)
                elif key == "after":
                    after = round(float(value) * 1000)
                elif key == "id":
                    ident = value
                else:
                    dup = round(float(value) * 1000)
            except ValueError:
                raise FlowError("%s: %s=%s is not a number" % (where, key, value))
        if when is not None and after is not None:
            raise FlowError("%s: at= and after= together" % where)
        if words[1] == "!":
            opts = dict(w.split("=", 1) for w in rest[3:] if "=" in w)
            if (len(rest) < 3 or rest[0] != "icmp" or not rest[1].isdigit() or not rest[2].isdigit()
                    or len(opts) != len(rest) - 3 or set(opts) - {"from", "mtu", "quote"}):
                raise FlowError("%s: expected 'NAME ! icmp TYPE CODE [from=ADDR] [mtu=N] [quote=N]'" % where)
            try:
                sender = ipaddress.ip_address(opts["from"]) if "from" in opts else None
                mtu = int(opts.get("mtu", 0))
                quote = int(opts["quote"]) if "quote" in opts else None
            except ValueError as e:
                raise FlowError("%s: %s" % (where, e))
            frame = icmp_frame(conn, int(rest[1]), int(rest[2]), sender, mtu, quote, where)
            if when is not None:
                writer.add(frame, START * 1000000 + when)
            elif after is not None and writer.last is not None:
                writer.add(frame, writer.last + after)
            else:
                writer.add(frame, None)
            continue
        if rest and rest[0] == "gen":
            if len(rest) < 3 or not re.fullmatch(r"\d{3}", rest[1]) or not re.fullmatch(r"[A-Z]+", rest[2]):
                raise FlowError("%s: expected 'NAME < gen CODE METHOD [PHRASE...]'" % where)
            payload = generated_response(number, rest[1], rest[2], " ".join(rest[3:]) or "Response")
        elif rest and rest[0] == "raw":
            raw_text = line.split(" raw ", 1)[1] if " raw " in line else ""
            payload = unescape(raw_text)
        else:
            payload = b"".join(load_message(name, where, values) for name in rest)
        if not payload:
            raise FlowError("%s: empty packet" % where)
        src = (conn.a if direction == 0 else conn.b)[0]

        def stamp():
            """The time of the next frame of this statement."""
            if when is not None:
                return START * 1000000 + when
            if after is not None and writer.last is not None:
                return writer.last + after
            return None

        if conn.transport in ("udp", "sctp"):
            if split is not None:
                raise FlowError("%s: split= needs a tcp connection" % where)
            make = udp_frame if conn.transport == "udp" else sctp_frame
            frame = make(conn, direction, payload, ids.next(src, ident, where))
            writer.add(frame, stamp())
            if dup is not None:
                writer.add(frame, writer.last + dup)
            continue
        if dup is not None:
            raise FlowError("%s: dup= needs a udp or sctp connection" % where)
        if not conn.opened:
            conn.opened = True
            first = stamp()
            writer.add(tcp_frame(conn, 0, 0x02, b"", ids.next(conn.a[0], None, where)), first)  # SYN
            writer.add(tcp_frame(conn, 1, 0x12, b"", ids.next(conn.b[0], None, where)))         # SYN, ACK
            writer.add(tcp_frame(conn, 0, 0x10, b"", ids.next(conn.a[0], None, where)))         # ACK
            if conn.transport == "ws":
                host = str(conn.b[0]) if conn.b[0].version == 4 else "[%s]" % conn.b[0]
                upgrade = WS_UPGRADE.format(host="%s:%d" % (host, conn.b[1])).encode()
                writer.add(tcp_frame(conn, 0, 0x18, upgrade, ids.next(conn.a[0], None, where)))
                writer.add(tcp_frame(conn, 1, 0x18, WS_ACCEPT.encode(), ids.next(conn.b[0], None, where)))
            when = after = None
        if conn.transport == "ws":
            payload = ws_frame(conn, direction, payload)
        parts = [payload]
        if split is not None:
            if not 0 < split < len(payload):
                raise FlowError("%s: split=%d is not inside the %d-byte payload" % (where, split, len(payload)))
            parts = [payload[:split], payload[split:]]
        for part in parts:
            writer.add(tcp_frame(conn, direction, 0x18, part, ids.next(src, ident, where)), stamp())  # PSH, ACK
            when = after = None
    return writer.pcap(), len(writer.packets)


def main():
    parser = argparse.ArgumentParser(description="Build the test captures from readable SIP message texts.")
    parser.add_argument("--check", action="store_true",
                        help="fail if a committed capture differs from its flow file")
    parser.add_argument("--out", help="write the captures into this folder instead")
    parser.add_argument("flows", nargs="*", help="flow files (default: all of tests/captures)")
    args = parser.parse_args()

    flows = args.flows or sorted(os.path.join(CAPTURES, f)
                                 for f in os.listdir(CAPTURES) if f.endswith(".flow"))
    failed = 0
    for flow in flows:
        try:
            data, count = build(flow)
        except (FlowError, ValueError) as e:
            print("error: %s" % e, file=sys.stderr)
            failed += 1
            continue
        name = os.path.splitext(os.path.basename(flow))[0] + ".pcap"
        target = os.path.join(args.out or os.path.dirname(flow), name)
        if args.check:
            committed = os.path.join(os.path.dirname(flow), name)
            old = open(committed, "rb").read() if os.path.exists(committed) else None
            if old != data:
                print("out of date: %s (run tools/make-captures.py)" % os.path.relpath(committed, ROOT),
                      file=sys.stderr)
                failed += 1
            continue
        with open(target, "wb") as f:
            f.write(data)
        print("wrote %s (%d packets)" % (os.path.relpath(target, ROOT), count))
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
