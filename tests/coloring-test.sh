#!/usr/bin/env bash
# coloring-test.sh
# Checks data/sipguide.colorfilters: Wireshark reads every rule without a
# complaint, every rule colours some frame of the test captures, and known
# frames get the expected rule, both with the file alone and in a profile
# with the file first, then Wireshark's default rules (as the profile "SIP
# Response Guide" has them; tests/profile-test.sh checks that profile).
#
#   coloring-test.sh PLUGIN_DIR SOURCE_DIR
#
# PLUGIN_DIR is the build's plugins folder (it holds X.Y/epan/sipguide.so).
# As in tshark-test.sh, tshark runs as the user "nobody" when started as root,
# since tshark ignores WIRESHARK_PLUGIN_DIR and personal settings for root.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
plugin_dir=$1
src=$2
rules="$src/data/sipguide.colorfilters"

work=$(mktemp -d /tmp/sipguide-coloring.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/home/.config/wireshark/profiles/sipguide" "$work/out" "$work/captures"
cp -r "$plugin_dir" "$work/plugins"
cp "$src"/tests/captures/*.pcap "$work/captures/"
chmod -R a+rX "$work"
chmod -R a+rwX "$work/home" "$work/out"

export LC_ALL=C.UTF-8 TZ=UTC

# run_tshark: tshark with the plugin copy in $work/plugins (tools/lib.sh).
# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../tools/lib.sh"

status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

# --- the file itself --------------------------------------------------------
# Wireshark skips a line it cannot read without a word, so every line that is
# not a comment must be a whole rule: @name@filter@[background][text], 16-bit.
rule_re='^@[^@]+@[^@]+@\[[0-9]+,[0-9]+,[0-9]+\]\[[0-9]+,[0-9]+,[0-9]+\]$'
grep -v -e '^#' -e '^[[:space:]]*$' "$rules" > "$work/out/rule-lines"
if grep -n -v -E "$rule_re" "$work/out/rule-lines" > "$work/out/bad-lines"; then
    fail "lines that are not rules (@name@filter@[r,g,b][r,g,b]):"
    cat "$work/out/bad-lines" >&2
fi
cut -d@ -f2 "$work/out/rule-lines" > "$work/out/names"
n_rules=$(wc -l < "$work/out/names")
if [ "$n_rules" -eq 0 ]; then
    fail "no rules in $rules"
fi
if [ -n "$(sort "$work/out/names" | uniq -d)" ]; then
    fail "rule names used twice: $(sort "$work/out/names" | uniq -d | tr '\n' ' ')"
fi
# Colour values fit 16 bits, and the text is readable on its background
# (WCAG contrast ratio of at least 4.5).
awk -F'@' '
    function lin(v) { v /= 65535; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ^ 2.4 }
    function lum(r, g, b) { return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) }
    {
        split($4, c, /[^0-9]+/)    # c[2..4] background, c[5..7] text
        for (i = 2; i <= 7; i++) if (c[i] > 65535) { print $2 ": colour value " c[i] " exceeds 65535"; bad = 1 }
        lb = lum(c[2], c[3], c[4]); lt = lum(c[5], c[6], c[7])
        ratio = lb > lt ? (lb + 0.05) / (lt + 0.05) : (lt + 0.05) / (lb + 0.05)
        if (ratio < 4.5) { printf "%s: contrast %.1f:1 is below 4.5:1\n", $2, ratio; bad = 1 }
    }
    END { exit bad }
' "$work/out/rule-lines" >&2 || fail "colours of the rules (above)"
echo "$n_rules rules in $(basename "$rules")"

# --- what tshark makes of it -------------------------------------------------
# color_all PROFILE OUT [CAPTURE...]: PROFILE is the profile to use ("" for
# the default one). Writes to OUT one line "capture<TAB>frame<TAB>rule" for
# every frame of the captures (all of tests/captures if none is named), and
# fails on anything on stderr (a rule that does not compile is reported there
# and then disabled).
color_all() {
    local profile=$1 out=$2 pcap name
    shift 2
    local names=("$@")
    local opt=()
    [ -n "$profile" ] && opt=(-C "$profile")
    if [ ${#names[@]} -eq 0 ]; then
        for pcap in "$work"/captures/*.pcap; do names+=("$(basename "$pcap" .pcap)"); done
    fi
    : > "$out"
    local complained=""
    for name in "${names[@]}"; do
        pcap="$work/captures/$name.pcap"
        run_tshark "${opt[@]}" -n -r "$pcap" --color -T fields \
            -e frame.number -e frame.coloring_rule.name \
            > "$work/out/fields" 2> "$work/out/stderr" || fail "tshark failed on $name"
        if [ -s "$work/out/stderr" ]; then
            # The same complaint comes for every capture: show it once.
            if [ -z "$complained" ]; then
                fail "tshark complained on $name${profile:+ (profile $profile)}:"
                cat "$work/out/stderr" >&2
            fi
            complained="$complained $name"
        fi
        awk -F'\t' -v c="$name" '{ print c "\t" $1 "\t" $2 }' "$work/out/fields" >> "$out"
    done
    if [ -n "$complained" ]; then
        echo "tshark complained the same way on:$complained" >&2
    fi
}

# expect FILE CAPTURE FRAME RULE: the frame got exactly that rule ("" for none).
expect() {
    local file=$1 capture=$2 frame=$3 want=$4 got
    got=$(awk -F'\t' -v c="$capture" -v f="$frame" '$1 == c && $2 == f { print $3; exit }' "$file")
    if [ "$got" != "$want" ]; then
        fail "$capture frame $frame: coloring rule [$got], expected [$want]"
    fi
}

# 1. The file alone as the profile's colorfilters: what an import reads.
cp "$rules" "$work/home/.config/wireshark/colorfilters"
color_all "" "$work/out/alone"

# Every rule colours at least one frame: a rule Wireshark dropped or disabled
# colours none.
while IFS= read -r name; do
    if ! awk -F'\t' -v n="$name" '$3 == n { found = 1 } END { exit !found }' \
            "$work/out/alone"; then
        fail "rule \"$name\" colours no frame of tests/captures (not read, disabled, or hidden by an earlier rule)"
    fi
done < "$work/out/names"

e() { expect "$work/out/alone" "$@"; }
e sample 14 "SIP guide: 4xx reachability"                  # 486 Busy Here, Reason Q.850 cause 17
e sample 2 "SIP guide: authentication challenge"           # 401 to REGISTER: the IMS-AKA challenge
e sample 4 ""                                              # 200 OK keeps the default colours
e sample 7 ""                                              # 183 Session Progress
e sample 1 ""                                              # a request
e transaction 2 "SIP guide: authentication challenge"      # 407 to INVITE
e transaction 7 "SIP guide: retransmitted response"        # a 180 sent twice
e transaction 14 "SIP guide: 4xx client failure"           # 481 to BYE
e evidence 2 "SIP guide: evidence contradicts the code"    # 486 with Q.850 cause 41
e evidence-tcp 4 "SIP guide: evidence contradicts the code" # 486, 603, 480 in one segment
e tcp-multi 6 "SIP guide: 4xx reachability"                # 486, 200 and 401 in one segment
e evidence 6 "SIP guide: 4xx media"                        # 488 Not Acceptable Here
e classes 1 "SIP guide: 4xx routing"                       # 404 Not Found
e classes 6 "SIP guide: 3xx redirection"                   # 302 Moved Temporarily
e classes 7 "SIP guide: 5xx server failure"                # 503 Service Unavailable
e classes 8 "SIP guide: 6xx global failure"                # 603 Decline
e unregistered 2 "SIP guide: 6xx global failure"           # 699, by its class
e invalid 1 "SIP guide: invalid code or malformed header"  # 700

# 2. A profile with the file first, then Wireshark's default rules.
global=$(run_tshark -G folders | awk -F'\t' '$1 ~ /^Global configuration/ { print $2 }')
if [ ! -f "$global/colorfilters" ]; then
    fail "no default coloring rules at \"$global/colorfilters\""
else
    cat "$rules" "$global/colorfilters" > "$work/home/.config/wireshark/profiles/sipguide/colorfilters"
    color_all sipguide "$work/out/profile" sample tcp-multi
    e() { expect "$work/out/profile" "$@"; }
    e sample 14 "SIP guide: 4xx reachability"
    e sample 2 "SIP guide: authentication challenge"
    e sample 4 "UDP"
    e tcp-multi 6 "SIP guide: 4xx reachability"
fi

n=$(cat "$work/out/alone" "$work/out/profile" 2> /dev/null | wc -l)
echo "$n frame colourings checked"
[ $status = 0 ] && echo "ok"
exit $status
