#!/usr/bin/env bash
# benchmark-gui.sh
# Measures what the plugin costs the Wireshark GUI when it opens a large
# signalling capture: the time until the packet list holds every frame, the
# time of the colouring pass that follows, and peak memory, with the plugin
# and without it.  It prints figures; it is not a test and judges none.
#
#   tools/benchmark-gui.sh [--frames N] [--pairs P] [--startup-pairs S]
#                          [--count-frames C] [--mix sip|mixed] [--build DIR]
#
#   --frames N         frames in the capture (default 200000)
#   --pairs P          A/B pairs (default 7): A (without) then B (with) in odd
#                      pairs, B then A in even ones
#   --startup-pairs S  A/B pairs on a capture of the two marker frames alone,
#                      for start-up time and memory (default 3)
#   --count-frames C   frames of the capture whose first pass's instructions
#                      are counted (default 10000; 0: none)
#   --mix M            the load of tools/make-bench-capture.py (default sip)
#   --build DIR        the build folder whose plugins/ holds the plugin
#                      (default: build at the top of the source tree)
#
# Wireshark runs under Xvfb with WIRESHARK_PLUGIN_DIR set to a private copy
# of DIR/plugins (B) or to an empty folder (A), a throwaway HOME with
# default preferences (but for a 1280x1024 window and no interface or
# extcap scan at start-up, which would only add noise), and, as root, as
# the user "nobody" (Wireshark ignores WIRESHARK_PLUGIN_DIR for root).
#
# When is the capture loaded?  The capture comes from
# "make-bench-capture.py --markers": its first and last frames are marker
# datagrams to UDP port 9.  tools/benchmark-gui.lua, loaded into both
# variants with -X lua_script:, dissects only those two frames and reports
# through a FIFO; this script takes the time when it reads each report.
# Wireshark reads the file with its packet list frozen (empty), then fills
# the list with every frame, selects the first row and starts colouring the
# rows in idle time, from the first: so
#   read     from the first-pass dissection of frame 1 to the first
#            dissection of frame 1 after the last frame was read: the list
#            holds every frame;
#   open     the same end, from the start of the wireshark process
#            (Wireshark's own start-up included);
#   colour   from there to the second dissection of the last frame: the
#            colouring pass has reached the last row and Wireshark is idle.
# A run whose reports come in another order, or whose last marker is not
# frame N, stops the benchmark.  Peak memory is the process's VmHWM when
# the list is filled and when the colouring is done.  CPU time (user +
# system, all of Wireshark's threads, from /proc/PID/stat) is taken at the
# same moments: on a shared machine it is steadier than wall time, which
# counts the time Wireshark waits for a core.
#
# Instructions: the first pass alone, counted with valgrind (callgrind,
# no cache simulation) on a capture of C frames and on the two-frame one,
# A and B once each; Wireshark exits when the last marker is read
# (SIPGUIDE_BENCH_EXIT_AT_READ_END), and the per-frame figure takes off
# the two-frame count, the start-up.  Under valgrind the GUI repaints its
# progress and loads fonts on timers, so the whole count moves with how
# long the run takes (by some 15,000 instructions a frame between runs);
# the count inside epan_dissect_run_with_taps (every dissection of the
# pass with its taps and the post-dissectors, the plugin's whole work)
# does not.  Both are printed; B-A of the dissections, over A's whole
# first pass, is the estimate of what the plugin adds to it.
#
# Bytes kept per response and per transaction: (peak B-A on the capture)
# minus (peak B-A on the two-frame capture, the plugin's fixed cost),
# divided by the capture's SIP responses or transactions (requests but ACK).
#
# Needs the Debian packages wireshark-qt (with Lua, as Debian builds it),
# xvfb and python3.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail

GEOMETRY=1280x1024
RUN_TIMEOUT=900     # seconds one Wireshark run may take, start to idle
START_TIMEOUT=120   # seconds until Wireshark starts reading the file

# ---------------------------------------------------------------------------
# Inside: runs as the unprivileged user; $2 is the work folder (read only
# but for home/ and run/, where everything made here goes), $3 the number of
# pairs, $4 of start-up pairs.

