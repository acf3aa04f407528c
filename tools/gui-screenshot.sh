#!/usr/bin/env bash
# gui-screenshot.sh
# Opens the real Wireshark GUI under Xvfb with the plugin of the build folder,
# shows the SIP Response Guide of tests/captures/sample.pcap expanded, and saves
# screenshots of it, of Help > About Wireshark > Plugins, of the coloring
# rules at work and of the calls and registrations table.
#
#   tools/gui-screenshot.sh [GUIDE.png [PLUGINS.png [COLORING.png [CALLS.png]]]]
#
# Defaults: docs/guide-gui.png, docs/about-plugins.png, docs/coloring-gui.png
# (the packet list of tests/captures/evidence.pcap coloured by
# data/sipguide.colorfilters, with a column naming each row's rule) and
# docs/calls-gui.png (the table of tests/real/captures/calls.pcap). Build first
# (cmake -S . -B build && cmake --build build); SIPGUIDE_BUILD names another
# build folder. The GUI opens frame 14 (a 486 with Reason Q.850 cause 17) with
# no display filter (SIPGUIDE_GUI_FILTER sets one), in the build's profile "SIP
# Response Guide" (wireshark -C): the coloring rules of data/sipguide.colorfilters
# in front of Wireshark's own, the guide's columns and filter buttons.
#
# It checks, and fails otherwise, that the GUI lists sipguide.so as a dissector
# plugin loaded from the build (the row copied from About > Plugins), that
# the guide subtree the GUI shows (copied with Edit > Copy > All Visible Items)
# is the one "tshark -2 -Y 'frame.number == 14' -O sipguide" prints, that the
# packet list has the profile's columns (its header and frame 14, copied with
# Edit > Copy > As CSV), and that the filter toolbar has the profile's buttons
# in order: each button found in the screenshot is clicked, and the display
# filter it sets must be that button's filter.
#
# Then, on a wider screen, it opens the calls capture and finds the guide's
# rows of the Statistics menu with the keyboard (tools/gui-screen.py walks the
# menu and takes the two rows whose labels begin alike the longest: Wireshark
# makes them one item "SIP Response Guide/..." or a submenu "SIP Response
# Guide", depending on the version and the kind of statistic), opens both,
# and fails unless one opens the calls and registrations table.  The rows that
# table's Copy button puts on the clipboard must be those of "tshark -q -z
# sipguide,calls" on the same capture (the dialog sorts by first frame as
# text; the comparison orders both by number), or the difference is printed.
#
# Needs the Debian packages wireshark-qt, tshark, xvfb, xdotool, xclip,
# x11-apps (xwd), netpbm, perl (for pnmquant) and python3. As root the GUI runs as the user "nobody": Wireshark
# ignores WIRESHARK_PLUGIN_DIR for root, and HOME is a throwaway folder, so no
# installed copy of the plugin and no personal setting is used.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail

FRAME=14
CAPTURE=sample
COLOR_CAPTURE=evidence
GEOMETRY=1280x1200
COLOR_PANE=400      # packet list pane of the coloring screenshot: 21 rows
COLOR_HEIGHT=490    # menu, tool and filter bars, and that pane
PROFILE="SIP Response Guide"
CALLS_CAPTURE=calls  # tests/real/captures/calls.pcap
CALLS_SCREEN=1920x1200
CALLS_DIALOG=1800x830

# ---------------------------------------------------------------------------
# Inside: runs as the unprivileged user, in the work folder $2.

