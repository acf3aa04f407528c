#!/usr/bin/env bash
# tshark-test.sh
# Runs tshark with the freshly built plugin (never an installed copy) and
# compares what it prints with the expected output under tests/golden.
#
#   tshark-test.sh PLUGIN_DIR SOURCE_DIR COMMAND [ARGS]
#
# PLUGIN_DIR is the build's plugins folder (it holds X.Y/epan/sipguide.so).
# tshark ignores WIRESHARK_PLUGIN_DIR when it runs as root, so as root it
# runs as the unprivileged user "nobody" on a private copy of the plugin and
# of the capture.
#
# Commands:
#   golden NAME      -T fields output and the guide subtree of -V, against
#                    tests/golden/NAME.fields and NAME.guide (one pass and -2)
#   invariant NAME   every sip.Status-Code has exactly one sipguide.code equal to it
#   filter NAME      display filters and custom columns, where the tree is not
#                    printed, find the same responses as the golden file (one pass and -2),
#                    and so does -V with a filter on a field the shown tree keeps hidden
#   links NAME       tshark -2 -Y sip -V (a first pass with a tree of its own;
#                    golden runs -2 -V without one): the guide with links to
#                    later frames, against NAME.links, and it may only add
#                    lines to the one-pass guide NAME.guide
#   options NAME     -2 written in other ways (-n2V, after -V, without -n)
#                    gives the same guide as golden's -n -2 -V
#   lean NAME        -T fields with every guide field (only the printed fields are
#                    added) equals the same with -e sipguide (the full guide)
#   expert NAME      tshark -q -z expert (no filter, no tree of its own) against
#                    NAME.expert, and the same with -Y sip
#   stats NAME       tshark -q -z sipguide,tree against NAME.stats
#   calls NAME       tshark -q -z sipguide,calls against NAME.calls, in one pass and -2
#   methods          tests/captures/methods.pcap (every registered code answering every
#                    method it is meant for, and some it is not): the guide's tokens
#                    against methods.fields, and no response shows a procedure,
#                    category or hint of another method
#   prefs            each preference changes what it should, and only that
#   sitehints        a site hints table (tests/data/sipguide_site_hints) with good
#                    and bad rows: the good rows show, the bad one is reported,
#                    the built-in guidance is unchanged
#   ek NAME          -T ek and -T json output of the guide fields against NAME.ek and
#                    NAME.json, and each -T ek line is valid JSON
#   plugins          tshark -G plugins lists the plugin with its version
#   fields           tshark -G fields lists exactly the fields of tests/golden/fields.txt
# Set SIPGUIDE_UPDATE_GOLDEN=1 to rewrite the golden files instead of comparing
# (then read every changed line before committing).
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
plugin_dir=$1
src=$2
cmd=$3
shift 3

