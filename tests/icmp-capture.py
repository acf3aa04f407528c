#!/usr/bin/env python3
# icmp-capture.py OUT.pcap
# Writes a capture whose SIP requests come back quoted in ICMP errors, as
# when the callee's port is closed: an INVITE from 192.0.2.10 to
# 198.51.100.20 (frame 1), the ICMP port unreachable that quotes it
# (frame 2), the INVITE sent again 0.6 s later (frame 3) and its ICMP
# error (frame 4).  tests/taps-test.sh checks that the guide takes the
# quotes for no SIP message, as Wireshark's own SIP statistics do, and
# links the first INVITE to the first error.  (tests/captures/icmp.flow
# makes more kinds of error with tools/make-captures.py.)
#
# SPDX-License-Identifier: GPL-2.0-or-later

import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def ipv4(src, dst, proto, payload, ident):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, 64, proto, 0,
                         bytes(src), bytes(dst))
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + payload


def ethernet(payload):
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + payload


def main():
    caller, callee = [192, 0, 2, 10], [198, 51, 100, 20]
    invite = (b"INVITE sip:bob@198.51.100.20 SIP/2.0\r\n"
              b"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-icmp1\r\n"
              b"From: <sip:alice@192.0.2.10>;tag=a1\r\n"
              b"To: <sip:bob@198.51.100.20>\r\n"
              b"Call-ID: icmp-quote-1\r\n"
              b"CSeq: 1 INVITE\r\n"
              b"Max-Forwards: 70\r\n"
              b"Contact: <sip:alice@192.0.2.10:5060>\r\n"
              b"Content-Length: 0\r\n\r\n")
    udp = struct.pack("!HHHH", 5060, 5060, 8 + len(invite), 0) + invite
    frames = []
    for n, (sec, usec) in enumerate([(1000, 0), (1000, 600000)]):
        request = ipv4(caller, callee, 17, udp, 0x1111 + n)
        icmp = struct.pack("!BBHI", 3, 3, 0, 0) + request     # port unreachable
        icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
        frames.append((sec, usec, ethernet(request)))
        frames.append((sec, usec + 400, ethernet(ipv4(callee, caller, 1, icmp, 0x2222 + n))))
    with open(sys.argv[1], "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for sec, usec, data in frames:
            out.write(struct.pack("<IIII", sec, usec, len(data), len(data)) + data)


if __name__ == "__main__":
    main()
