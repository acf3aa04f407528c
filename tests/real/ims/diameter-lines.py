#!/usr/bin/env python3
# diameter-lines.py
# Prints what the guide says about the Diameter side of every SIP response
# of a capture, from tshark's PDML (-2): the frame, code and method, the
# call or registration outcome, and each Diameter line with its
# continuation lines as Wireshark shows them (the Diameter message behind
# the response or the two candidates, its application and value). The IMS
# replay compares this with tests/real/golden/NAME.diameter.
#
#   tshark -n -2 -r CAPTURE -T pdml | diameter-lines.py
#
# SPDX-License-Identifier: GPL-2.0-or-later

import sys
import xml.etree.ElementTree as ET

# The guide's fields that speak of the outcome and of Diameter, in the order
# printed under each response.
FIELDS = ("sipguide.call.outcome", "sipguide.registration.outcome",
          "sipguide.diameter_in", "sipguide.diameter.candidate_in",
          "sipguide.diameter.application", "sipguide.diameter.result",
          "sipguide.diameter.abort_cause", "sipguide.diameter.specific_action")


def lines_of(field, depth):
    """The label of a field, then its continuation lines one level deeper."""
    out = ["    " * depth + field.get("showname", field.get("show", ""))]
    for child in field.findall("field"):
        if child.get("name", "") == "":
            out.append("    " * (depth + 1) + child.get("show", ""))
    return out


def main():
    tree = ET.parse(sys.stdin)
    for packet in tree.getroot().iter("packet"):
        frame = None
        for proto in packet.findall("proto"):
            if proto.get("name") == "frame":
                for f in proto.iter("field"):
                    if f.get("name") == "frame.number":
                        frame = f.get("show")
        for proto in packet.findall("proto"):
            if proto.get("name") != "sipguide":
                continue
            found = {name: [] for name in FIELDS}
            code = method = ""
            for f in proto.iter("field"):
                name = f.get("name", "")
                if name == "sipguide.code":
                    code = f.get("show", "")
                elif name == "sipguide.method":
                    method = f.get("show", "")
                elif name in found:
                    found[name].append(f)
            if code == "":
                continue            # a request's guide
            print(f"frame {frame}: {code} {method}")
            for name in FIELDS:
                for f in found[name]:
                    print("\n".join(lines_of(f, 1)))


if __name__ == "__main__":
    main()