golden_dir="$src/tests/golden"
work=$(mktemp -d /tmp/sipguide-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/extcap"
cp -r "$plugin_dir" "$work/plugins"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"

export LC_ALL=C.UTF-8 TZ=UTC

# run_tshark: tshark with the plugin copy in $work/plugins (tools/lib.sh).
# shellcheck source=tools/lib.sh
. "$(dirname "$0")/../tools/lib.sh"

capture() {
    local name=$1
    if [ ! -f "$src/tests/captures/$name.pcap" ]; then
        echo "no capture tests/captures/$name.pcap" >&2
        exit 1
    fi
    cp "$src/tests/captures/$name.pcap" "$work/$name.pcap"
    chmod a+r "$work/$name.pcap"
    echo "$work/$name.pcap"
}

# Compare $1 (what tshark printed) with golden file $2; print a diff on failure.
compare() {
    local got=$1 want=$2
    if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$got" "$want"
        echo "updated $(basename "$want")"
        return 0
    fi
    if [ ! -f "$want" ]; then
        echo "missing golden file $want; what tshark printed:" >&2
        cat "$got" >&2
        return 1
    fi
    if ! diff -u "$want" "$got" > "$work/diff"; then
        echo "output differs from $(basename "$want") (- expected, + got):" >&2
        cat "$work/diff" >&2
        return 1
    fi
    return 0
}

# Booleans print differently across Wireshark versions in -T fields, so
# sipguide.registered is checked in the guide text (and handled_as) instead.
fields_args=(-T fields -E header=y -E occurrence=a -E aggregator='|' -E separator=';'
    -e frame.number -e sip.Status-Code -e sip.CSeq.method
    -e sipguide.code -e sipguide.class -e sipguide.handled_as
    -e sipguide.method -e sipguide.category -e sipguide.scope -e sipguide.retry
    -e sipguide.ims.procedure -e sipguide.ims.element)

# The guide subtrees of -V output, each under a "== frame N" line; the rest
# of -V changes between Wireshark versions and is left out.
cut_guide() {
    awk '
        /^Frame [0-9]+:/ { frame = $2; sub(":", "", frame); inguide = 0; next }
        /^[^ ]/ {
            if ($0 ~ /^SIP Response Guide/) {
                if (frame != shown) { print "== frame " frame; shown = frame }
                inguide = 1; print; next
            }
            inguide = 0; next
        }
        inguide { print }
    '
}

status=0
case "$cmd" in
golden)
    name=$1
    pcap=$(capture "$name")
    for pass in one two; do
        opt=()
        [ "$pass" = two ] && opt=(-2)
        run_tshark -n -r "$pcap" "${opt[@]}" -Y sip "${fields_args[@]}" \
            > "$work/out/fields.$pass" 2> "$work/out/stderr.$pass" || { cat "$work/out/stderr.$pass" >&2; status=1; }
        run_tshark -n -r "$pcap" "${opt[@]}" -V > "$work/out/verbose.$pass" \
            2>> "$work/out/stderr.$pass" || { cat "$work/out/stderr.$pass" >&2; status=1; }
        cut_guide < "$work/out/verbose.$pass" > "$work/out/guide.$pass"
        if [ -s "$work/out/stderr.$pass" ]; then
            echo "tshark wrote to stderr ($pass pass):" >&2
            cat "$work/out/stderr.$pass" >&2
            status=1
        fi
    done
    compare "$work/out/fields.one" "$golden_dir/$name.fields" || status=1
    compare "$work/out/guide.one" "$golden_dir/$name.guide" || status=1
    if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" != 1 ]; then
        # With -2 the guide also links to later frames where the capture has
        # them (NAME.links); everything else is the same.
        two="$golden_dir/$name.guide"
        [ -f "$golden_dir/$name.links" ] && two="$golden_dir/$name.links"
        echo "-- tshark -2 must print the same fields and $(basename "$two"):"
        compare "$work/out/fields.two" "$golden_dir/$name.fields" || status=1
        compare "$work/out/guide.two" "$two" || status=1
    fi
    ;;
invariant)
    name=$1
    pcap=$(capture "$name")
    # One line per frame: the Status-Codes SIP saw and the codes the guide saw.
    run_tshark -n -r "$pcap" -T fields -E occurrence=a -E aggregator=, -E separator='|' \
        -e frame.number -e sip.Status-Code -e sipguide.code > "$work/out/codes" || status=1
    while IFS='|' read -r frame sip guide; do
        if [ "$sip" != "$guide" ]; then
            echo "frame $frame: sip.Status-Code=[$sip] but sipguide.code=[$guide]" >&2
            status=1
        fi
    done < "$work/out/codes"
    n=$(awk -F'|' '$2 != ""' "$work/out/codes" | wc -l)
    echo "$n frame(s) with responses checked"
    ;;
