#!/usr/bin/env python3
# dissected.py
# Checks that tshark dissects an IMS capture as it should, and prints what the
# expected results are written from: every UDP payload is SIP, every TCP
# segment with a payload is Diameter, and each message with its keys.
#
#   tshark -n -r CAPTURE -T fields -E separator=/t -E occurrence=a \
#       -e FIELD ... | dissected.py          (the fields in FIELDS below)
#
# Prints one line a message: frame, then "SIP" with the request method or
# response code, Call-ID, CSeq, Authorization username, P-Charging-Vector
# icid-value and Reason; or "Diameter" with the command (request or
# answer), application, Session-Id, Public-Identity, User-Name,
# Subscription-Id-Data, AF-Charging-Identifier, Framed-IP-Address, Result-Code,
# Experimental-Result-Code, Abort-Cause and Specific-Action. Exits 1 when a
# packet with a payload is neither.
#
# SPDX-License-Identifier: GPL-2.0-or-later

import sys

FIELDS = ["frame.number", "udp.length", "tcp.len", "sip.Method", "sip.Status-Code",
          "sip.Call-ID", "sip.CSeq", "sip.auth.username", "sip.icid_value", "sip.Reason",
          "diameter.cmd.code", "diameter.flags.request", "diameter.applicationId",
          "diameter.Session-Id", "diameter.Public-Identity", "diameter.User-Name",
          "diameter.Subscription-Id-Data", "diameter.AF-Charging-Identifier",
          "diameter.Framed-IP-Address.IPv4", "diameter.Result-Code",
          "diameter.Experimental-Result-Code", "diameter.Abort-Cause",
          "diameter.Specific-Action"]

COMMANDS = {"257": "CE", "280": "DW", "282": "DP", "300": "UA", "301": "SA", "302": "LI",
            "303": "MA", "265": "AA", "275": "ST", "274": "AS", "258": "RA"}
APPLICATIONS = {"0": "base", "16777216": "Cx", "16777236": "Rx"}


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--fields":
        print(" ".join(f"-e {f}" for f in FIELDS))
        return
    bad = 0
    for line in sys.stdin:
        v = dict(zip(FIELDS, line.rstrip("\n").split("\t")))
        frame = v["frame.number"]
        if v["udp.length"]:
            if not v["sip.Method"] and not v["sip.Status-Code"]:
                print(f"{frame}: a UDP datagram that is not SIP")
                bad += 1
                continue
            what = v["sip.Method"] or v["sip.Status-Code"]
            keys = [f"Call-ID {v['sip.Call-ID']}", f"CSeq {v['sip.CSeq']}"]
            for field, label in (("sip.auth.username", "username"), ("sip.icid_value", "icid"),
                                 ("sip.Reason", "Reason")):
                if v[field]:
                    keys.append(f"{label} {v[field]}")
            print(f"{frame} SIP {what} " + "; ".join(keys))
        elif v["tcp.len"] not in ("", "0"):
            if not v["diameter.cmd.code"]:
                print(f"{frame}: a TCP segment with a payload that is not Diameter")
                bad += 1
                continue
            for i, code in enumerate(v["diameter.cmd.code"].split(",")):
                request = v["diameter.flags.request"].split(",")[i] in ("1", "True")
                name = COMMANDS.get(code, code) + ("R" if request else "A")
                app = APPLICATIONS.get(v["diameter.applicationId"].split(",")[i], "?")
                keys = []
                for field in FIELDS[13:]:
                    if v[field]:
                        keys.append(f"{field[9:]} {v[field]}")
                print(f"{frame} Diameter {app} {name} " + "; ".join(keys))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
