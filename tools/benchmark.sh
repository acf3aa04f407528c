#!/usr/bin/env bash
# benchmark.sh
# Measures what the plugin costs tshark, and the Wireshark GUI: instructions,
# run time and peak memory with and without it on large generated SIP
# captures of two loads, its start-up cost, and an estimate of the bytes it
# keeps per response and per transaction.  It prints figures; it is not a
# test and does not fail when a figure misses its target.
#
#   tools/benchmark.sh [--quick] [--load mixed|sip|both] [--modes LIST]
#                      [--frames N] [--pairs P] [--startup-pairs S]
#                      [--count-pairs C] [--count-frames F]
#                      [--gui-pairs G] [--gui-frames N] [--build DIR]
#
#   --quick            a quick look (about 3 min): --frames 20000 --pairs 2
#                      --startup-pairs 10 --count-pairs 1 --count-frames 2000
#                      --gui-pairs 2 --gui-frames 20000; options after it
#                      override it
#   --load L           the load(s) of tools/make-bench-capture.py to measure:
#                      mixed, sip (signalling only) or both (default both)
#   --modes LIST       tshark modes, comma-separated (default all:
#                      two-pass,full,same-fields,fields,idle)
#   --frames N         frames in each capture (default 200000)
#   --pairs P          A/B pairs per mode and load (default 3)
#   --startup-pairs S  A/B pairs for the start-up wall time (default 20)
#   --count-pairs C    A/B pairs for the start-up instruction count, with
#                      valgrind if it is installed (default 3; 0 skips it)
#   --count-frames F   frames of the capture on which each mode's instructions
#                      are counted with valgrind (default 10000; 0 skips it)
#   --gui-pairs G      A/B pairs of tools/benchmark-gui.sh, the GUI opening a
#                      capture of the sip load (default 7; 0 skips it)
#   --gui-frames N     frames of that capture (default 200000)
#   --build DIR        the build folder whose plugins/ holds the plugin
#                      (default: build at the top of the source tree)
#
# Run time with the defaults: about 20 minutes on 2 cores shared with other
# work (start-up 1, tshark modes 10, instruction counts 7, GUI 2); --quick
# about 3.
#
# It builds nothing: it takes the plugin from DIR/plugins.  tshark runs with
# WIRESHARK_PLUGIN_DIR set to a private copy of that folder (B, with the
# plugin) or to an empty folder (A, without), and a private empty HOME, so
# no other plugin is loaded on either side.  tshark ignores that variable
# when it runs as root, so as root it runs as the user "nobody".
#
# The captures come from tools/make-bench-capture.py: "mixed" (UDP and TCP,
# IPv4 and IPv6, every registered code and some others, several responses
# in some TCP segments, RTP) and "sip" (signalling only: interleaved UDP
# calls, INVITE, 100, 180, a final response, ACK; about 60 % of the frames
# are responses).  Five modes, each run A then B, P times, interleaved with
# the other modes and loads:
#   two-pass     -2 -Y sip, what the GUI does: a filtered first pass, then
#                a second pass; output to /dev/null
#   full         -V, output to /dev/null
#   same-fields  two runs that print the same lines on the sip load:
#                A: -Y 'sip.Status-Code >= 400' -T fields -e frame.number -e sip.Status-Code
#                B: -Y 'sipguide.class >= 4' -T fields -e frame.number -e sipguide.code
#   fields       A: -Y 'sip.Status-Code >= 400' -T fields -e sip.Status-Code
#                B: -Y 'sipguide.class >= 4' -T fields -e sipguide.code -e sipguide.hint
#   idle         the plain summary (tshark -r), where nothing asks for the guide
# Every run uses -n.  Wall time is measured around each run; peak memory
# (maximum resident set size) and CPU time (user + system) come from
# /usr/bin/time.  The table shows medians, their ratios B/A and the range of
# the per-pair wall-time ratios.  On a shared machine the CPU-time ratio is
# the steadier figure: it does not count the time tshark waits for a core.
#
# Start-up: tshark reading an empty capture, A then B; the difference is
# the plugin's start-up cost (loading the module, registering, building the
# catalog).  Wall time: the median of S per-pair differences, with their
# quartiles; on a busy or virtual machine its noise is far above 2 ms.  So,
# when valgrind is installed, the benchmark also counts the instructions
# tshark executes (cachegrind, no cache simulation), C pairs, and converts
# the difference of the medians to milliseconds at this machine's rate (the
# instructions of a run without the plugin over its least CPU time).
#
# Instructions per mode: wall and CPU time on a shared or virtual machine
# vary from run to run by more than the differences measured here, so each
# mode also runs once A and once B under valgrind (cachegrind, no cache
# simulation) on a capture of F frames of each load; the counts are
# repeatable, and their ratio B/A is the plugin's cost in work done.  "Per
# frame" takes off each variant's count on the empty capture (the start-up,
# which a large capture makes negligible).
#
# Bytes kept: the plugin does not report its table sizes, so this is an
# estimate from peak memory: the B-A difference in a mode that builds the
# tree (two-pass, full, fields) minus the B-A difference in idle mode
# (code, catalog, registrations), divided by the number of SIP responses,
# or of transactions (requests but ACK), in the capture.
#
# The GUI: tools/benchmark-gui.sh (see there) opens a capture of the sip
# load in Wireshark under Xvfb, A then B, and measures wall and CPU time
# until the packet list holds every frame, and peak memory; it needs
# wireshark-qt and xvfb and is left out, with a note, when they are missing.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail

