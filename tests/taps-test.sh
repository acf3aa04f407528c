#!/usr/bin/env bash
# taps-test.sh
# Checks the GUI's way of reading a file's first pass (plugin/sipguide-pdus.c):
# the SIP and Diameter messages Wireshark's export tap hands over, and the
# IPv4 identification of the IP tap, must be the very messages (data source
# and bytes) and identification the protocol items give.  tshark reads every
# capture of tests/captures and tests/real/captures once with -V and the
# environment variable SIPGUIDE_CHECK_TAPS, which makes the plugin listen to
# those taps in that run and compare, frame by frame; it writes a line
# "sipguide-check: ..." for each difference and, at the end of the file,
# how many frames it compared.  The test fails on any difference, and when
# the frames compared are not those that have SIP or Diameter.
#
# A quote of a SIP message in an ICMP error is no message of its frame (the
# export tap leaves it out, as Wireshark's SIP statistics do), but the
# request it quotes learns of it: on every ICMP error that quotes SIP, the
# taps must look at the frame and find the quote (where it lies, the
# error's kind, the quoted datagram's hop) that the post-dissector finds.
# A capture of tests/icmp-capture.py joins them: two INVITEs, each quoted
# back in an ICMP port unreachable.  The guide must follow the two INVITEs
# alone, one the retransmission of the other, say nothing on the ICMP
# frames, and link the first INVITE to the first error.
#
#   taps-test.sh PLUGIN_DIR SOURCE_DIR
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
plugin_dir=$1
src=$2

# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../tools/lib.sh"
make_work sipguide-taps
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/captures"
cp -r "$plugin_dir" "$work/plugins"
cp "$src"/tests/captures/*.pcap "$src"/tests/real/captures/*.pcap "$work/captures/"
python3 "$src/tests/icmp-capture.py" "$work/captures/icmp-quote.pcap"
chmod -R a+rX "$work"
chmod -R a+rwX "$work/home" "$work/out"

status=0
checked=0
for pcap in "$work"/captures/*.pcap; do
    name=$(basename "$pcap" .pcap)
    SIPGUIDE_CHECK_TAPS=1 run_tshark -n -r "$pcap" -V > "$work/out/$name.txt" 2> "$work/out/$name.err"
    # The frames with SIP or Diameter of their own (what a quote in an ICMP
    # error holds sits under the ICMP line): -Y '(sip || diameter) && !icmp
    # && !icmpv6' would say the same, at the price of another run.
    expected=$(awk '/^Frame [0-9]+:/ { n += has && !icmp; has = 0; icmp = 0; next }
                    /^(Session Initiation Protocol|Diameter Protocol)/ { has = 1 }
                    /^Internet Control Message Protocol/ { icmp = 1 }
                    END { print n + (has && !icmp) }' "$work/out/$name.txt")
    # (Wireshark 4.0 prints a quote's protocols at the top, 4.4 inside the
    # ICMP tree.)
    expected_quotes=$(awk '/^Frame [0-9]+:/ { n += sip && icmp; sip = 0; icmp = 0; next }
                    /^ *Session Initiation Protocol/ { sip = 1 }
                    /^Internet Control Message Protocol/ { icmp = 1 }
                    END { print n + (sip && icmp) }' "$work/out/$name.txt")
    rm -f "$work/out/$name.txt"
    summary='^sipguide-check: [0-9]* \(frames\|ICMP quotes\) compared$'
    if grep -v "$summary" "$work/out/$name.err" | grep -q .; then
        echo "FAIL: $name: the taps and the protocol items differ (or tshark complained):" >&2
        grep -v "$summary" "$work/out/$name.err" | head -n 10 >&2
        status=1
        continue
    fi
    compared=$(sed -n 's/^sipguide-check: \([0-9]*\) frames compared$/\1/p' "$work/out/$name.err")
    quotes=$(sed -n 's/^sipguide-check: \([0-9]*\) ICMP quotes compared$/\1/p' "$work/out/$name.err")
    if [ "${compared:-none}" != "$expected" ] || [ "${quotes:-0}" != "$expected_quotes" ]; then
        echo "FAIL: $name: ${compared:-no} frames compared, $expected have SIP or Diameter;" \
             "${quotes:-no} ICMP quotes compared, $expected_quotes ICMP errors quote SIP" >&2
        status=1
        continue
    fi
    quotes_checked=$((${quotes_checked:-0} + ${quotes:-0}))
    checked=$((checked + compared))
done
echo "$checked frames of $(ls "$work"/captures/*.pcap | wc -l) captures: the taps give the messages the protocol items give"
echo "${quotes_checked:-0} ICMP errors: the taps find the quotes the post-dissector finds"
[ "$checked" -gt 0 ] || { echo "FAIL: no frame compared" >&2; status=1; }
[ "${quotes_checked:-0}" -gt 0 ] || { echo "FAIL: no ICMP quote compared" >&2; status=1; }

# The ICMP quotes: a guide on frames 1 and 3 only, frame 3 a retransmission
# of frame 1, and frame 1 sent twice.
icmp="$work/captures/icmp-quote.pcap"
guided=$(run_tshark -n -r "$icmp" -2 -Y sipguide -T fields -e frame.number 2> /dev/null | tr '\n' ' ')
resent=$(run_tshark -n -r "$icmp" -2 -Y 'frame.number == 3' -T fields -e sipguide.retransmission_of \
    2> /dev/null)
copies=$(run_tshark -n -r "$icmp" -2 -Y 'frame.number == 1' -T fields -e sipguide.request.copies \
    -e sipguide.request.icmp_error_in 2> /dev/null)
if [ "$guided" != "1 3 " ] || [ "$resent" != 1 ] || [ "$copies" != "$(printf '2\t2')" ]; then
    echo "FAIL: icmp-quote: guides on frames '$guided' (1 3 expected), frame 3 a retransmission of" \
         "'$resent' (1), frame 1 sent and its ICMP error in '$copies' (2 and 2)" >&2
    status=1
else
    echo "icmp-quote: the guide follows the two INVITEs, takes the ICMP quotes for none and links" \
         "the first INVITE to the first error"
fi
exit $status