if [ "${1:-}" = --inside ]; then
    work=$2
    export HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins" XDG_RUNTIME_DIR="$work/home/run"
    export LC_ALL=C.UTF-8 TZ=UTC
    mkdir -p "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    out="$work/out"
    pids=()
    # Stop Wireshark and Xvfb: TERM, up to 3 s to end, then KILL; and reap them.
    cleanup_inside() {
        local p state alive
        for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
        for _ in $(seq 30); do
            alive=0
            for p in "${pids[@]}"; do
                state=$(ps -o stat= -p "$p" 2> /dev/null || true)
                case $state in "" | Z*) ;; *) alive=1 ;; esac
            done
            [ "$alive" = 0 ] && break
            sleep 0.1
        done
        for p in "${pids[@]}"; do kill -KILL "$p" 2> /dev/null || true; done
        wait 2> /dev/null || true
    }
    trap cleanup_inside EXIT
    trap 'exit 1' TERM INT HUP
    die() { echo "gui-screenshot: $*" >&2; exit 1; }
    x() { timeout 15 xdotool "$@"; }
    # The window of a Wireshark just started; on a busy machine it can take a while.
    started() { timeout 60 xdotool search --sync --onlyvisible --name "$1"; }
    shot() { # shot FILE [X Y W H]: the screen, or a part of it, as PNG
        timeout 15 xwd -root -silent > "$out/shot.xwd"
        # xwdtopnm can write 16 bits a channel (it did for the wider
        # screen), which pnmtopng keeps: a large RGB file, not a palette.
        xwdtopnm < "$out/shot.xwd" 2> /dev/null | pamdepth 255 > "$out/shot.ppm"
        if [ $# -gt 1 ]; then
            pamcut -left "$2" -top "$3" -width "$4" -height "$5" < "$out/shot.ppm" > "$out/cut.ppm"
            mv "$out/cut.ppm" "$out/shot.ppm"
        fi
        # A palette of 256 colours keeps the file small and the text sharp.
        pnmquant 256 < "$out/shot.ppm" 2> /dev/null | pnmtopng -compression 9 > "$1"
    }
    clipboard() { timeout 5 xclip -o -selection clipboard -t UTF8_STRING 2> /dev/null || true; }

    # start_x SIZE NAME: an X server of SIZE (WIDTHxHEIGHT) on the first free
    # display, which becomes DISPLAY; NAME names its files in out/.
    start_x() {
        rm -f "$out/$2.display"
        Xvfb -displayfd 3 -screen 0 "${1}x24" -nolisten tcp 3> "$out/$2.display" \
            > "$out/$2.log" 2>&1 &
        pids+=($!)
        echo "${pids[-1]}" >> "$work/out/pids"
        for _ in $(seq 100); do [ -s "$out/$2.display" ] && break; sleep 0.1; done
        [ -s "$out/$2.display" ] || die "Xvfb did not start: $(cat "$out/$2.log")"
        DISPLAY=":$(head -n 1 "$out/$2.display")"
        export DISPLAY
    }
    start_x "$GEOMETRY" xvfb

    # A sanitized build: Wireshark runs with the sanitizer runtime preloaded
    # and writes any report to out/sanitizer.* (the outside checks them). Its
    # extcap folder is empty: the extcap programs Wireshark starts to list
    # interfaces would inherit the preload, and they hang with it.
    gui=(wireshark)
    if [ -n "${SIPGUIDE_PRELOAD-}" ]; then
        mkdir -p "$HOME/extcap-none"
        gui=(env LD_PRELOAD="$SIPGUIDE_PRELOAD" WIRESHARK_EXTCAP_DIR="$HOME/extcap-none"
             ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:log_path=$out/sanitizer"
             UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$out/sanitizer"
             wireshark)
    fi

    filter=()
    [ -n "${SIPGUIDE_GUI_FILTER-}" ] && filter=(-Y "${SIPGUIDE_GUI_FILTER-}")
    "${gui[@]}" -C "$PROFILE" -r "$work/$CAPTURE.pcap" "${filter[@]}" -g "$FRAME" > "$out/wireshark.log" 2>&1 &
    pids+=($!)
    echo "${pids[-1]}" >> "$work/out/pids"
    main=$(started "$CAPTURE.pcap" | head -n 1) \
        || die "no Wireshark window with $CAPTURE.pcap within 60 s"
    sleep 3    # the file is read, filtered and frame $FRAME selected
    x windowfocus --sync "$main"

    # The guide: a click in the empty part of the packet details pane gives it
    # the focus; the guide is the last top-level item (a post-dissector), so
    # Down moves there; Shift+Right is View > Expand Subtrees. Edit > Copy >
    # All Visible Items (Ctrl+Alt+Shift+A) copies what the pane shows: the
    # guide is expanded once its "Troubleshooting" line is visible.
    x mousemove --window "$main" 640 $(( ${GEOMETRY#*x} - 250 )) click 1
    sleep 0.5
    x key --delay 50 --repeat 20 Down
    for _ in 1 2 3 4 5; do
        sleep 0.5
        x key shift+Right
        sleep 1
        x key ctrl+alt+shift+a
        sleep 0.5
        clipboard | awk '/^SIP Response Guide/ { p = 1 } /^[^ ]/ && !/^SIP Response Guide/ { p = 0 } p' \
            > "$out/guide-gui.txt"
        grep -q '^ *Troubleshooting$' "$out/guide-gui.txt" && break
    done
    grep -q '^ *Troubleshooting$' "$out/guide-gui.txt" \
        || die "the guide did not expand; the details pane shows: $(clipboard)"
    shot "$out/guide.png"

    # The packet list's header and selected row (frame 14) as CSV: Edit > Copy
    # (the first item) > As CSV (the second).
    x key alt+e
    sleep 0.5
    x key --delay 150 Right Down Return
    sleep 0.5
    clipboard > "$out/columns-gui.txt"

    # Help > About Wireshark (the last item of Help) > Plugins (the fourth tab),
    # filtered to sipguide.
    x key alt+h
    sleep 0.5
    x key --delay 150 Up Return
    about=$(x search --sync --onlyvisible --name '^About Wireshark$' | head -n 1) \
        || die "Help > About Wireshark did not open"
    sleep 1
    x key --delay 150 ctrl+Tab ctrl+Tab ctrl+Tab Tab
    x type --delay 40 sipguide
    sleep 1
    eval "$(x getwindowgeometry --shell "$about")"    # X, Y, WIDTH, HEIGHT
    shot "$out/plugins.png" "$X" "$Y" "$WIDTH" "$HEIGHT"
    # The row of the filtered list, copied with its context menu (Copy Row(s));
    # y = 105 lies inside the first row of the 4.0 and of the 4.6 dialog.
    x mousemove --window "$about" 60 105 click 3
    sleep 0.5
    x key --delay 150 Up Return
    sleep 0.5
    clipboard > "$out/plugins-gui.txt"
    x key Escape
    sleep 0.5

    # The filter buttons (found by tools/gui-screen.py filter-buttons) are
    # clicked in turn; the display filter each sets is copied from the
    # filter field.
    x windowfocus --sync "$main"
    timeout 15 xwd -root -silent | xwdtopnm 2> /dev/null | pamdepth 255 > "$out/toolbar.ppm"
    python3 "$work/gui-screen.py" filter-buttons "$out/toolbar.ppm" "$(cat "$work/out/buttons.count")" \
        > "$out/button-spots" || die "no filter buttons found in the screenshot"
    i=0
    while read -r bx by; do
        i=$((i + 1))
        x mousemove "$bx" "$by" click 1
        sleep 1
        x key ctrl+slash
        sleep 0.3
        x key ctrl+a ctrl+c
        sleep 0.3
        clipboard > "$out/button-$i.txt"
    done < "$out/button-spots"
    kill "${pids[1]}" 2> /dev/null || true
    wait "${pids[1]}" 2> /dev/null || true

    # The coloring rules on the evidence capture, with columns that name the
    # code, its category and the rule that coloured the row (profile "coloring").
    "${gui[@]}" -C coloring -r "$work/$COLOR_CAPTURE.pcap" -Y sip > "$out/wireshark-coloring.log" 2>&1 &
    pids+=($!)
    echo "${pids[-1]}" >> "$work/out/pids"
    started "$COLOR_CAPTURE.pcap" > /dev/null \
        || die "no Wireshark window with $COLOR_CAPTURE.pcap within 60 s"
    sleep 3
    shot "$out/coloring.png" 0 0 "${GEOMETRY%x*}" "$COLOR_HEIGHT"
    kill "${pids[2]}" 2> /dev/null || true
    wait "${pids[2]}" 2> /dev/null || true

    # The calls and registrations table of the calls capture, opened from the
    # Statistics menu, on a screen wide enough for all its columns.
    start_x "$CALLS_SCREEN" xvfb-calls
    "${gui[@]}" -r "$work/$CALLS_CAPTURE.pcap" > "$out/wireshark-calls.log" 2>&1 &
    pids+=($!)
    echo "${pids[-1]}" >> "$work/out/pids"
    main=$(started "$CALLS_CAPTURE.pcap" | head -n 1) \
        || die "no Wireshark window with $CALLS_CAPTURE.pcap within 60 s"
    sleep 3
    # The windows on the screen (menus are windows of their own), one a line.
    windows() { timeout 15 xdotool search --onlyvisible --class . 2> /dev/null | sort; }
    # Statistics, opened with its keys: prints the menu's window.
    statistics_menu() {
        local before w
        x windowfocus --sync "$main"
        before=$(windows)
        x key alt+s
        for _ in $(seq 50); do
            sleep 0.1
            w=$(comm -13 <(echo "$before") <(windows) | head -n 1)
            [ -n "$w" ] && { echo "$w"; return 0; }
        done
        return 1
    }
    # open_row ROW: opens Statistics and its row ROW (Down presses from the
    # first row); a row that opens a submenu gets Return again, which chooses
    # the submenu's first item.  Prints "WINDOW item|submenu TITLE" of the
    # dialog that opened (up to 60 s for it).
    open_row() {
        local before kind=item w name
        statistics_menu > /dev/null || die "Statistics (Alt+S) did not open a menu"
        before=$(windows)
        [ "$1" -gt 0 ] && x key --delay 40 --repeat "$1" Down
        x key Return
        for _ in $(seq 600); do
            sleep 0.1
            for w in $(comm -13 <(echo "$before") <(windows)); do
                name=$(x getwindowname "$w" 2> /dev/null) || continue
                case $name in
                *" · "*) echo "$w $kind $name"; return 0 ;;
                *) if [ $kind = item ]; then kind=submenu; sleep 0.3; x key Return; fi ;;
                esac
            done
        done
        return 1
    }
    # The guide's two rows of Statistics: the two whose labels begin alike
    # the longest ("SIP Response Guide..."), found by walking the menu.
    menu=$(statistics_menu) || die "Statistics (Alt+S) did not open a menu"
    sleep 0.5
    python3 "$work/gui-screen.py" menu-rows "$menu" > "$out/menu-rows" 2> "$out/menu-rows.log" \
        || die "could not walk the Statistics menu: $(cat "$out/menu-rows.log")"
    x key Escape Escape    # the menu, then the menu bar
    sleep 0.5
    : > "$out/menu.txt"
    calls_dialog=
    while read -r row prefix; do
        [ "$prefix" -ge 60 ] \
            || die "no two rows of Statistics begin alike (\"SIP Response Guide\") for 60 pixels: $(cat "$out/menu-rows.log")"
        opened=$(open_row "$row") || die "row $row of Statistics opened no dialog within 60 s"
        read -r w kind title <<< "$opened"
        echo "$row $kind $title" >> "$out/menu.txt"
        case $title in
        *"Calls and registrations"*) calls_dialog=$w ;;
        *)  x windowfocus --sync "$w"
            x key Escape ;;
        esac
    done < "$out/menu-rows"
    [ -n "$calls_dialog" ] || die "no row of Statistics opened the calls and registrations table; opened: $(cat "$out/menu.txt")"

    # The dialog, big enough for the whole table; its Copy button puts the
    # table on the clipboard as text, once it is drawn (two copies alike).
    x windowmove "$calls_dialog" 0 0 windowsize "$calls_dialog" "${CALLS_DIALOG%x*}" "${CALLS_DIALOG#*x}"
    x windowfocus --sync "$calls_dialog"
    sleep 2
    read -r bx by < <(python3 "$work/gui-screen.py" button "$calls_dialog") \
        || die "no Copy button found in the dialog"
    previous=
    for _ in $(seq 10); do
        x mousemove --window "$calls_dialog" "$bx" "$by" click 1
        sleep 1
        clipboard > "$out/calls-gui.txt"
        [ -s "$out/calls-gui.txt" ] && [ "$(cat "$out/calls-gui.txt")" = "$previous" ] && break
        previous=$(cat "$out/calls-gui.txt")
    done
    [ -s "$out/calls-gui.txt" ] || die "the dialog's Copy button put nothing on the clipboard"
    x mousemove 0 0
    sleep 0.5
    eval "$(x getwindowgeometry --shell "$calls_dialog")"    # X, Y, WIDTH, HEIGHT
    shot "$out/calls.png" "$X" "$Y" "$WIDTH" "$HEIGHT"
    exit 0
