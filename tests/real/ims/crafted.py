#!/usr/bin/env python3
# crafted.py
# Builds the IMS captures that the live peers cannot produce, from readable
# message descriptions: SIP as text, Diameter with scapy's Diameter layer
# (python3-scapy, scapy.contrib.diameter), never as hand-packed bytes.
#
#   crafted.py [--check] [NAME...]
#
# Writes tests/real/captures/NAME.pcap for each capture below (all without
# NAME). The output is deterministic (fixed addresses, ports, timestamps and
# identifiers); --check fails when a committed capture differs from what
# this script makes.
#
#   ims-two-registrations  alice and bob register at the same moment, through
#                          P-CSCF, I-CSCF and S-CSCF; their UARs, MARs and SARs
#                          interleave and the HSS answers out of order; bob's
#                          SAA is DIAMETER_ERROR_USER_UNKNOWN (403 to bob),
#                          alice's is a success (200 to alice).
#   ims-unmatched-answer   carol's REGISTER is refused by the S-CSCF with 403
#                          for a reason of its own, while an MAA with
#                          DIAMETER_ERROR_USER_UNKNOWN for another user, whose
#                          MAR is not in the capture, arrives just before.
#   ims-rar-bearer-lost    a call is released after the PCRF's RAR with
#                          Specific-Action INDICATION_OF_LOSS_OF_BEARER; the
#                          AAR carries the call's icid-value in
#                          AF-Charging-Identifier. Kamailio 5.6's P-CSCF can
#                          do neither (ims_qos ignores a RAR and puts no
#                          AF-Charging-Identifier in its AAR).
#
# Addresses are from the documentation range 192.0.2.0/24 (RFC 5737); SIP on
# 5060 and Diameter on 3868, where Wireshark decodes them.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse
import os
import sys
import tempfile

from scapy.contrib.diameter import AVP, DiamG
from scapy.contrib import diameter
from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.l2 import Ether
from scapy.utils import wrpcap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
CAPTURES = os.path.join(ROOT, "tests", "real", "captures")

START = 1767225600          # 2026-01-01 00:00:00 UTC
STEP = 0.002                # 2 ms between packets

HOSTS = {
    "ue-alice": ("192.0.2.10", 5060), "ue-bob": ("192.0.2.11", 5060),
    "ue-carol": ("192.0.2.12", 5060), "callee": ("192.0.2.13", 5060),
    "pcscf": ("192.0.2.20", 5060), "icscf": ("192.0.2.21", 5060),
    "scscf": ("192.0.2.22", 5060),
    # Diameter: each CSCF's connection to the HSS/PCRF, from its own port
    "pcscf-dia": ("192.0.2.20", 40001), "icscf-dia": ("192.0.2.21", 40002),
    "scscf-dia": ("192.0.2.22", 40003), "hss": ("192.0.2.30", 3868),
    "pcrf": ("192.0.2.31", 3868),
}
NAMES = {"pcscf": "pcscf.ims.test", "icscf": "icscf.ims.test",
         "scscf": "scscf.ims.test", "hss": "hss.ims.test", "pcrf": "pcrf.ims.test"}
CX, RX, VENDOR_3GPP = 16777216, 16777236, 10415


