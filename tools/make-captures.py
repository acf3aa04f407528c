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
#   conn NAME udp|tcp ADDR:PORT ADDR:PORT   a connection; IPv6 as [2001:db8::1]:5060
#   NAME > [split=N] MSG [MSG...]           a packet from the first address to the second
#   NAME < [split=N] MSG [MSG...]           a packet the other way
#   NAME > raw TEXT                         a packet holding TEXT (\r \n \t \xHH escapes)
#   NAME < gen CODE METHOD [PHRASE...]      a response CODE to METHOD, made up on the spot
#                                           (its own Call-ID and CSeq number; PHRASE or "Response")
# Several messages in one statement travel in one packet (one TCP segment).
# split=N sends the payload in two segments, the first N bytes long (TCP only).
# A TCP connection opens with a three-way handshake before its first packet.
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


def load_message(name, where):
    path = os.path.join(MESSAGES, name)
    if not os.path.isfile(path):
        raise FlowError("%s: message file %s not found in tests/messages" % (where, name))
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
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
    def __init__(self, name, transport, a, b):
        self.name = name
        self.transport = transport
        self.a, self.b = a, b
        self.seq = {0: 1000, 1: 5000}   # next sequence number per direction
        self.opened = False


class Writer:
    def __init__(self):
        self.packets = []

    def add(self, frame):
        n = len(self.packets)
        ts = START * 1000000 + n * STEP_US
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


def ip_packet(src, dst, proto, l4):
    if src.version == 4:
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 0, 0x4000, 64, proto, 0,
                          src.packed, dst.packed)
        hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
        return hdr + l4
    return struct.pack("!IHBB16s16s", 0x60000000, len(l4), proto, 64, src.packed, dst.packed) + l4


def pseudo(src, dst, proto, length):
    if src.version == 4:
        return src.packed + dst.packed + struct.pack("!BBH", 0, proto, length)
    return src.packed + dst.packed + struct.pack("!IxxxB", length, proto)


def udp_frame(conn, direction, payload):
    (sa, sp), (da, dp) = (conn.a, conn.b) if direction == 0 else (conn.b, conn.a)
    length = 8 + len(payload)
    hdr = struct.pack("!HHHH", sp, dp, length, 0)
    csum = checksum(pseudo(sa, da, 17, length) + hdr + payload) or 0xFFFF
    hdr = hdr[:6] + struct.pack("!H", csum)
    return ether(sa.version == 6, ip_packet(sa, da, 17, hdr + payload))


def tcp_frame(conn, direction, flags, payload):
    (sa, sp), (da, dp) = (conn.a, conn.b) if direction == 0 else (conn.b, conn.a)
    seq = conn.seq[direction]
    ack = conn.seq[1 - direction] if flags & 0x10 else 0
    hdr = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 65535, 0, 0)
    csum = checksum(pseudo(sa, da, 6, len(hdr) + len(payload)) + hdr + payload)
    hdr = hdr[:16] + struct.pack("!H", csum) + hdr[18:]
    advance = len(payload) + (1 if flags & 0x02 else 0)
    conn.seq[direction] = (seq + advance) & 0xFFFFFFFF
    return ether(sa.version == 6, ip_packet(sa, da, 6, hdr + payload))


def build(flow_path):
    conns = {}
    writer = Writer()
    with open(flow_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        where = "%s:%d" % (os.path.relpath(flow_path, ROOT), number)
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if words[0] == "conn":
            if len(words) != 5 or words[2] not in ("udp", "tcp"):
                raise FlowError("%s: expected 'conn NAME udp|tcp ADDR:PORT ADDR:PORT'" % where)
            a = parse_endpoint(words[3], where)
            b = parse_endpoint(words[4], where)
            if a[0].version != b[0].version:
                raise FlowError("%s: both addresses must be IPv4 or both IPv6" % where)
            conns[words[1]] = Conn(words[1], words[2], a, b)
            continue
        if len(words) < 3 or words[1] not in (">", "<"):
            raise FlowError("%s: expected 'NAME > MSG...' or 'NAME < MSG...'" % where)
        conn = conns.get(words[0])
        if conn is None:
            raise FlowError("%s: unknown connection %r" % (where, words[0]))
        direction = 0 if words[1] == ">" else 1
        rest = words[2:]
        split = None
        if rest[0].startswith("split="):
            split = int(rest[0][6:])
            rest = rest[1:]
        if rest and rest[0] == "gen":
            if len(rest) < 3 or not re.fullmatch(r"\d{3}", rest[1]) or not re.fullmatch(r"[A-Z]+", rest[2]):
                raise FlowError("%s: expected 'NAME < gen CODE METHOD [PHRASE...]'" % where)
            payload = generated_response(number, rest[1], rest[2], " ".join(rest[3:]) or "Response")
        elif rest and rest[0] == "raw":
            raw_text = line.split(" raw ", 1)[1] if " raw " in line else ""
            payload = unescape(raw_text)
        else:
            payload = b"".join(load_message(name, where) for name in rest)
        if not payload:
            raise FlowError("%s: empty packet" % where)
        if conn.transport == "udp":
            if split is not None:
                raise FlowError("%s: split= needs a tcp connection" % where)
            writer.add(udp_frame(conn, direction, payload))
            continue
        if not conn.opened:
            conn.opened = True
            writer.add(tcp_frame(conn, 0, 0x02, b""))          # SYN
            writer.add(tcp_frame(conn, 1, 0x12, b""))          # SYN, ACK
            writer.add(tcp_frame(conn, 0, 0x10, b""))          # ACK
        parts = [payload]
        if split is not None:
            if not 0 < split < len(payload):
                raise FlowError("%s: split=%d is not inside the %d-byte payload" % (where, split, len(payload)))
            parts = [payload[:split], payload[split:]]
        for part in parts:
            writer.add(tcp_frame(conn, direction, 0x18, part))  # PSH, ACK
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