if [ "${1:-}" = --inside ]; then
    work=$2
    pairs=$3
    startup_pairs=$4
    count_frames=$5
    out="$work/run"
    export HOME="$work/home" XDG_RUNTIME_DIR="$work/home/run" LC_ALL=C.UTF-8 TZ=UTC
    mkdir -p "$XDG_RUNTIME_DIR" "$out/extcap"
    chmod 700 "$XDG_RUNTIME_DIR"
    pids=()
    cleanup_inside() {
        local p
        for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
        sleep 0.5
        for p in "${pids[@]}"; do kill -KILL "$p" 2> /dev/null || true; done
        wait 2> /dev/null || true
    }
    trap cleanup_inside EXIT
    trap 'exit 1' TERM INT HUP
    die() { echo "benchmark-gui: $*" >&2; exit 1; }

    rm -f "$out/display"
    Xvfb -displayfd 3 -screen 0 "${GEOMETRY}x24" -nolisten tcp 3> "$out/display" \
        > "$out/xvfb.log" 2>&1 &
    pids+=($!)
    echo "${pids[-1]}" >> "$out/pids"
    for _ in $(seq 100); do [ -s "$out/display" ] && break; sleep 0.1; done
    [ -s "$out/display" ] || die "Xvfb did not start: $(cat "$out/xvfb.log")"
    DISPLAY=":$(head -n 1 "$out/display")"
    export DISPLAY

    mkfifo "$out/events"
    # Read-write: the open never waits for a writer, and Wireshark's opens
    # for writing never wait for a reader.
    exec 4<> "$out/events"

    # CPU seconds (user + system) that process PID has used so far.
    ticks=$(getconf CLK_TCK)
    cpu_seconds() {
        # The command name, field 2, is in parentheses and may hold spaces.
        sed 's/^.*) //' "/proc/$1/stat" | awk -v t="$ticks" '{ printf "%.2f\n", ($12 + $13) / t }'
    }

    # One run: VARIANT CAPTURE FRAMES RESULT-FILE.  Appends
    # "start read open colour hwm-listed hwm-coloured cpu-listed cpu-colour
    # cpu-read" (seconds, KiB).
    run() {
        local variant=$1 capture=$2 frames=$3 result=$4
        local t0 t event frame pid watcher start="" ended="" listed="" hwm_listed="" cpu_start="" cpu_listed="" line log
        log="$out/wireshark.$variant.log"
        t0=$EPOCHREALTIME
        WIRESHARK_PLUGIN_DIR="$work/plugins-$variant" WIRESHARK_EXTCAP_DIR="$out/extcap" \
            SIPGUIDE_BENCH_FIFO="$out/events" \
            wireshark -r "$capture" -X "lua_script:$work/benchmark-gui.lua" > "$log" 2>&1 &
        pid=$!
        pids+=("$pid")
        echo "$pid" >> "$out/pids"
        # A watcher reports through the FIFO too: that Wireshark ended, or
        # that a time limit passed.  The loop below then reads whole lines
        # without a timeout (a read that times out within a line loses it).
        # It opens the FIFO read-write, so that a report nobody reads any
        # more (this part has ended) never keeps it waiting.
        ( n=0
          while kill -0 "$pid" 2> /dev/null; do
              sleep 0.5
              n=$((n + 1))
              [ "$n" != $((2 * START_TIMEOUT)) ] || echo "start-limit 0" 1<> "$out/events"
              [ "$n" != $((2 * RUN_TIMEOUT)) ] || echo "run-limit 0" 1<> "$out/events"
          done
          echo "exited 0" 1<> "$out/events" ) > /dev/null 2>&1 4>&- &
        watcher=$!
        while read -r -u 4 event frame; do
            case $event in
            exited)
                die "Wireshark ended before the file was loaded ($variant, $capture); it said: $(head -c 2000 "$log")" ;;
            start-limit)
                [ -n "$start" ] \
                    || die "Wireshark did not start reading within $START_TIMEOUT s ($variant, $capture); it said: $(head -c 2000 "$log")"
                continue ;;
            run-limit)
                die "Wireshark did not load the file within $RUN_TIMEOUT s ($variant, $capture)" ;;
            esac
            t=$EPOCHREALTIME
            case $event in
            read-start)
                if [ -n "$start" ] || [ "$frame" != 1 ]; then
                    die "unexpected report: $event $frame"
                fi
                start=$t
                cpu_start=$(cpu_seconds "$pid") ;;
            read-end)
                if [ -z "$start" ] || [ -n "$ended" ] || [ "$frame" != "$frames" ]; then
                    die "unexpected report: $event $frame (the capture has $frames frames)"
                fi
                ended=$t ;;
            revisit-first)
                [ -n "$ended" ] || die "frame 1 dissected again before the last frame was read"
                if [ -z "$listed" ]; then
                    listed=$t
                    hwm_listed=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
                    cpu_listed=$(cpu_seconds "$pid")
                fi ;;
            revisit-last)
                [ -n "$listed" ] || die "the last frame dissected again before the list was filled"
                break ;;
            *) die "unexpected report: $event $frame" ;;
            esac
        done
        line=$(awk -v t0="$t0" -v s="$start" -v l="$listed" -v c="$t" -v hl="$hwm_listed" \
            -v hc="$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")" \
            -v cs="$cpu_start" -v cl="$cpu_listed" -v cc="$(cpu_seconds "$pid")" 'BEGIN {
                printf "%.6f %.6f %.6f %.6f %d %d %.2f %.2f %.2f\n",
                    s - t0, l - s, l - t0, c - l, hl, hc, cl, cc - cl, cl - cs
            }')
        echo "$line" >> "$result"
        kill "$watcher" 2> /dev/null || true
        wait "$watcher" 2> /dev/null || true
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        # Wireshark may have reported more rows before it was stopped (a
        # short capture is coloured more than once): drop those reports, or
        # the next run would read them as its own.
        while read -r -t 0.2 -u 4 _ _; do :; done
        unset 'pids[-1]'
        if grep -i "load plugin" "$log" >&2; then
            die "Wireshark complained about a plugin (above)"
        fi
    }

    # Warm-up: font and Qt caches of the new HOME, the file cache.
    run without "$work/tiny.pcap" 2 "$out/res.warmup"
    run with "$work/tiny.pcap" 2 "$out/res.warmup"
    for ((i = 1; i <= startup_pairs; i++)); do
        echo "benchmark-gui: start-up pair $i of $startup_pairs ..." >&2
        run without "$work/tiny.pcap" 2 "$out/res.tiny.without"
        run with "$work/tiny.pcap" 2 "$out/res.tiny.with"
    done
    frames=$(tr ' ' '\n' < "$work/capture.info" | awk -F= '$1 == "frames" { print $2 }')
    # A then B in odd pairs, B then A in even ones: a run that tends to be
    # slower for its place in the pair (the caches the other left) weighs on
    # both variants alike.
    for ((i = 1; i <= pairs; i++)); do
        echo "benchmark-gui: pair $i of $pairs ..." >&2
        order=(without with)
        (( i % 2 )) || order=(with without)
        for variant in "${order[@]}"; do
            run "$variant" "$work/gui.pcap" "$frames" "$out/res.$variant"
        done
    done

    # count VARIANT CAPTURE: the instructions of Wireshark until the last
    # marker of CAPTURE is read, and those inside epan_dissect_run_with_taps,
    # appended as a line "WHOLE DISSECTIONS" to $out/count.VARIANT.
    count() {
        local variant=$1 capture=$2 log="$out/valgrind.$1.log" cg="$out/callgrind.$1.out"
        local whole dissect
        rm -f "$cg"*
        WIRESHARK_PLUGIN_DIR="$work/plugins-$variant" WIRESHARK_EXTCAP_DIR="$out/extcap" \
            SIPGUIDE_BENCH_EXIT_AT_READ_END=1 \
            valgrind --tool=callgrind --callgrind-out-file="$cg" \
            wireshark -r "$capture" -X "lua_script:$work/benchmark-gui.lua" > "$log" 2>&1 || true
        whole=$(awk '/Collected/ { gsub(",", "", $NF); if ($NF + 0 > m) m = $NF + 0 } END { if (m) printf "%.0f\n", m; else exit 1 }' \
            "$log") || die "valgrind counted nothing ($variant, $capture): $(tail -c 2000 "$log")"
        # The inclusive count of the function, summed over the files of the
        # run (one per thread); 0 when no frame was dissected.
        dissect=$(for f in "$cg"*; do callgrind_annotate --inclusive=yes --threshold=100 "$f" 2> /dev/null; done \
            | awk '/epan_dissect_run_with_taps \[/ && !/=>/ { gsub(",", "", $1); s += $1 } END { printf "%.0f\n", s }')
        echo "$whole $dissect" >> "$out/count.$variant"
        rm -f "$cg"*
    }
    if [ "$count_frames" -gt 0 ]; then
        echo "benchmark-gui: counting the first pass's instructions (valgrind) ..." >&2
        for variant in without with; do
            count "$variant" "$work/count.pcap"
            count "$variant" "$work/tiny.pcap"
        done
    fi
    exit 0