class Capture:
    """Packets in order, one every STEP seconds; TCP sequence numbers kept per
    direction of each connection."""

    def __init__(self):
        self.packets = []
        self.seq = {}

    def _add(self, pkt):
        pkt.time = START + len(self.packets) * STEP
        self.packets.append(pkt)

    def sip(self, src, dst, text):
        """A SIP message over UDP; text lines end with CRLF on the wire and
        'Content-Length: auto' becomes the body's length."""
        head, _, body = text.strip("\n").partition("\n\n")
        body = body.replace("\n", "\r\n") + ("\r\n" if body else "")
        head = "\r\n".join(line.strip() for line in head.splitlines())
        head = head.replace("Content-Length: auto", f"Content-Length: {len(body)}")
        payload = (head + "\r\n\r\n" + body).encode()
        (sa, sp), (da, dp) = HOSTS[src], HOSTS[dst]
        self._add(Ether(src="00:00:5e:00:53:01", dst="00:00:5e:00:53:02")
                  / IP(src=sa, dst=da, id=len(self.packets)) / UDP(sport=sp, dport=dp)
                  / payload)

    def diameter(self, src, dst, msg):
        """A Diameter message (scapy DiamG) in one TCP segment."""
        (sa, sp), (da, dp) = HOSTS[src], HOSTS[dst]
        payload = bytes(msg)
        seq = self.seq.get((src, dst), 1000)
        ack = self.seq.get((dst, src), 1000)
        self.seq[(src, dst)] = seq + len(payload)
        self._add(Ether(src="00:00:5e:00:53:01", dst="00:00:5e:00:53:02")
                  / IP(src=sa, dst=da, id=len(self.packets))
                  / TCP(sport=sp, dport=dp, flags="PA", seq=seq, ack=ack, window=65535)
                  / payload)


# --- Diameter messages ---------------------------------------------------------


def origin(node):
    return [AVP("Origin-Host", val=NAMES[node]), AVP("Origin-Realm", val="ims.test")]


def cx_app():
    return [AVP("Vendor-Specific-Application-Id", val=[
        AVP("Vendor-Id", val=VENDOR_3GPP), AVP("Auth-Application-Id", val=CX)]),
        AVP("Auth-Session-State", val=1)]


def experimental(code):
    return AVP("Experimental-Result", val=[
        AVP("Vendor-Id", val=VENDOR_3GPP), AVP("Experimental-Result-Code", val=code)])


def request(code, app, hbh, avps):
    """Flags R and P (0xC0): a proxiable request."""
    return DiamG(drFlags=0xC0, drCode=code, drAppId=app, drHbHId=hbh, drEtEId=hbh,
                 avpList=avps)


def answer(code, app, hbh, avps):
    """Flag P (0x40): a proxiable answer."""
    return DiamG(drFlags=0x40, drCode=code, drAppId=app, drHbHId=hbh, drEtEId=hbh,
                 avpList=avps)


def cx_request(code, node, hbh, session, user, extra):
    return request(code, CX, hbh, [AVP("Session-Id", val=session)] + cx_app() + origin(node)
                   + [AVP("Destination-Realm", val="ims.test"),
                      AVP("User-Name", val=f"{user}@ims.test"),
                      AVP("Public-Identity", val=f"sip:{user}@ims.test")] + extra)


def cx_answer(code, hbh, session, result, extra=()):
    """An answer of the HSS: RESULT is a Result-Code, or (CODE,) an
    Experimental-Result-Code of 3GPP."""
    if isinstance(result, tuple):
        outcome = experimental(result[0])
    else:
        outcome = AVP("Result-Code", val=result)
    return answer(code, CX, hbh, [AVP("Session-Id", val=session)] + cx_app()
                  + [outcome] + origin("hss") + list(extra))


UAR, SAR, MAR = 300, 301, 303


def uar(hbh, session, user):
    return cx_request(UAR, "icscf", hbh, session, user, [
        AVP("Visited-Network-Identifier", val="ims.test"),
        AVP("User-Authorization-Type", val=0)])


def mar(hbh, session, user):
    return cx_request(MAR, "scscf", hbh, session, user, [
        AVP("Server-Name", val="sip:scscf.ims.test")])


def sar(hbh, session, user):
    return cx_request(SAR, "scscf", hbh, session, user, [
        AVP("Server-Name", val="sip:scscf.ims.test"),
        AVP("Server-Assignment-Type", val=1),        # REGISTRATION
        AVP("User-Data-Already-Available", val=0)])


def framed_ip(address):
    """Framed-IP-Address (RFC 7155), which scapy's dictionary lacks: an
    OctetString AVP of code 8 with the four address bytes."""
    return diameter.AVPNV_OctetString(avpCode=8, avpFlags=0x40,
                                      val=bytes(int(b) for b in address.split(".")))