fi

# ---------------------------------------------------------------------------
# Outside: prepare a throwaway profile, run the inside part, check, copy.

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$top/tools/lib.sh"
guide_png=${1:-$top/docs/guide-gui.png}
plugins_png=${2:-$top/docs/about-plugins.png}
coloring_png=${3:-$top/docs/coloring-gui.png}
calls_png=${4:-$top/docs/calls-gui.png}
build=${SIPGUIDE_BUILD:-$top/build}

for tool in wireshark tshark Xvfb xdotool xclip xwd xwdtopnm pamdepth pamcut pnmquant pnmtopng setpriv \
    python3; do
    command -v "$tool" > /dev/null || {
        echo "gui-screenshot: $tool is missing (Debian packages: wireshark-qt tshark xvfb xdotool xclip x11-apps netpbm perl python3)" >&2
        exit 1
    }
done
so=$(find "$build/plugins" -name sipguide.so 2> /dev/null | head -n 1)
if [ -z "$so" ]; then
    echo "gui-screenshot: no sipguide.so under $build/plugins; build first (cmake --build build)" >&2
    exit 1
fi

work=$(mktemp -d /tmp/sipguide-gui.XXXXXX)
# The inside part stops what it started; this is for when it was killed.
cleanup() {
    local p left=()
    if [ -f "$work/out/pids" ]; then
        while read -r p; do kill "$p" 2> /dev/null && left+=("$p"); done < "$work/out/pids"
    fi
    if [ ${#left[@]} -gt 0 ]; then
        sleep 1
        for p in "${left[@]}"; do kill -KILL "$p" 2> /dev/null || true; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' TERM INT HUP

profile="$work/home/.config/wireshark"
mkdir -p "$profile" "$work/out"
cp -r "$build/plugins" "$work/plugins"
cp "$top/tests/captures/$CAPTURE.pcap" "$top/tests/captures/$COLOR_CAPTURE.pcap" \
    "$top/tests/real/captures/$CALLS_CAPTURE.pcap" "$top/tools/gui-screen.py" "$work/"
# Window and panes: the whole screen, a packet list just tall enough for the
# capture, no bytes pane, so that the whole guide is visible.
cat > "$profile/recent_common" << EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: ${GEOMETRY%x*}
gui.geometry_main_height: ${GEOMETRY#*x}
gui.geometry_main_maximized: FALSE
EOF
cat > "$profile/recent" << EOF
gui.byte_view_show: FALSE
gui.geometry_main_upper_pane: 270
EOF
# The build's profile, as tools/setup.sh installs it, with the same panes.
if [ ! -f "$build/profile/$PROFILE/dfilter_buttons" ]; then
    echo "gui-screenshot: no profile \"$PROFILE\" in $build/profile; build first" >&2
    exit 1
fi
mkdir -p "$profile/profiles"
cp -r "$build/profile/$PROFILE" "$profile/profiles/"
# Its packet list is wider than the window: a scroll bar takes some height.
sed 's/^gui.geometry_main_upper_pane: .*/gui.geometry_main_upper_pane: 288/' "$profile/recent" \
    > "$profile/profiles/$PROFILE/recent"
# The buttons, "label<TAB>filter" each (a UAT file: \x22 is a double quote).
grep -v '^#' "$profile/profiles/$PROFILE/dfilter_buttons" |
    sed -n 's/^"TRUE","\([^"]*\)","\([^"]*\)",.*/\1\t\2/p' | sed 's/\\x22/"/g' > "$work/out/buttons"
wc -l < "$work/out/buttons" > "$work/out/buttons.count"
# The column titles, as Edit > Copy > As CSV writes them: every other string
# of gui.column.format.
awk '/^gui\.column\.format:/ { on = 1 } on { print } on && /"[[:space:]]*$/ { exit }' \
    "$profile/profiles/$PROFILE/preferences" | grep -o '"[^"]*"' | awk 'NR % 2' | paste -sd, > "$work/out/columns"
global=$(tshark -G folders 2> /dev/null | awk -F'\t' '$1 ~ /^Global configuration/ { print $2 }')
cat "$top/data/sipguide.colorfilters" "$global/colorfilters" > "$profile/colorfilters"
mkdir -p "$profile/profiles/coloring"
cp "$profile/colorfilters" "$profile/profiles/coloring/"
cat > "$profile/profiles/coloring/preferences" << 'EOF'
gui.column.format: "No.", "%m", "Code", "%Cus:sipguide.code", "Method", "%Cus:sipguide.method", "Category", "%Cus:sipguide.category", "Coloring rule", "%Cus:frame.coloring_rule.name", "Info", "%i"
EOF
cat > "$profile/profiles/coloring/recent" << EOF
gui.byte_view_show: FALSE
gui.geometry_main_upper_pane: $COLOR_PANE
column.width: "%m", "50", "%Cus:sipguide.code", "45", "%Cus:sipguide.method", "80", "%Cus:sipguide.category", "120", "%Cus:frame.coloring_rule.name", "330", "%i", "500"
EOF
chmod 755 "$work"
chmod -R a+rX "$work"
chmod -R a+rwX "$work/home" "$work/out"

# The inside part runs as another user when this runs as root: it reads this
# script, like every other file, from the work folder, never from the clone
# (which that user may not be able to read).
cp "$top/tools/gui-screenshot.sh" "$work/gui-screenshot.sh"
chmod 755 "$work/gui-screenshot.sh"
inside=(timeout -k 5 300 bash "$work/gui-screenshot.sh" --inside "$work")
(cd "$work" && "${unprivileged[@]}" env -u XAUTHORITY -u DISPLAY SIPGUIDE_GUI_FILTER="${SIPGUIDE_GUI_FILTER-}" \
    SIPGUIDE_PRELOAD="${SIPGUIDE_PRELOAD-}" \
    "${inside[@]}") || {
    echo "gui-screenshot: the GUI run failed; Wireshark said:" >&2
    cat "$work/out/wireshark.log" "$work/out/wireshark-coloring.log" "$work/out/wireshark-calls.log" \
        "$work"/out/sanitizer.* >&2 2> /dev/null || true
    exit 1
}

status=0
# The plugin row of About > Plugins: name, version, type ("dissector" up to
# 4.4, "Dissector" in 4.6), path.
if ! grep -Eq "^sipguide\.so[[:space:]]+[0-9]+\.[0-9]+\.[0-9]+[[:space:]]+[Dd]issector[[:space:]]+$work/plugins/.*sipguide\.so" \
        "$work/out/plugins-gui.txt"; then
    echo "gui-screenshot: About > Plugins does not list sipguide.so from the build; it copied:" >&2
    cat "$work/out/plugins-gui.txt" >&2
    status=1
fi
# The guide of the GUI against the guide of tshark, for the same frame.
reference=(-n -r "$work/$CAPTURE.pcap" -2 -Y "frame.number == $FRAME" -O sipguide)
run_tshark "${reference[@]}" | awk '/^SIP Response Guide/ { p = 1; print; next } /^[^ ]/ { p = 0 } p && NF' > "$work/out/guide-tshark.txt"
# Wireshark shows the lines of a few fields that repeat another line (the
# code and phrase of the title, the response time, the Reason's values), for
# a user picks a field from its line; tshark's text leaves them out.  Frame
# 14 (a 486 with a Reason) has all of them.
repeated='^ *\[(Status-Code|Registered reason phrase|Response time \(ms\)|Reason protocol|Reason cause|Reason text): '
awk 'NF' "$work/out/guide-gui.txt" | grep -Ev "$repeated" > "$work/out/guide-gui.cmp"
if [ "$(grep -Ec "$repeated" "$work/out/guide-gui.txt")" != 6 ]; then
    echo "gui-screenshot: the GUI's guide of frame $FRAME lacks some of the 6 lines that repeat another:" >&2
    grep -E "$repeated" "$work/out/guide-gui.txt" >&2
    status=1
fi
if [ ! -s "$work/out/guide-tshark.txt" ]; then
    echo "gui-screenshot: tshark shows no guide for frame $FRAME" >&2
    status=1
elif ! diff -u "$work/out/guide-tshark.txt" "$work/out/guide-gui.cmp" > "$work/out/guide.diff"; then
    echo "gui-screenshot: the GUI's guide of frame $FRAME differs from tshark's (- tshark -2, + GUI):" >&2
    cat "$work/out/guide.diff" >&2
    status=1
fi
# The profile's columns: the header and frame 14's guide columns.
read -r header < "$work/out/columns-gui.txt" || header=""
if [ "$header" != "$(cat "$work/out/columns")" ]; then
    echo "gui-screenshot: the packet list's columns are not the profile's: [$header], expected [$(cat "$work/out/columns")]" >&2
    status=1
elif ! grep -q "^\"$FRAME\",.*,\"486\",\"INVITE\",\"reachability\"," "$work/out/columns-gui.txt"; then
    echo "gui-screenshot: frame $FRAME has no 486, INVITE, reachability in the guide's columns:" >&2
    cat "$work/out/columns-gui.txt" >&2
    status=1
fi
# The profile's buttons, in order: the filter each one set.
i=0
while IFS=$'\t' read -r label expr; do
    i=$((i + 1))
    got=$(cat "$work/out/button-$i.txt" 2> /dev/null)
    if [ "$got" != "$expr" ]; then
        echo "gui-screenshot: filter button $i (\"$label\") set the filter [$got], not [$expr]" >&2
        status=1
    fi
done < "$work/out/buttons"
# The calls and registrations table of the GUI (its Copy text) against
# tshark's, row by row.
run_tshark -n -q -r "$work/$CALLS_CAPTURE.pcap" -z sipguide,calls > "$work/out/calls-tshark.txt"
if ! python3 "$work/gui-screen.py" compare "$work/out/calls-tshark.txt" "$work/out/calls-gui.txt" \
        > "$work/out/calls.diff"; then
    echo "gui-screenshot: the GUI's calls and registrations table differs from tshark -z sipguide,calls (- tshark, + GUI):" >&2
    cat "$work/out/calls.diff" >&2
    status=1
fi
for report in "$work"/out/sanitizer.*; do
    [ -e "$report" ] || continue
    echo "gui-screenshot: the sanitizer reported in Wireshark:" >&2
    cat "$report" >&2
    status=1
done
if grep -h -i "load plugin" "$work/out/wireshark.log" "$work/out/wireshark-coloring.log" \
        "$work/out/wireshark-calls.log" >&2; then
    echo "gui-screenshot: Wireshark complained about a plugin (above)" >&2
    status=1
fi

for pair in "guide.png:$guide_png" "plugins.png:$plugins_png" "coloring.png:$coloring_png" \
        "calls.png:$calls_png"; do
    mkdir -p "$(dirname "${pair#*:}")"
    cp "$work/out/${pair%%:*}" "${pair#*:}"
    echo "gui-screenshot: wrote ${pair#*:} ($(wc -c < "${pair#*:}") bytes)"
done
if [ $status = 0 ]; then
    echo "gui-screenshot: the GUI lists sipguide.so and shows the same guide of frame $FRAME as tshark ($(wc -l < "$work/out/guide-gui.cmp") lines)"
    echo "gui-screenshot: the profile \"$PROFILE\" shows its columns ($(cat "$work/out/columns")) and its $(cat "$work/out/buttons.count") filter buttons"
    echo "gui-screenshot: Statistics → Calls and registrations shows the same table as tshark -z sipguide,calls ($(cat "$work/out/calls.diff"))"
    while read -r row kind title; do
        echo "gui-screenshot:   Statistics row $row ($([ "$kind" = submenu ] && echo "a submenu, its first item" || echo "an item")) opens \"$title\""
    done < "$work/out/menu.txt"
fi
exit $status