usage() {
    sed -n '/^#   tools\/benchmark.sh/,/^#                      (default: build/p' "$0" | sed 's/^# \{0,1\}//'
}

all_modes=(two-pass full same-fields fields idle)
frames=200000
pairs=3
startup_pairs=20
count_pairs=3
count_frames=10000
gui_pairs=7
gui_frames=200000
load=both
mode_list=$(IFS=,; echo "${all_modes[*]}")
src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build"

while [ $# -gt 0 ]; do
    case "$1" in
    --quick)
        frames=20000 pairs=2 startup_pairs=10 count_pairs=1 count_frames=2000
        gui_pairs=2 gui_frames=20000
        shift ;;
    --load) load=${2:?--load needs mixed, sip or both}; shift 2 ;;
    --modes) mode_list=${2:?--modes needs a list}; shift 2 ;;
    --frames) frames=${2:?--frames needs a number}; shift 2 ;;
    --pairs) pairs=${2:?--pairs needs a number}; shift 2 ;;
    --startup-pairs) startup_pairs=${2:?--startup-pairs needs a number}; shift 2 ;;
    --count-pairs) count_pairs=${2:?--count-pairs needs a number}; shift 2 ;;
    --count-frames) count_frames=${2:?--count-frames needs a number}; shift 2 ;;
    --gui-pairs) gui_pairs=${2:?--gui-pairs needs a number}; shift 2 ;;
    --gui-frames) gui_frames=${2:?--gui-frames needs a number}; shift 2 ;;
    --build) build=${2:?--build needs a folder}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "benchmark: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
for n in "$frames" "$pairs" "$startup_pairs"; do
    if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ]; then
        echo "benchmark: $n is not a positive number" >&2
        exit 2
    fi
done
for n in "$count_pairs" "$count_frames" "$gui_pairs" "$gui_frames"; do
    if ! [[ "$n" =~ ^[0-9]+$ ]]; then
        echo "benchmark: $n is not a number (--count-pairs, --count-frames, --gui-pairs, --gui-frames)" >&2
        exit 2
    fi
done
case $load in
mixed | sip) loads=("$load") ;;
both) loads=(mixed sip) ;;
*) echo "benchmark: --load is mixed, sip or both" >&2; exit 2 ;;
esac
modes=()
IFS=, read -r -a wanted <<< "$mode_list"
for m in "${all_modes[@]}"; do
    for w in "${wanted[@]}"; do
        [ "$w" = "$m" ] && modes+=("$m") && break
    done
done
for w in "${wanted[@]}"; do
    case " ${all_modes[*]} " in
    *" $w "*) ;;
    *) echo "benchmark: unknown mode $w (modes: ${all_modes[*]})" >&2; exit 2 ;;
    esac