# --- SIP messages ----------------------------------------------------------------

VIA = {"ue-alice": "192.0.2.10", "ue-bob": "192.0.2.11", "ue-carol": "192.0.2.12",
       "pcscf": "192.0.2.20", "icscf": "192.0.2.21", "scscf": "192.0.2.22",
       "callee": "192.0.2.13"}


def vias(path, branch):
    """Via lines of a request that went through PATH (first the UE)."""
    return "\n".join(f"Via: SIP/2.0/UDP {VIA[n]}:5060;branch=z9hG4bK{branch}{i}"
                     for i, n in reversed(list(enumerate(path))))


def register(user, path, cseq, credentials):
    """REGISTER of USER as it leaves the last element of PATH."""
    if credentials:
        auth = (f'Authorization: Digest username="{user}@ims.test", realm="ims.test", '
                f'nonce="{user}nonce0123456789", uri="sip:ims.test", '
                f'response="{credentials}", algorithm=MD5, qop=auth, nc=00000001, '
                f'cnonce="0a4f113b"')
    else:
        auth = (f'Authorization: Digest username="{user}@ims.test", realm="ims.test", '
                f'nonce="", uri="sip:ims.test", response=""')
    path_hdr = "\nPath: <sip:term@pcscf.ims.test;lr>" if len(path) > 1 else ""
    return f"""
REGISTER sip:ims.test SIP/2.0
{vias(path, f"{user}{cseq}x")}
Max-Forwards: {70 - len(path) + 1}
From: <sip:{user}@ims.test>;tag={user}-tag
To: <sip:{user}@ims.test>
Call-ID: {user}-reg@{VIA['ue-' + user]}
CSeq: {cseq} REGISTER
Contact: <sip:{user}@{VIA['ue-' + user]}:5060>;expires=600
{auth}{path_hdr}
Expires: 600
Content-Length: auto
"""


def register_reply(user, path, cseq, status, extra=""):
    """The reply to USER's REGISTER as it goes back to the first element of
    PATH (the Vias of the hops before it)."""
    return f"""
SIP/2.0 {status}
{vias(path, f"{user}{cseq}x")}
From: <sip:{user}@ims.test>;tag={user}-tag
To: <sip:{user}@ims.test>;tag=scscf-{user}{cseq}
Call-ID: {user}-reg@{VIA['ue-' + user]}
CSeq: {cseq} REGISTER{extra}
Content-Length: auto
"""


CHALLENGE = ('\nWWW-Authenticate: Digest realm="ims.test", nonce="{user}nonce0123456789", '
             'algorithm=MD5, qop="auth"')
CONTACT = "\nContact: <sip:{user}@{addr}:5060>;expires=600"


# --- the captures ------------------------------------------------------------------