fi

# ---------------------------------------------------------------------------
# Outside: options, files, the inside part, the report.

usage() {
    sed -n '/^#   tools\/benchmark-gui.sh/,/^#                      (default: build/p' "$0" | sed 's/^# \{0,1\}//'
}

frames=200000
pairs=7
startup_pairs=3
count_frames=10000
mix=sip
src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build"
while [ $# -gt 0 ]; do
    case "$1" in
    --frames) frames=${2:?--frames needs a number}; shift 2 ;;
    --pairs) pairs=${2:?--pairs needs a number}; shift 2 ;;
    --startup-pairs) startup_pairs=${2:?--startup-pairs needs a number}; shift 2 ;;
    --count-frames) count_frames=${2:?--count-frames needs a number}; shift 2 ;;
    --mix) mix=${2:?--mix needs sip or mixed}; shift 2 ;;
    --build) build=${2:?--build needs a folder}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "benchmark-gui: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
for n in "$frames" "$pairs" "$startup_pairs"; do
    if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ]; then
        echo "benchmark-gui: $n is not a positive number" >&2
        exit 2
    fi
done
if ! [[ "$count_frames" =~ ^[0-9]+$ ]] || { [ "$count_frames" -gt 0 ] && [ "$count_frames" -lt 3 ]; }; then
    echo "benchmark-gui: --count-frames is 0 or at least 3" >&2
    exit 2
