#!/usr/bin/env bash
# profile-test.sh
# Checks the Wireshark profile "SIP Response Guide" that the build makes
# (build/profile/, from data/profile/ and data/sipguide.colorfilters), read by
# tshark -C as a user's profile:
#   - tshark reads it without a complaint;
#   - its colorfilters are the guide's rules followed by Wireshark's default
#     rules, and rows get the guide's colour first, Wireshark's otherwise;
#   - its columns are the usual ones plus Code, Method and Category, and for
#     the test captures they hold what tests/golden/profile.columns says;
#   - every display filter button is enabled, has a label and a filter that
#     compiles and finds frames in the test captures, and that filter is one
#     of the recipes of README.md.  A button may name a field that a change
#     still under way adds (the list "pending" below): it is reported, and
#     checked like the others once tshark knows the field.
#
#   profile-test.sh PLUGIN_DIR SOURCE_DIR PROFILE_DIR
#
# As in tshark-test.sh, tshark runs as "nobody" when started as root, on
# copies in a work folder.  SIPGUIDE_UPDATE_GOLDEN=1 rewrites
# tests/golden/profile.columns instead of comparing.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
plugin_dir=$1
src=$2
profile_src=$3
name="SIP Response Guide"

# Fields that a button may use before the plugin has them.
pending=()