def two_registrations():
    c = Capture()
    users = ("alice", "bob")
    ue = {u: "ue-" + u for u in users}
    for cseq, creds in ((1, None), (2, "digest-response")):
        hbh = {"alice": 0x100 * cseq + 1, "bob": 0x100 * cseq + 2}
        for u in users:
            c.sip(ue[u], "pcscf", register(u, [ue[u]], cseq, creds and u + "0" * 24))
        for u in users:
            c.sip("pcscf", "icscf", register(u, [ue[u], "pcscf"], cseq,
                                             creds and u + "0" * 24))
        for u in users:
            c.diameter("icscf-dia", "hss", uar(hbh[u], f"icscf.ims.test;{cseq};{u}", u))
        for u in reversed(users):     # the HSS answers bob first
            c.diameter("hss", "icscf-dia", cx_answer(UAR, hbh[u], f"icscf.ims.test;{cseq};{u}",
                                                     (2001,), [AVP("Server-Name",
                                                                   val="sip:scscf.ims.test")]))
        for u in reversed(users):
            c.sip("icscf", "scscf", register(u, [ue[u], "pcscf", "icscf"], cseq,
                                             creds and u + "0" * 24))
        if cseq == 1:
            # MARs; both succeed, bob's answered first: 401 to both
            for u in users:
                c.diameter("scscf-dia", "hss", mar(hbh[u] + 0x10, f"scscf.ims.test;1;{u}", u))
            for u in reversed(users):
                c.diameter("hss", "scscf-dia", cx_answer(MAR, hbh[u] + 0x10,
                                                         f"scscf.ims.test;1;{u}", 2001,
                                                         [AVP("User-Name", val=f"{u}@ims.test"),
                                                          AVP("Public-Identity",
                                                              val=f"sip:{u}@ims.test")]))
            replies = {u: ("401 Unauthorized", CHALLENGE.format(user=u)) for u in users}
        else:
            # SARs: bob's first; the HSS answers alice's first (success),
            # then bob's with DIAMETER_ERROR_USER_UNKNOWN: 403 to bob, 200 to alice
            for u in reversed(users):
                c.diameter("scscf-dia", "hss", sar(hbh[u] + 0x10, f"scscf.ims.test;2;{u}", u))
            c.diameter("hss", "scscf-dia", cx_answer(
                SAR, hbh["alice"] + 0x10, "scscf.ims.test;2;alice", 2001,
                [AVP("User-Name", val="alice@ims.test"),
                 AVP("User-Data", val="<?xml version=\"1.0\"?><IMSSubscription>"
                                      "<PrivateID>alice@ims.test</PrivateID><ServiceProfile>"
                                      "<PublicIdentity><Identity>sip:alice@ims.test</Identity>"
                                      "</PublicIdentity></ServiceProfile></IMSSubscription>")]))
            c.diameter("hss", "scscf-dia", cx_answer(SAR, hbh["bob"] + 0x10,
                                                     "scscf.ims.test;2;bob", (5001,),
                                                     [AVP("User-Name", val="bob@ims.test")]))
            replies = {"alice": ("200 OK", CONTACT.format(user="alice", addr=VIA["ue-alice"])),
                       "bob": ("403 Forbidden - HSS User Unknown", "")}
        order = ("bob", "alice")
        for hop, back in (("scscf", "icscf"), ("icscf", "pcscf"), ("pcscf", None)):
            path_of = {"scscf": ["ue", "pcscf", "icscf"], "icscf": ["ue", "pcscf"],
                       "pcscf": ["ue"]}[hop]
            for u in order:
                path = [ue[u] if n == "ue" else n for n in path_of]
                status, extra = replies[u]
                c.sip(hop, back or ue[u], register_reply(u, path, cseq, status, extra))
            order = tuple(reversed(order))
    return c.packets


def unmatched_answer():
    c = Capture()
    u, ue = "carol", "ue-carol"
    c.sip(ue, "pcscf", register(u, [ue], 1, None))
    c.sip("pcscf", "icscf", register(u, [ue, "pcscf"], 1, None))
    c.diameter("icscf-dia", "hss", uar(0x501, "icscf.ims.test;1;carol", u))
    c.diameter("hss", "icscf-dia", cx_answer(UAR, 0x501, "icscf.ims.test;1;carol", (2001,),
                                             [AVP("Server-Name", val="sip:scscf.ims.test")]))
    c.sip("icscf", "scscf", register(u, [ue, "pcscf", "icscf"], 1, None))
    # an MAA for dave, whose MAR is not in the capture (an end-to-end and
    # hop-by-hop identifier no request here has)
    c.diameter("hss", "scscf-dia", cx_answer(MAR, 0x777, "scscf.ims.test;0;dave", (5001,),
                                             [AVP("User-Name", val="dave@ims.test"),
                                              AVP("Public-Identity", val="sip:dave@ims.test")]))
    # the S-CSCF refuses carol itself: one registration flow at most
    # (TS 24.229 clause 5.4.1.2.2), no Diameter involved
    status = "403 Forbidden - Too Many Registrations"
    c.sip("scscf", "icscf", register_reply(u, [ue, "pcscf", "icscf"], 1, status))
    c.sip("icscf", "pcscf", register_reply(u, [ue, "pcscf"], 1, status))
    c.sip("pcscf", ue, register_reply(u, [ue], 1, status))
    return c.packets