fi
if [ "$count_frames" -gt 0 ] && ! command -v valgrind > /dev/null; then
    echo "benchmark-gui: valgrind is missing (Debian package valgrind); --count-frames 0 leaves the count out" >&2
    exit 1
fi
if [ "$frames" -lt 3 ]; then
    echo "benchmark-gui: --frames must be at least 3 (two of them are markers)" >&2
    exit 2
fi
case $mix in sip | mixed) ;; *) echo "benchmark-gui: --mix is sip or mixed" >&2; exit 2 ;; esac

plugin_dir="$build/plugins"
if [ -z "$(find "$plugin_dir" -name sipguide.so 2> /dev/null | head -n 1)" ]; then
    echo "benchmark-gui: no sipguide.so under $plugin_dir (build the plugin first: cmake -S . -B build && cmake --build build)" >&2
    exit 1
fi
for tool in wireshark Xvfb python3 tshark; do
    command -v "$tool" > /dev/null || {
        echo "benchmark-gui: $tool is missing (Debian packages: wireshark-qt xvfb python3 tshark)" >&2
        exit 1
    }
done
if ! wireshark -v 2> /dev/null | grep -q 'with Lua'; then
    echo "benchmark-gui: this Wireshark has no Lua, which the benchmark needs to see when a file is loaded" >&2
    exit 1
fi
# shellcheck source=tools/lib.sh
. "$src/tools/lib.sh"
if [ "$(id -u)" = 0 ]; then
    command -v setpriv > /dev/null || { echo "benchmark-gui: setpriv is missing (util-linux)" >&2; exit 1; }
fi