filter)
    name=$1
    pcap=$(capture "$name")
    want="$golden_dir/$name.fields"
    # Frames whose golden line has a class >= 4 (column 5 holds the classes).
    awk -F';' 'NR > 1 { n = split($5, c, "|"); for (i = 1; i <= n; i++) if (c[i] >= 4) { print $1; break } }' \
        "$want" > "$work/out/expect.failures"
    awk -F';' 'NR > 1 && $4 != "" { print $1 " " $4 }' "$want" | tr '|' ',' > "$work/out/expect.codes"
    awk -F';' 'NR > 1 && $12 != "" { print $1 }' "$want" > "$work/out/expect.hidden"
    for pass in one two; do
        opt=()
        [ "$pass" = two ] && opt=(-2)
        # A display filter with summary output: the tree is built but not printed.
        run_tshark -n -r "$pcap" "${opt[@]}" -Y 'sipguide.class >= 4' \
            -o 'gui.column.format:"No.","%m"' > "$work/out/got.failures" || status=1
        sed 's/^ *//' "$work/out/got.failures" > "$work/out/got.failures.n"
        echo "-- filter sipguide.class >= 4 ($pass pass)"
        compare "$work/out/got.failures.n" "$work/out/expect.failures" || status=1
        # A custom column: the same codes as -T fields.
        run_tshark -n -r "$pcap" "${opt[@]}" -Y sipguide.code \
            -o 'gui.column.format:"No.","%m","Guide","%Cus:sipguide.code"' \
            | sed 's/^ *//; s/ \{1,\}/ /g' > "$work/out/got.codes" || status=1
        echo "-- custom column sipguide.code ($pass pass)"
        compare "$work/out/got.codes" "$work/out/expect.codes" || status=1
        # A field that a shown tree keeps hidden (one line lists the
        # senders) still filters the frames that have it.
        run_tshark -n -r "$pcap" "${opt[@]}" -V -Y sipguide.ims.element \
            | awk '/^Frame [0-9]+:/ { sub(":", "", $2); print $2 }' > "$work/out/got.hidden" || status=1
        echo "-- filter on the hidden sipguide.ims.element with -V ($pass pass)"
        compare "$work/out/got.hidden" "$work/out/expect.hidden" || status=1
        # tshark's text leaves hidden items out, so the guide makes them
        # only for a filter or a field; the preference that prints them
        # must still find them under the senders' line.
        run_tshark -n -r "$pcap" "${opt[@]}" -V -o protocols.display_hidden_proto_items:TRUE \
            | awk '/^Frame [0-9]+:/ { sub(":", "", $2); f = $2 }
                   /^ *\[Typically sent by: / { d = index($0, "["); if (d > s && s > 0 && f != p) { print f; p = f }; s = d; next }
                   { s = 0 }' > "$work/out/got.shown-hidden" || status=1
        echo "-- hidden sipguide.ims.element printed with display_hidden_proto_items ($pass pass)"
        compare "$work/out/got.shown-hidden" "$work/out/expect.hidden" || status=1
    done
    ;;
links)
    name=$1
    pcap=$(capture "$name")
    # A first pass with a tree of its own (-Y sip), and one without (the
    # plugin asks for it when it sees -2).
    run_tshark -n -r "$pcap" -2 -Y sip -V > "$work/out/verbose.links" 2> "$work/out/stderr.links" \
        || { cat "$work/out/stderr.links" >&2; status=1; }
    cut_guide < "$work/out/verbose.links" > "$work/out/guide.links"
    # NAME.links exists only where -2 says more than one pass.
    two="$golden_dir/$name.links"
    [ -f "$two" ] || [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" = 1 ] || two="$golden_dir/$name.guide"
    compare "$work/out/guide.links" "$two" || status=1
    if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" = 1 ] && cmp -s "$two" "$golden_dir/$name.guide"; then
        rm -f "$two"
        echo "-2 says no more than one pass: no $name.links"
    fi
    if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" != 1 ]; then
        echo "-- compared with one pass, -2 may only add lines:"
        # ... and refine an outcome, which one pass decides from what came
        # before (a 2xx to INVITE whose ACK never comes was answered but
        # not confirmed).
        if diff "$golden_dir/$name.guide" "$work/out/guide.links" \
            | grep '^<' | grep -qv '^<  *\[\(Call\|Registration\) outcome'; then
            echo "lines of the one-pass guide are missing with -2:" >&2
            diff "$golden_dir/$name.guide" "$work/out/guide.links" >&2
            status=1
        fi
        if [ -f "$golden_dir/$name.links" ] && cmp -s "$golden_dir/$name.guide" "$work/out/guide.links"; then
            echo "-2 says no more than one pass, but $name.links says it should" >&2
            status=1
        fi
    fi
    ;;
options)
    name=$1
    pcap=$(capture "$name")
    # The plugin reads -2 from tshark's options, however they are written.
    two="$golden_dir/$name.links"
    [ -f "$two" ] || two="$golden_dir/$name.guide"
    for opts in "-2 -V" "-n2V" "-nV -2"; do
        echo "-- tshark $opts must print $(basename "$two"):"
        # shellcheck disable=SC2086
        run_tshark -r "$pcap" $opts > "$work/out/verbose.plain" 2> "$work/out/stderr.plain" \
            || { cat "$work/out/stderr.plain" >&2; status=1; }
        cut_guide < "$work/out/verbose.plain" > "$work/out/guide.plain"
        compare "$work/out/guide.plain" "$two" || status=1
    done
    ;;