SDP = """v=0
o=alice 1 1 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 49170 RTP/AVP 0
a=rtpmap:0 PCMU/8000"""
ICID = "ab4cf7d2e91c0a5f"


def invite(path):
    pcv = f"\nP-Charging-Vector: icid-value={ICID};icid-generated-at=192.0.2.20" \
        if len(path) > 1 else ""
    rr = "\nRecord-Route: <sip:192.0.2.20:5060;lr>" if len(path) > 1 else ""
    return f"""
INVITE sip:bob@ims.test SIP/2.0
{vias(path, "inv")}
Max-Forwards: {70 - len(path) + 1}{rr}
From: <sip:alice@ims.test>;tag=alice-call
To: <sip:bob@ims.test>
Call-ID: call-1@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:alice@192.0.2.10:5060>
P-Asserted-Identity: <sip:alice@ims.test>{pcv}
Content-Type: application/sdp
Content-Length: auto

{SDP}
"""


def invite_reply(path, status, sdp):
    body = "\n\n" + SDP.replace("alice", "bob").replace("192.0.2.10", "192.0.2.13") \
        if sdp else ""
    return f"""
SIP/2.0 {status}
{vias(path, "inv")}
Record-Route: <sip:192.0.2.20:5060;lr>
From: <sip:alice@ims.test>;tag=alice-call
To: <sip:bob@ims.test>;tag=bob-call
Call-ID: call-1@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:bob@192.0.2.13:5060>
{"Content-Type: application/sdp" if sdp else ""}
Content-Length: auto{body}
""".replace("\n\nContent-Length", "\nContent-Length")