work=$(mktemp -d /tmp/sipguide-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
profile="$work/home/.config/wireshark/profiles/$name"
mkdir -p "$profile" "$work/out" "$work/extcap" "$work/captures"
cp -r "$plugin_dir" "$work/plugins"
cp "$profile_src"/* "$profile/"
cp "$src"/tests/captures/*.pcap "$work/captures/"
for f in "$src"/tests/real/captures/*.pcap; do
    [ -f "$f" ] && cp "$f" "$work/captures/real-$(basename "$f")"
done
chmod -R a+rX "$work"
chmod -R a+rwX "$work/home" "$work/out"

export LC_ALL=C.UTF-8 TZ=UTC
# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../tools/lib.sh"

status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

for f in colorfilters preferences dfilter_buttons; do
    [ -s "$profile/$f" ] || fail "the profile has no $f"
done

# --- coloring rules ------------------------------------------------------------
global=$(run_tshark -G folders | awk -F'\t' '$1 ~ /^Global configuration/ { print $2 }')
cat "$src/data/sipguide.colorfilters" "$global/colorfilters" > "$work/out/colorfilters.expected"
if ! cmp -s "$work/out/colorfilters.expected" "$profile/colorfilters"; then
    fail "colorfilters is not data/sipguide.colorfilters followed by $global/colorfilters"
fi
run_tshark -C "$name" -n -r "$work/captures/sample.pcap" --color -T fields \
    -e frame.number -e frame.coloring_rule.name > "$work/out/colors" 2> "$work/out/stderr"
if [ -s "$work/out/stderr" ]; then
    fail "tshark complained about the profile:"
    cat "$work/out/stderr" >&2
fi
for want in "14	SIP guide: 4xx reachability" "2	SIP guide: authentication challenge" "4	UDP"; do
    grep -qxF "$want" "$work/out/colors" || fail "sample frame ${want%%	*} is not coloured by \"${want#*	}\""
done
echo "-- colorfilters: the guide's rules, then Wireshark's; frames 14, 2 and 4 coloured as expected"

# --- columns -------------------------------------------------------------------
# tshark -T psml prints the profile's column titles, then each row's columns.
psml_columns() {   # psml_columns CAPTURE-NAME: "capture frame code method category" lines
    run_tshark -C "$name" -n -r "$work/captures/$1.pcap" -T psml 2> "$work/out/stderr.psml" |
        python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.stdin).getroot()
titles = [s.text or "" for s in root.find("structure")]
print("titles: " + " | ".join(titles), file=sys.stderr)
col = {t: i for i, t in enumerate(titles)}
for p in root.findall("packet"):
    v = [s.text or "" for s in p]
    print("\t".join([sys.argv[1], v[col["No."]], v[col["Code"]], v[col["Method"]], v[col["Category"]]]))
' "$1" 2> "$work/out/titles.$1"
    if [ -s "$work/out/stderr.psml" ]; then
        fail "tshark -C on $1 complained:"
        cat "$work/out/stderr.psml" >&2
    fi
}
: > "$work/out/columns"
for capture in sample tcp-multi; do
    psml_columns "$capture" >> "$work/out/columns" || fail "no columns for $capture (no Code, Method or Category?)"
done
want_titles="titles: No. | Time | Source | Destination | Protocol | Code | Method | Category | Length | Info"
if [ "$(grep '^titles:' "$work/out/titles.sample")" != "$want_titles" ]; then
    fail "the profile's columns are not the expected ones:"
    cat "$work/out/titles.sample" >&2
    echo "expected: $want_titles" >&2
fi
golden="$src/tests/golden/profile.columns"
if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$work/out/columns" "$golden"
    echo "updated $(basename "$golden")"
elif ! diff -u "$golden" "$work/out/columns" > "$work/out/diff"; then
    fail "the Code, Method and Category columns differ from profile.columns (- expected, + got):"
    cat "$work/out/diff" >&2
else
    echo "-- columns: $want_titles; $(wc -l < "$work/out/columns") rows as in profile.columns"
fi

# --- filter buttons ----------------------------------------------------------------
# dfilter_buttons is a UAT file: "enabled","label","filter","comment", with
# \x22 for a double quote.  One "label<TAB>filter" line per button.
python3 - "$profile/dfilter_buttons" > "$work/out/buttons" <<'EOF' || fail "dfilter_buttons cannot be read (above)"
import re, sys
bad = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    fields = re.fullmatch(r'"([^"]*)","([^"]*)","([^"]*)","([^"]*)"', line)
    if not fields:
        print("dfilter_buttons:%d: not four quoted fields: %s" % (n, line), file=sys.stderr)
        bad = 1
        continue
    enabled, label, expr, comment = (f.replace("\\x22", '"') for f in fields.groups())
    if enabled != "TRUE" or not label or not expr or not comment:
        print("dfilter_buttons:%d: disabled, or without a label, filter or comment" % n, file=sys.stderr)
        bad = 1
    print(label + "\t" + expr)
sys.exit(bad)
EOF
[ -s "$work/out/buttons" ] || fail "dfilter_buttons has no button"
# Every test capture in one file, one after the other.
mergecap -a -w "$work/all.pcapng" "$work"/captures/*.pcap || fail "mergecap failed"
chmod a+r "$work/all.pcapng"
run_tshark -G fields | awk -F'\t' '$1 == "F" || $1 == "P" { print $3 }' > "$work/out/known-fields"
checked=0
while IFS=$'\t' read -r label expr; do
    unknown=()
    for field in $(grep -oE 'sipguide(\.[a-z0-9_]+)+' <<< "$expr" | sort -u); do
        grep -qxF "$field" "$work/out/known-fields" || unknown+=("$field")
    done
    if [ ${#unknown[@]} -gt 0 ]; then
        for field in "${unknown[@]}"; do
            if printf '%s\n' "${pending[@]}" | grep -qxF "$field"; then
                echo "-- button \"$label\": $field is not a field of this build yet; not checked"
            else
                fail "button \"$label\": $expr names $field, which is no field of the plugin"
            fi
        done
        continue
    fi
    # Two passes, as the GUI reads a file: a request's fate needs the whole file.
    matches=$(run_tshark -n -2 -r "$work/all.pcapng" -Y "$expr" 2> "$work/out/stderr.button" | wc -l)
    if [ -s "$work/out/stderr.button" ]; then
        fail "button \"$label\": tshark -Y '$expr' says:"
        cat "$work/out/stderr.button" >&2
    fi
    [ "$matches" -gt 0 ] || fail "button \"$label\": '$expr' finds no frame in the test captures"
    grep -qF -- "'$expr'" "$src/README.md" || fail "button \"$label\": '$expr' is not a filter recipe of README.md"
    echo "-- button \"$label\": $expr ($matches frames in the test captures)"
    checked=$((checked + 1))
done < "$work/out/buttons"
[ "$checked" -gt 0 ] || fail "no button was checked"

[ $status = 0 ] && echo "ok"
exit $status