lean)
    name=$1
    pcap=$(capture "$name")
    # tshark -T fields builds a tree as if to show it; the plugin then adds
    # only the printed fields.  Every guide field (and the expert messages)
    # must come out as with the full guide, which "-e sipguide" asks for.
    every=()
    while read -r f; do
        every+=(-e "$f")
    done < <(run_tshark -G fields | awk -F'\t' '$1 == "F" && $3 ~ /^sipguide\./ { print $3 }')
    if [ ${#every[@]} -lt 20 ]; then
        echo "tshark -G fields lists only $((${#every[@]} / 2)) guide fields" >&2
        status=1
    fi
    every+=(-e _ws.expert.message)
    run_tshark -n -r "$pcap" -T fields -E occurrence=a -E aggregator='|' "${every[@]}" \
        > "$work/out/lean" || status=1
    run_tshark -n -r "$pcap" -T fields -E occurrence=a -E aggregator='|' "${every[@]}" -e sipguide \
        | awk -F'\t' -v OFS='\t' '{ NF--; print }' > "$work/out/full" || status=1
    echo "-- $(grep -c . "$work/out/lean") frames, $((${#every[@]} / 2)) fields"
    if ! diff "$work/out/full" "$work/out/lean" > "$work/out/diff.lean"; then
        echo "-T fields with only the printed fields differs from the full guide (< full, > printed only):" >&2
        head -n 40 "$work/out/diff.lean" >&2
        status=1
    fi
    # Only fields of the plain guide: the plugin then reads neither the
    # evidence headers nor the transactions, and these fields must not change.
    plain=(-e sipguide.code -e sipguide.class -e sipguide.meaning -e sipguide.method
           -e sipguide.category -e sipguide.hint -e sipguide.site_hint -e sipguide.related
           -e sipguide.related.why -e sipguide.handled_as)
    run_tshark -n -r "$pcap" -T fields -E occurrence=a -E aggregator='|' "${plain[@]}" \
        > "$work/out/plain" || status=1
    run_tshark -n -r "$pcap" -T fields -E occurrence=a -E aggregator='|' "${plain[@]}" -e sipguide \
        | awk -F'\t' -v OFS='\t' '{ NF--; print }' > "$work/out/plain.full" || status=1
    if ! diff "$work/out/plain.full" "$work/out/plain" > "$work/out/diff.plain"; then
        echo "-T fields with plain guide fields only differs from the full guide (< full, > plain only):" >&2
        head -n 40 "$work/out/diff.plain" >&2
        status=1
    fi
    if ! grep -q '[0-9]' "$work/out/lean"; then
        echo "no guide field was printed" >&2
        status=1
    fi
    ;;
expert)
    name=$1
    pcap=$(capture "$name")
    # -z expert alone builds no tree; the plugin sees it on the command line.
    # Only the guide's lines: Wireshark's own items change between versions.
    run_tshark -n -r "$pcap" -q -z expert 2> "$work/out/stderr.expert" \
        | grep -E '^(Errors|Warns|Notes|Chats|Comments) |SIPGUIDE' | sed 's/ ([0-9]*)$//' > "$work/out/expert"
    [ -s "$work/out/stderr.expert" ] && { cat "$work/out/stderr.expert" >&2; status=1; }
    compare "$work/out/expert" "$golden_dir/$name.expert" || status=1
    if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" != 1 ]; then
        if ! grep -q SIPGUIDE "$work/out/expert"; then
            echo "-z expert lists no item of the guide" >&2
            status=1
        fi
        echo "-- with a display filter, which builds the tree anyway, the same:"
        run_tshark -n -r "$pcap" -q -z expert -Y sip \
            | grep -E '^(Errors|Warns|Notes|Chats|Comments) |SIPGUIDE' | sed 's/ ([0-9]*)$//' > "$work/out/expert.filter"
        compare "$work/out/expert.filter" "$golden_dir/$name.expert" || status=1
    fi
    ;;
stats)
    name=$1
    pcap=$(capture "$name")
    run_tshark -n -r "$pcap" -q -z sipguide,tree > "$work/out/stats" || status=1
    compare "$work/out/stats" "$golden_dir/$name.stats" || status=1
    ;;
calls)
    name=$1
    pcap=$(capture "$name")
    # The calls and registrations table: one pass builds it as the frames
    # come, and two passes must give the same.
    run_tshark -n -r "$pcap" -q -z sipguide,calls > "$work/out/calls.one" 2> "$work/out/stderr.calls" \
        || status=1
    run_tshark -n -r "$pcap" -2 -q -z sipguide,calls > "$work/out/calls.two" 2>> "$work/out/stderr.calls" \
        || status=1
    [ -s "$work/out/stderr.calls" ] && { cat "$work/out/stderr.calls" >&2; status=1; }
    compare "$work/out/calls.one" "$golden_dir/$name.calls" || status=1
    if [ "${SIPGUIDE_UPDATE_GOLDEN:-0}" != 1 ]; then
        echo "-- tshark -2 must print the same:"
        compare "$work/out/calls.two" "$golden_dir/$name.calls" || status=1
    fi
    ;;