export LC_ALL=C.UTF-8 TZ=UTC
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d /tmp/sipguide-bench-gui.XXXXXX)
# The inside part stops what it started; this is for when it was killed.
cleanup() {
    local p left=()
    if [ -f "$work/run/pids" ]; then
        while read -r p; do kill "$p" 2> /dev/null && left+=("$p"); done < "$work/run/pids"
    fi
    if [ ${#left[@]} -gt 0 ]; then
        sleep 1
        for p in "${left[@]}"; do kill -KILL "$p" 2> /dev/null || true; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' TERM INT HUP

mkdir -p "$work/plugins-without" "$work/home/.config/wireshark" "$work/run"
cp -r "$plugin_dir" "$work/plugins-with"
cp "$src/tools/benchmark-gui.lua" "$work/"
echo "benchmark-gui: writing a capture of $frames frames ($mix load) ..." >&2
python3 "$src/tools/make-bench-capture.py" --mix "$mix" --markers --frames "$frames" "$work/gui.pcap" \
    > "$work/capture.info"
python3 "$src/tools/make-bench-capture.py" --mix "$mix" --markers --frames 2 "$work/tiny.pcap" > /dev/null
if [ "$count_frames" -gt 0 ]; then
    python3 "$src/tools/make-bench-capture.py" --mix "$mix" --markers --frames "$count_frames" \
        "$work/count.pcap" > "$work/count.info"
fi
profile="$work/home/.config/wireshark"
cat > "$profile/recent_common" << EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: ${GEOMETRY%x*}
gui.geometry_main_height: ${GEOMETRY#*x}
gui.geometry_main_maximized: FALSE
EOF
cat > "$profile/preferences" << 'EOF'
capture.no_interface_load: TRUE
capture.no_extcap: TRUE
EOF
chmod 755 "$work"
chmod -R a+rX "$work"
chmod -R a+rwX "$work/home" "$work/run"

plugin_version=$("${unprivileged[@]}" env HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins-with" \
    tshark -G plugins 2> /dev/null | awk '$1 == "sipguide.so" { print $2; exit }' || true)
if [ -z "$plugin_version" ]; then
    echo "benchmark-gui: Wireshark does not load the plugin from $plugin_dir" >&2
    exit 1
fi

"${unprivileged[@]}" env -u XAUTHORITY -u DISPLAY \
    timeout -k 5 $(( (2 * (pairs + startup_pairs + 1) + 4) * RUN_TIMEOUT )) \
    bash "$src/tools/benchmark-gui.sh" --inside "$work" "$pairs" "$startup_pairs" "$count_frames"

# --- report ------------------------------------------------------------------

info() {
    tr ' ' '\n' < "$work/capture.info" | awk -F= -v k="$1" '$1 == k { print $2 }'
}

# Median of column COL (1-based) of FILE.
median() {
    awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
        { v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Smallest value of column COL (1-based) of FILE.
fastest() {
    awk -v c="$2" 'NR == 1 || $c < m { m = $c } END { print m }' "$1"
}

# Min..max of the per-pair ratios B/A of column COL of two result files.
pair_ratios() {
    paste -d' ' "$1" "$2" | awk -v c="$3" -v n="$(head -n 1 "$1" | wc -w)" '
        { r = $(n + c) / $c; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r }
        END { printf "%.3f..%.3f", lo, hi }'
}

responses=$(info responses)
transactions=$(info transactions)
mb=$(awk -v b="$(stat -c %s "$work/gui.pcap")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo
echo "SIP Response Guide GUI benchmark"
echo "machine:   $(nproc) cores, load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "wireshark: $(wireshark -v 2> /dev/null | head -n 1 | sed 's/\.$//'), under Xvfb ${GEOMETRY}"
echo "plugin:    sipguide.so $plugin_version, from $plugin_dir"
echo "capture:   $(info frames) frames ($mb MB, $mix load, first and last frame markers), $responses SIP responses," \
     "$transactions transactions (requests but ACK)"
echo "runs:      $pairs pairs, A = without the plugin, B = with it, A first in odd pairs, B first in even ones;"
echo "           medians, and the fastest run of each (the one a shared machine disturbed least)"
echo
printf '  %-30s %9s %9s %7s %13s %9s %9s %7s\n' "" A B B/A "pair B/A" "A fast" "B fast" "B/A"
a="$work/run/res.without"
b="$work/run/res.with"
# Columns: 1 start-up, 2 read, 3 open, 4 colour, 5 VmHWM listed, 6 VmHWM
# coloured, 7 CPU to listed, 8 CPU of the colouring, 9 CPU of the read.
for spec in "3:open: start to listed, s" "2:read: frame 1 to listed, s" "4:colouring: listed to idle, s" \
            "7:CPU open, s" "9:CPU read, s" "8:CPU colouring, s" \
            "5:peak memory when listed, MB" "6:peak memory when idle, MB"; do
    col=${spec%%:*}
    name=${spec#*:}
    scale=1
    case $col in 5 | 6) scale=1024 ;; esac
    awk -v n="$name" -v ma="$(median "$a" "$col")" -v mb="$(median "$b" "$col")" -v s="$scale" \
        -v pr="$(pair_ratios "$a" "$b" "$col")" -v fa="$(fastest "$a" "$col")" -v fb="$(fastest "$b" "$col")" 'BEGIN {
            printf "  %-30s %9.3f %9.3f %7.3f %13s %9.3f %9.3f %7.3f\n", n, ma / s, mb / s, (ma > 0 ? mb / ma : 0), pr,
                   fa / s, fb / s, (fa > 0 ? fb / fa : 0)
        }'
done
ta="$work/run/res.tiny.without"
tb="$work/run/res.tiny.with"
awk -v a="$(median "$ta" 3)" -v b="$(median "$tb" 3)" -v ha="$(median "$ta" 6)" -v hb="$(median "$tb" 6)" \
    -v n="$startup_pairs" 'BEGIN {
        printf "  start-up (2-frame capture, %d pairs, start to listed): A %.3f s, B %.3f s, B-A %+.3f s;" \
               " peak memory A %.1f MB, B %.1f MB, B-A %+.0f KiB\n", n, a, b, b - a, ha / 1024, hb / 1024, hb - ha
    }'
fixed=$(awk -v a="$(median "$ta" 6)" -v b="$(median "$tb" 6)" 'BEGIN { print b - a }')
for spec in "5:listed" "6:idle"; do
    col=${spec%%:*}
    awk -v w="${spec#*:}" -v a="$(median "$a" "$col")" -v b="$(median "$b" "$col")" -v f="$fixed" \
        -v r="$responses" -v t="$transactions" 'BEGIN {
            d = (b - a) - f
            if (r > 0 && t > 0)
                printf "  bytes kept, estimate from peak memory when %s: %.1f per response, %.1f per transaction" \
                       " ((B-A %+d KiB) - (start-up B-A %+d KiB))\n", w, d * 1024 / r, d * 1024 / t, b - a, f
        }'
done
if [ "$count_frames" -gt 0 ]; then
    # Lines 1 (the capture) and 2 (the two-frame one) of each count file:
    # "WHOLE DISSECTIONS".
    read -r a ad < <(sed -n 1p "$work/run/count.without")
    read -r ae aed < <(sed -n 2p "$work/run/count.without")
    read -r b bd < <(sed -n 1p "$work/run/count.with")
    read -r be bed < <(sed -n 2p "$work/run/count.with")
    awk -v a="$a" -v ae="$ae" -v b="$b" -v be="$be" -v ad="$ad" -v aed="$aed" -v bd="$bd" -v bed="$bed" \
        -v n="$count_frames" 'BEGIN {
            printf "  instructions of the first pass (valgrind, %d frames, until the last is read): A %.0f, B %.0f;" \
                   " per frame, start-up taken off: A %.0f, B %.0f, B/A %.3f\n",
                   n, a, b, (a - ae) / n, (b - be) / n, (b - be) / (a - ae)
            da = (ad - aed) / n; db = (bd - bed) / n
            if (da > 0)
                printf "  of which its dissections (epan_dissect_run_with_taps), per frame: A %.0f, B %.0f, B-A %+.0f," \
                       " B/A %.3f; the whole first pass of A plus that B-A: %.3f of A\n",
                       da, db, db - da, db / da, ((a - ae) / n + db - da) / ((a - ae) / n)
        }'
fi