def rar_bearer_lost():
    c = Capture()
    ue = "ue-alice"
    session = "pcscf.ims.test;rx;1"
    c.sip(ue, "pcscf", invite([ue]))
    c.sip("pcscf", "callee", invite([ue, "pcscf"]))
    c.sip("callee", "pcscf", invite_reply([ue, "pcscf"], "183 Session Progress", True))
    c.diameter("pcscf-dia", "pcrf", request(265, RX, 0x901, [
        AVP("Session-Id", val=session), AVP("Auth-Application-Id", val=RX)] + origin("pcscf")
        + [AVP("Destination-Realm", val="ims.test"),
           AVP("AF-Charging-Identifier", val=ICID),
           AVP("Subscription-Id", val=[AVP("Subscription-Id-Type", val=2),
                                       AVP("Subscription-Id-Data", val="sip:alice@ims.test")]),
           framed_ip("192.0.2.10"),
           AVP("Specific-Action", val=2)]))        # subscribe to loss of bearer
    c.diameter("pcrf", "pcscf-dia", answer(265, RX, 0x901, [
        AVP("Session-Id", val=session), AVP("Auth-Application-Id", val=RX),
        AVP("Result-Code", val=2001)] + origin("pcrf")))
    c.sip("pcscf", ue, invite_reply([ue], "183 Session Progress", True))
    c.sip("callee", "pcscf", invite_reply([ue, "pcscf"], "200 OK", True))
    c.sip("pcscf", ue, invite_reply([ue], "200 OK", True))
    ack = """
ACK sip:bob@192.0.2.13:5060 SIP/2.0
{via}
Max-Forwards: 70
{route}From: <sip:alice@ims.test>;tag=alice-call
To: <sip:bob@ims.test>;tag=bob-call
Call-ID: call-1@192.0.2.10
CSeq: 1 ACK
Content-Length: 0
"""
    c.sip(ue, "pcscf", ack.format(via=vias([ue], "ack"),
                                  route="Route: <sip:192.0.2.20:5060;lr>\n"))
    c.sip("pcscf", "callee", ack.format(via=vias([ue, "pcscf"], "ack"), route=""))
    # the PCRF reports the loss of the bearer (TS 29.214 clause 4.4.6.3)
    c.diameter("pcrf", "pcscf-dia", request(258, RX, 0x902, [
        AVP("Session-Id", val=session), AVP("Auth-Application-Id", val=RX)] + origin("pcrf")
        + [AVP("Destination-Realm", val="ims.test"),
           AVP("Destination-Host", val="pcscf.ims.test"),
           AVP("Re-Auth-Request-Type", val=0),
           AVP("Specific-Action", val=2)]))        # INDICATION_OF_LOSS_OF_BEARER
    c.diameter("pcscf-dia", "pcrf", answer(258, RX, 0x902, [
        AVP("Session-Id", val=session), AVP("Result-Code", val=2001)] + origin("pcscf")))
    bye = """
BYE {uri} SIP/2.0
Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKbye{n}
Max-Forwards: 70
From: {frm}
To: {to}
Call-ID: call-1@192.0.2.10
CSeq: {cseq} BYE
Reason: RELEASE_CAUSE;cause=3;text="Media bearer loss"
Content-Length: 0
"""
    alice, bob = "<sip:alice@ims.test>;tag=alice-call", "<sip:bob@ims.test>;tag=bob-call"
    c.sip("pcscf", "callee", bye.format(uri="sip:bob@192.0.2.13:5060", n=1, frm=alice, to=bob,
                                        cseq=2))
    c.sip("pcscf", ue, bye.format(uri="sip:alice@192.0.2.10:5060", n=2, frm=bob, to=alice,
                                  cseq=1))
    ok = """
SIP/2.0 200 OK
Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKbye{n}
From: {frm}
To: {to}
Call-ID: call-1@192.0.2.10
CSeq: {cseq} BYE
Content-Length: 0
"""
    c.sip("callee", "pcscf", ok.format(n=1, frm=alice, to=bob, cseq=2))
    c.sip(ue, "pcscf", ok.format(n=2, frm=bob, to=alice, cseq=1))
    c.diameter("pcscf-dia", "pcrf", request(275, RX, 0x903, [
        AVP("Session-Id", val=session), AVP("Auth-Application-Id", val=RX)] + origin("pcscf")
        + [AVP("Destination-Realm", val="ims.test"),
           AVP("Termination-Cause", val=1)]))      # DIAMETER_LOGOUT
    c.diameter("pcrf", "pcscf-dia", answer(275, RX, 0x903, [
        AVP("Session-Id", val=session), AVP("Result-Code", val=2001)] + origin("pcrf")))
    return c.packets


CAPTURES_MADE = {
    "ims-two-registrations": two_registrations,
    "ims-unmatched-answer": unmatched_answer,
    "ims-rar-bearer-lost": rar_bearer_lost,
}


def main():
    parser = argparse.ArgumentParser(description="Build the crafted IMS captures.")
    parser.add_argument("--check", action="store_true",
                        help="fail when a committed capture differs from what is built")
    parser.add_argument("names", nargs="*", help="captures to build (all without)")
    args = parser.parse_args()
    names = args.names or list(CAPTURES_MADE)
    stale = 0
    for name in names:
        if name not in CAPTURES_MADE:
            sys.exit(f"crafted.py: no capture {name}")
        path = os.path.join(CAPTURES, name + ".pcap")
        packets = CAPTURES_MADE[name]()
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                wrpcap(os.path.join(tmp, "made.pcap"), packets)
                with open(os.path.join(tmp, "made.pcap"), "rb") as f:
                    made = f.read()
            try:
                with open(path, "rb") as f:
                    committed = f.read()
            except OSError:
                committed = None
            if made != committed:
                print(f"{name}: tests/real/captures/{name}.pcap is not what crafted.py makes",
                      file=sys.stderr)
                stale += 1
            else:
                print(f"{name}: current ({len(packets)} packets)")
        else:
            wrpcap(path, packets)
            print(f"wrote tests/real/captures/{name}.pcap ({len(packets)} packets)")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