methods)
    pcap=$(capture methods)
    run_tshark -n -r "$pcap" -T fields -E header=y -E occurrence=a -E aggregator='|' -E separator=';' \
        -e frame.number -e sipguide.code -e sipguide.method -e sipguide.category -e sipguide.scope \
        -e sipguide.retry -e sipguide.ims.procedure -e sipguide.meant_for \
        > "$work/out/methods" 2> "$work/out/stderr.methods" || status=1
    [ -s "$work/out/stderr.methods" ] && { cat "$work/out/stderr.methods" >&2; status=1; }
    compare "$work/out/methods" "$golden_dir/methods.fields" || status=1
    # Every response true to its own method: tab-separated code, method,
    # category, procedures, and every text (meaning, causes, hints).
    run_tshark -n -r "$pcap" -T fields -E occurrence=a -E aggregator='|' \
        -e frame.number -e sipguide.code -e sipguide.method -e sipguide.category -e sipguide.ims.procedure \
        -e sipguide.meaning -e sipguide.cause -e sipguide.hint > "$work/out/texts" || status=1
    if ! awk -F'\t' '
        function bad(why) { printf "frame %s: %s %s: %s\n", $1, $2, $3, why; n++ }
        {
            offer = ($3 == "INVITE" || $3 == "UPDATE" || $3 == "PRACK")
            text = $6 "|" $7 "|" $8
            if ($5 ~ /(^|\|)registration(\||$)/ && $3 != "REGISTER") bad("registration procedure")
            if ($5 ~ /(^|\|)call-setup(\||$)/ && $3 != "INVITE") bad("call-setup procedure")
            if ($3 == "REGISTER" && $5 ~ /session-modification|early-media/) bad("a session procedure")
            if ($4 == "media" && !offer) bad("media category for a request without SDP")
            if (!offer && text ~ /AMR|EVS|codec/) bad("a codec hint for a request without SDP")
            if ($3 != "REGISTER" && text ~ /IMS-AKA/) bad("IMS-AKA text")
            if ($2 == 487 && $3 != "CANCEL" && $3 != "BYE" && $4 != "cancelled") bad("487 not cancelled")
            if ($2 == 487 && ($3 == "CANCEL" || $3 == "BYE") && $4 != "unexpected") bad("487 to CANCEL or BYE not unexpected")
            if ($5 == "" && $3 != "ACK") bad("no procedure")
            rows++
        }
        END { printf "%d responses checked, %d method-blind\n", rows, n; exit n > 0 || rows < 700 }
    ' "$work/out/texts"; then
        status=1
    fi
    ;;