done
if [ ${#modes[@]} -eq 0 ]; then
    echo "benchmark: no mode chosen (modes: ${all_modes[*]})" >&2
    exit 2
fi
if [ "$((count_pairs + count_frames))" -gt 0 ] && ! command -v valgrind > /dev/null; then
    echo "benchmark: valgrind is not installed: no instruction counts (Debian package valgrind)" >&2
    count_pairs=0
    count_frames=0
fi

plugin_dir="$build/plugins"
if [ -z "$(find "$plugin_dir" -name sipguide.so 2>/dev/null | head -n 1)" ]; then
    echo "benchmark: no sipguide.so under $plugin_dir (build the plugin first: cmake -S . -B build && cmake --build build)" >&2
    exit 1
fi
for tool in tshark python3 /usr/bin/time; do
    if ! command -v "$tool" > /dev/null; then
        echo "benchmark: $tool is missing (Debian packages: tshark python3 time)" >&2
        exit 1
    fi
done
if [ "$(id -u)" = 0 ]; then
    command -v setpriv > /dev/null || { echo "benchmark: setpriv is missing (util-linux)" >&2; exit 1; }
fi
gui_note=""
if [ "$gui_pairs" -gt 0 ]; then
    for tool in wireshark Xvfb; do
        if ! command -v "$tool" > /dev/null; then
            gui_note="GUI: not measured: $tool is missing (Debian packages wireshark-qt xvfb)"
            gui_pairs=0
        fi
    done
    if [ "$gui_pairs" -gt 0 ] && [ "$gui_frames" -lt 3 ]; then
        echo "benchmark: --gui-frames must be at least 3" >&2
        exit 2
    fi
fi
# shellcheck source=tools/lib.sh
. "$src/tools/lib.sh"

export LC_ALL=C.UTF-8 TZ=UTC

started=$EPOCHREALTIME
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d /tmp/sipguide-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/home" "$work/out" "$work/res" "$work/plugins-without"
cp -r "$plugin_dir" "$work/plugins-with"
chmod 777 "$work/home" "$work/out"

empty="$work/empty.pcap"
python3 "$src/tools/make-bench-capture.py" --frames 0 "$empty" > /dev/null
for l in "${loads[@]}"; do
    echo "benchmark: writing a capture of $frames frames, $l load ..." >&2
    python3 "$src/tools/make-bench-capture.py" --mix "$l" --frames "$frames" "$work/$l.pcap" > "$work/$l.info"
    if [ "$count_frames" -gt 0 ]; then
        python3 "$src/tools/make-bench-capture.py" --mix "$l" --frames "$count_frames" "$work/$l.count.pcap" \
            > "$work/$l.count.info"
    fi
done
chmod -R a+rX "$work/plugins-with" "$work/plugins-without" "$work"/*.pcap

# A count from the generator's "key=value ..." line of INFO-FILE.
info() {
    tr ' ' '\n' < "$1" | awk -F= -v k="$2" '$1 == k { print $2 }'
}

# The command that starts tshark for VARIANT (with|without), into the array "cmd".
tshark_cmd() {
    local variant=$1
    cmd=("${unprivileged[@]}" env HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins-$variant"
         LC_ALL=C.UTF-8 TZ=UTC tshark)
}

# One timed run: VARIANT OUTPUT-FILE RESULT-FILE then tshark's arguments.
# Appends "wall-seconds max-rss-KiB cpu-seconds" to RESULT-FILE (cpu: user + system).
timed() {
    local variant=$1 output=$2 result=$3
    shift 3
    local t0 t1 rss user sys
    tshark_cmd "$variant"
    t0=$EPOCHREALTIME
    if ! /usr/bin/time -f '%M %U %S' -o "$work/time" "${cmd[@]}" "$@" > "$output" 2> "$work/stderr"; then
        echo "benchmark: tshark failed ($variant: tshark $*):" >&2
        cat "$work/stderr" "$work/time" >&2
        exit 1
    fi
    t1=$EPOCHREALTIME
    if [ -s "$work/stderr" ]; then
        echo "benchmark: tshark wrote to stderr ($variant: tshark $*):" >&2
        head -n 5 "$work/stderr" >&2
    fi
    read -r rss user sys < <(tail -n 1 "$work/time")
    awk -v a="$t0" -v b="$t1" -v m="$rss" -v u="$user" -v s="$sys" \
        'BEGIN { printf "%.6f %d %.2f\n", b - a, m, u + s }' >> "$result"
}

# The tshark arguments of MODE for VARIANT on the capture PCAP, into the
# array "args".
mode_args() {
    local mode=$1 variant=$2
    args=(-n -r "$3")
    case "$mode:$variant" in
    two-pass:*) args+=(-2 -Y sip) ;;
    full:*) args+=(-V) ;;
    same-fields:without) args+=(-Y 'sip.Status-Code >= 400' -T fields -e frame.number -e sip.Status-Code) ;;
    same-fields:with) args+=(-Y 'sipguide.class >= 4' -T fields -e frame.number -e sipguide.code) ;;
    fields:without) args+=(-Y 'sip.Status-Code >= 400' -T fields -e sip.Status-Code) ;;
    fields:with) args+=(-Y 'sipguide.class >= 4' -T fields -e sipguide.code -e sipguide.hint) ;;
    idle:* | empty:*) ;;
    esac
}

# Where the output of LOAD MODE VARIANT goes.
mode_output() {
    case $2 in
    same-fields | fields) echo "$work/out/$1.$2.$3" ;;
    *) echo /dev/null ;;
    esac
}

# Median of column COL (1-based) of FILE.
median() {
    awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
        { v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Min..max of the per-pair ratios B/A of column COL of two result files.
pair_ratios() {
    paste -d' ' "$1" "$2" | awk -v c="$3" -v n="$(head -n 1 "$1" | wc -w)" '
        { r = $(n + c) / $c; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r }
        END { printf "%.3f..%.3f", lo, hi }'
}

# Elapsed minutes since the start, for the progress lines.
minutes() {
    awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f min", (b - a) / 60 }'
}

# --- checks and warm-up ------------------------------------------------------

for variant in with without; do
    tshark_cmd "$variant"
    "${cmd[@]}" -G plugins > "$work/out/plugins.$variant" 2> /dev/null || true
done
plugin_line=$(grep -E '^sipguide\.so' "$work/out/plugins.with" | head -n 1 || true)
if [ -z "$plugin_line" ]; then
    echo "benchmark: tshark does not load the plugin from $plugin_dir" >&2
    exit 1
fi
if grep -q '^sipguide\.so' "$work/out/plugins.without"; then
    echo "benchmark: tshark loads the plugin even from an empty plugin folder" >&2
    exit 1
fi
plugin_version=$(awk '{ print $2 }' <<< "$plugin_line")

echo "benchmark: warm-up ..." >&2
for l in "${loads[@]}"; do
    for variant in without with; do
        mode_args idle "$variant" "$work/$l.pcap"
        timed "$variant" /dev/null "$work/res/warmup" "${args[@]}"
    done
done

# --- start-up ------------------------------------------------------------------

echo "benchmark: start-up, $startup_pairs pairs ..." >&2
for ((i = 1; i <= startup_pairs; i++)); do
    for variant in without with; do
        timed "$variant" /dev/null "$work/res/startup.$variant" -n -r "$empty"
    done
done

# Instructions tshark executes: VARIANT LOG then tshark's arguments.
counted() {
    local variant=$1 log=$2 n
    shift 2
    tshark_cmd "$variant"
    n=${#cmd[@]}
    if ! "${cmd[@]:0:n-1}" valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        tshark "$@" > /dev/null 2> "$log"; then
        echo "benchmark: valgrind failed (tshark $*):" >&2
        cat "$log" >&2
        exit 1
    fi
    awk '/I +refs:/ { gsub(",", "", $NF); print $NF }' "$log"
}

if [ "$count_pairs" -gt 0 ]; then
    echo "benchmark: start-up instruction count, $count_pairs pairs ..." >&2
    for ((i = 1; i <= count_pairs; i++)); do
        a=$(counted without "$work/valgrind.log" -n -r "$empty")
        b=$(counted with "$work/valgrind.log" -n -r "$empty")
        echo "$a $b" >> "$work/res/count"
    done
fi

# --- the modes -------------------------------------------------------------------

for ((i = 1; i <= pairs; i++)); do
    echo "benchmark: pair $i of $pairs ($(minutes)) ..." >&2
    for l in "${loads[@]}"; do
        for mode in "${modes[@]}"; do
            for variant in without with; do
                mode_args "$mode" "$variant" "$work/$l.pcap"
                timed "$variant" "$(mode_output "$l" "$mode" "$variant")" "$work/res/$l.$mode.$variant" "${args[@]}"
            done
        done
    done
done

# Instructions of each mode on the smaller captures, A and B side by side.
if [ "$count_frames" -gt 0 ]; then
    # "empty": the start-up, taken off the per-frame figure.
    jobs_list=("empty:empty")
    for l in "${loads[@]}"; do
        for mode in "${modes[@]}"; do
            jobs_list+=("$l:$mode")
        done
    done
    for job in "${jobs_list[@]}"; do
        l=${job%%:*}
        mode=${job#*:}
        if [ "$mode" = empty ]; then
            echo "benchmark: instruction count, empty capture ($(minutes)) ..." >&2
        else
            echo "benchmark: instruction count, $l load, $mode ($(minutes)) ..." >&2
        fi
        capture="$work/$l.count.pcap"
        [ "$mode" = empty ] && capture=$empty
        pids=()
        for variant in without with; do
            mode_args "$mode" "$variant" "$capture"
            counted "$variant" "$work/valgrind.$l.$mode.$variant.log" "${args[@]}" \
                > "$work/res/icount.$l.$mode.$variant" &
            pids+=($!)
        done
        wait "${pids[0]}" && wait "${pids[1]}" || exit 1
    done
fi

# --- the GUI ---------------------------------------------------------------------------

if [ "$gui_pairs" -gt 0 ]; then
    echo "benchmark: the GUI, $gui_pairs pairs ($(minutes)) ..." >&2
    if ! "$src/tools/benchmark-gui.sh" --frames "$gui_frames" --pairs "$gui_pairs" --mix sip \
            --build "$build" > "$work/gui.report" 2> "$work/gui.log"; then
        gui_note="GUI: the GUI benchmark failed: $(tail -n 5 "$work/gui.log")"
    fi
fi

# --- report ------------------------------------------------------------------------

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$cpu" ] || cpu=$(uname -m)

# Targets as documented (README, issues): time, peak memory, instructions per frame.
target() {
    case "$1:$2" in
    full:time) echo 1.08 ;;
    fields:time | idle:time) echo 1.03 ;;
    two-pass:rss) echo 1.03 ;;
    *:rss) echo 1.02 ;;
    two-pass:instr) echo 1.10 ;;
    full:instr) echo 1.15 ;;
    same-fields:instr | idle:instr) echo 1.03 ;;
    *) echo - ;;
    esac
}
le() {
    [ "$1" = - ] && echo - || echo "<=$1"
}

echo
echo "SIP Response Guide benchmark"
echo "machine:   $(nproc) cores, $cpu, $(uname -sr); load average $load_start at the start," \
     "$(cut -d' ' -f1-3 /proc/loadavg) at the end; $(minutes) in all"
echo "tshark:    $(tshark -v 2> /dev/null | head -n 1)"
echo "plugin:    sipguide.so $plugin_version, from $plugin_dir"
echo "runs:      $pairs pairs per mode and load, A = without the plugin, B = with it, A then B;" \
     "medians of wall time, peak RSS and CPU time"

for l in "${loads[@]}"; do
    inf="$work/$l.info"
    responses=$(info "$inf" responses)
    transactions=$(info "$inf" transactions)
    mb=$(awk -v b="$(stat -c %s "$work/$l.pcap")" 'BEGIN { printf "%.1f", b / 1e6 }')
    echo
    echo "== load $l: $(info "$inf" frames) frames ($mb MB), $responses SIP responses in" \
         "$(info "$inf" response_frames) frames, $transactions transactions (requests but ACK)," \
         "$(info "$inf" tcp_multi_frames) TCP segments with several responses"
    echo "   UDP $(info "$inf" udp_frames), TCP $(info "$inf" tcp_frames), IPv6 $(info "$inf" ipv6_frames)," \
         "RTP $(info "$inf" rtp_frames) frames; classes 1..6: $(info "$inf" class1) $(info "$inf" class2)" \
         "$(info "$inf" class3) $(info "$inf" class4) $(info "$inf" class5) $(info "$inf" class6)," \
         "invalid $(info "$inf" invalid)"
    echo
    printf '%-12s %8s %8s %6s %6s %12s  %9s %9s %6s %6s  %8s\n' \
        mode "A s" "B s" "B/A" target "pair B/A" "A RSS MB" "B RSS MB" "B/A" target "CPU B/A"
    declare -A rss_a=() rss_b=()
    for mode in "${modes[@]}"; do
        a="$work/res/$l.$mode.without"
        b="$work/res/$l.$mode.with"
        rss_a[$mode]=$(median "$a" 2)
        rss_b[$mode]=$(median "$b" 2)
        awk -v m="$mode" -v ta="$(median "$a" 1)" -v tb="$(median "$b" 1)" -v t="$(le "$(target "$mode" time)")" \
            -v pr="$(pair_ratios "$a" "$b" 1)" -v tr="$(le "$(target "$mode" rss)")" \
            -v ra="${rss_a[$mode]}" -v rb="${rss_b[$mode]}" -v ca="$(median "$a" 3)" -v cb="$(median "$b" 3)" 'BEGIN {
                printf "%-12s %8.3f %8.3f %6.3f %6s %12s  %9.1f %9.1f %6.3f %6s  %8.3f\n",
                    m, ta, tb, tb / ta, t, pr, ra / 1024, rb / 1024, rb / ra, tr, (ca > 0 ? cb / ca : 0)
            }'
    done

    if [ "$count_frames" -gt 0 ]; then
        count_responses=$(info "$work/$l.count.info" responses)
        echo
        echo "instructions (valgrind, one run per variant on $count_frames frames of the $l load," \
             "$count_responses responses; repeatable; \"per frame\" takes off each variant's count on the" \
             "empty capture, the start-up that a large capture makes negligible):"
        printf '  %-12s %14s %14s %8s %15s %6s %15s\n' mode A B B/A "per frame B/A" target "B-A/response"
        for mode in "${modes[@]}"; do
            awk -v m="$mode" -v a="$(cat "$work/res/icount.$l.$mode.without")" \
                -v b="$(cat "$work/res/icount.$l.$mode.with")" -v n="$count_responses" \
                -v t="$(le "$(target "$mode" instr)")" \
                -v ea="$(cat "$work/res/icount.empty.empty.without")" \
                -v eb="$(cat "$work/res/icount.empty.empty.with")" 'BEGIN {
                    printf "  %-12s %14.0f %14.0f %8.3f %15.3f %6s %15.0f\n",
                        m, a, b, b / a, (b - eb) / (a - ea), t, (n > 0 ? ((b - eb) - (a - ea)) / n : 0)
                }'
        done
    fi

    echo
    fa="$work/out/$l.same-fields.without"
    fb="$work/out/$l.same-fields.with"
    if [ -f "$fa" ]; then
        if cmp -s "$fa" "$fb"; then
            echo "same-fields output: A and B print the same $(wc -l < "$fa") lines"
        else
            diff "$fa" "$fb" > "$work/out/$l.same-fields.diff" || true
            echo "same-fields output: A $(wc -l < "$fa") lines, B $(wc -l < "$fb") lines;" \
                 "$(grep -c '^<' "$work/out/$l.same-fields.diff") only in A," \
                 "$(grep -c '^>' "$work/out/$l.same-fields.diff") only in B, the first:" \
                 "$(grep -m 1 '^[<>]' "$work/out/$l.same-fields.diff" | tr '\t' ' ')"
        fi
    fi
    fa="$work/out/$l.fields.without"
    fb="$work/out/$l.fields.with"
    if [ -f "$fa" ]; then
        echo "fields output: A $(wc -l < "$fa") lines (codes), B $(wc -l < "$fb") lines (codes and hints)"
    fi
    if [ -n "${rss_a[idle]:-}" ]; then
        idle_diff=$(( ${rss_b[idle]%.*} - ${rss_a[idle]%.*} ))
        for mode in two-pass full fields; do
            [ -n "${rss_a[$mode]:-}" ] || continue
            awk -v m="$mode" -v a="${rss_a[$mode]}" -v b="${rss_b[$mode]}" -v i="$idle_diff" \
                -v n="$responses" -v t="$transactions" 'BEGIN {
                d = (b - a) - i
                if (n > 0 && t > 0)
                    printf "bytes kept, estimate from %s mode: %.1f per response, %.1f per transaction" \
                           " ((peak RSS B-A %+d KiB) - (idle B-A %+d KiB)) / %d responses or %d transactions\n",
                           m, d * 1024 / n, d * 1024 / t, b - a, i, n, t
            }'
        done
    else
        echo "bytes kept: not estimated (needs the idle mode)"
    fi
done

echo
echo "== start-up"
# Columns of a result line: 1 wall, 2 RSS, 3 CPU; pasted A and B: B's wall is 4.
paste -d' ' "$work/res/startup.without" "$work/res/startup.with" | awk '{ print ($4 - $1) * 1000 }' \
    | sort -g > "$work/res/startup.diff"
min_a=$(sort -g -k1 "$work/res/startup.without" | head -n 1 | cut -d' ' -f1)
min_b=$(sort -g -k1 "$work/res/startup.with" | head -n 1 | cut -d' ' -f1)
min_cpu_a=$(sort -g -k3 "$work/res/startup.without" | head -n 1 | cut -d' ' -f3)
awk -v a="$(median "$work/res/startup.without" 1)" -v b="$(median "$work/res/startup.with" 1)" \
    -v n="$startup_pairs" -v ma="$min_a" -v mb="$min_b" '
    { d[NR] = $1 }
    END {
        med = (NR % 2) ? d[(NR + 1) / 2] : (d[NR / 2] + d[NR / 2 + 1]) / 2
        q1 = d[int((NR - 1) / 4) + 1]; q3 = d[NR - int((NR - 1) / 4)]
        printf "start-up, wall (empty capture, %d pairs): A %.1f ms, B %.1f ms (medians);" \
               " B-A %+.1f ms (median of pair differences, quartiles %+.1f..%+.1f ms);" \
               " fastest B - fastest A %+.1f ms\n", n, a * 1000, b * 1000, med, q1, q3, (mb - ma) * 1000
    }' "$work/res/startup.diff"
if [ -s "$work/res/count" ]; then
    # Milliseconds at this machine's rate: instructions of A over A's least CPU time.
    awk -v n="$count_pairs" -v ma="$(median "$work/res/count" 1)" -v mb="$(median "$work/res/count" 2)" \
        -v s="$min_cpu_a" -v la="$(sort -g -k1 "$work/res/count" | head -n 1 | cut -d' ' -f1)" \
        -v ha="$(sort -g -k1 "$work/res/count" | tail -n 1 | cut -d' ' -f1)" \
        -v lb="$(sort -g -k2 "$work/res/count" | head -n 1 | cut -d' ' -f2)" \
        -v hb="$(sort -g -k2 "$work/res/count" | tail -n 1 | cut -d' ' -f2)" 'BEGIN {
            printf "start-up, instructions (valgrind, %d pairs, medians): A %.0f (%.0f..%.0f), B %.0f (%.0f..%.0f);" \
                   " B-A %+.0f", n, ma, la, ha, mb, lb, hb, mb - ma
            if (s > 0) {
                rate = ma / s
                printf ", %+.2f ms at %.2f G instructions/s", (mb - ma) / rate * 1000, rate / 1e9
            }
            printf "; target < 2 ms\n"
        }'
else
    echo "start-up, instructions: not counted (needs valgrind); target < 2 ms"
fi
awk -v a="$(median "$work/res/startup.without" 2)" -v b="$(median "$work/res/startup.with" 2)" 'BEGIN {
    printf "start-up, peak RSS (medians): A %.0f KiB, B %.0f KiB, B-A %+.0f KiB\n", a, b, b - a
}'

if [ -s "$work/gui.report" ]; then
    echo
    echo "== the GUI (tools/benchmark-gui.sh)"
    sed -n '/^wireshark:/,$p' "$work/gui.report"
elif [ -n "$gui_note" ]; then
    echo
    echo "$gui_note"
fi