prefs)
    pcap=$(capture sample)
    ev=$(capture evidence)
    guide_with() {   # guide_with CAPTURE [tshark -o options]: the guide subtrees of -V
        local c=$1
        shift
        run_tshark -n -r "$c" -V "$@" | cut_guide
    }
    guide_with "$pcap" > "$work/out/default"
    guide_with "$ev" >> "$work/out/default"
    for part in "IMS context:show_ims_context" "Troubleshooting:show_hints" \
                "Evidence:show_evidence" "Transaction:show_transaction"; do
        heading=${part%%:*}
        pref=${part#*:}
        { guide_with "$pcap" -o "sipguide.$pref:FALSE"; guide_with "$ev" -o "sipguide.$pref:FALSE"; } \
            > "$work/out/without"
        if ! grep -q "^    $heading\$" "$work/out/default"; then
            echo "the default guide has no '$heading' part" >&2
            status=1
        fi
        if grep -q "^    $heading\$" "$work/out/without"; then
            echo "sipguide.$pref:FALSE still shows '$heading'" >&2
            status=1
        fi
        # Everything else stays: the default guide without that part's lines.
        awk -v h="    $heading" '$0 == h { skip = 1; next } skip && /^        / { next } { skip = 0; print }' \
            "$work/out/default" > "$work/out/expected"
        if ! diff -u "$work/out/expected" "$work/out/without" > "$work/diff"; then
            echo "sipguide.$pref:FALSE changed more than the '$heading' part:" >&2
            cat "$work/diff" >&2
            status=1
        fi
        echo "-- sipguide.$pref:FALSE removes '$heading' and nothing else"
    done
    # The Info column: off by default, on with the preference, in a plain summary.
    run_tshark -n -r "$pcap" > "$work/out/info.off" || status=1
    run_tshark -n -r "$pcap" -o sipguide.info_column:TRUE > "$work/out/info.on" || status=1
    if grep -q '\[486 reachability\]' "$work/out/info.off"; then
        echo "the Info column shows the guide although sipguide.info_column is off" >&2
        status=1
    fi
    if ! grep -E -q '^ *14 .*Status: 486 Busy Here.*\[486 reachability\]' "$work/out/info.on"; then
        echo "sipguide.info_column:TRUE does not add [486 reachability] to frame 14:" >&2
        cat "$work/out/info.on" >&2
        status=1
    fi
    echo "-- sipguide.info_column:TRUE adds the code and category to the Info column"
    ;;
sitehints)
    mkdir -p "$work/home/.config/wireshark"
    cp "$src/tests/data/sipguide_site_hints" "$work/home/.config/wireshark/"
    chmod -R a+rwX "$work/home"
    for name in sample unregistered; do
        pcap=$(capture "$name")
        run_tshark -n -r "$pcap" -Y sipguide -T fields -E occurrence=a -E aggregator='|' \
            -e frame.number -e sipguide.code -e sipguide.site_hint \
            > "$work/out/hints.$name" 2> "$work/out/stderr.$name"
    done
    cat "$work/out/hints.sample" "$work/out/hints.unregistered" > "$work/out/hints"
    compare "$work/out/hints" "$golden_dir/site-hints.fields" || status=1
    if ! grep -q "Error loading table 'SIP Response Guide site hints': Code 999 is not a SIP response code" \
            "$work/out/stderr.sample"; then
        echo "the bad row (code 999) was not reported:" >&2
        cat "$work/out/stderr.sample" >&2
        status=1
    fi
    # The built-in guidance does not change with site hints.
    pcap=$(capture sample)
    run_tshark -n -r "$pcap" -V | cut_guide | grep -v 'Site hint' > "$work/out/guide.hints"
    if ! diff -u "$golden_dir/sample.guide" "$work/out/guide.hints" >&2; then
        echo "with site hints, the rest of the guide differs from sample.guide" >&2
        status=1
    fi
    ;;
ek)
    name=$1
    pcap=$(capture "$name")
    ek_fields=(-e frame.number -e sip.Call-ID -e sipguide.code -e sipguide.class -e sipguide.category
               -e sipguide.method -e sipguide.ims.procedure -e sipguide.reason.cause -e sipguide.hint)
    run_tshark -n -r "$pcap" -Y sipguide -T ek "${ek_fields[@]}" > "$work/out/ek" || status=1
    run_tshark -n -r "$pcap" -Y sipguide -T json "${ek_fields[@]}" > "$work/out/json" || status=1
    # Wireshark 4.6 no longer writes Elasticsearch's "_type": "doc"; it is
    # left out here so that every version prints the same.
    sed -i 's/,"_type":"doc"//' "$work/out/ek"
    sed -i '/^ *"_type": "doc",$/d' "$work/out/json"
    compare "$work/out/ek" "$golden_dir/$name.ek" || status=1
    compare "$work/out/json" "$golden_dir/$name.json" || status=1
    if ! python3 -c 'import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    json.loads(line)
json.load(open(sys.argv[2]))' "$work/out/ek" "$work/out/json"; then
        echo "-T ek or -T json output is not valid JSON" >&2
        status=1
    fi
    ;;
plugins)
    run_tshark -G plugins > "$work/out/plugins" || status=1
    if ! grep -E '^sipguide\.so[[:space:]]+[0-9]+\.[0-9]+\.[0-9]+[[:space:]]+dissector' "$work/out/plugins"; then
        echo "tshark -G plugins does not list sipguide.so as a dissector plugin:" >&2
        cat "$work/out/plugins" >&2
        status=1
    fi
    ;;
fields)
    run_tshark -G fields > "$work/out/all" || status=1
    awk -F'\t' '$1 == "P" && $3 == "sipguide" { print "P " $3 " " $2 } $1 == "F" && $3 ~ /^sipguide\./ { print "F " $3 " " $4 " " $2 }' \
        "$work/out/all" > "$work/out/fields"
    compare "$work/out/fields" "$golden_dir/fields.txt" || status=1
    ;;
*)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
[ $status = 0 ] && echo "ok"
exit $status
