#!/usr/bin/env bash
# fuzz.sh
# A bounded fuzz run: hostile and randomly damaged SIP traffic through
# tshark with the sanitized plugin; fails on any crash, hang, sanitizer
# report or Wireshark "dissector bug" from the plugin.
#
#   tools/fuzz.sh [--frames N] [--seed S] [--build DIR] [--jobs J] [--timeout SEC] [--keep DIR]
#
# --build DIR   a build made with -DSIPGUIDE_SANITIZE=ON (default build-sanitize,
#               configured if missing); the plugin is rebuilt first if out of date
# --frames N    fuzz at least N frames (default 10000); --frames 1000 is the short CI run
# --seed S      seed of the random edits and of editcap (default 1): the same
#               arguments give the same inputs
# --jobs J      tshark runs at a time (default: the number of CPUs)
# --timeout SEC longest one tshark run may take; longer is a hang (default 300)
# --keep DIR    keep the inputs and outputs in DIR (kept anyway on failure)
#
# Inputs: the crafted malformed responses of tools/fuzz_cases.py (with N/10
# random edits), then rounds of `editcap -E RATE -o OFFSET --seed` over every
# capture of tests/captures (and tests/real/captures) until N frames, each
# round merged into one file.  Every input runs through tshark five times,
# as the unprivileged user "nobody" (see run_tshark in tests/tshark-test.sh),
# with the sanitizer runtimes preloaded: -V; -T fields with every sipguide
# field; -Y 'sipguide.class >= 4' with the Info column preference on;
# -2 -Y sip -V; -q -z sipguide,tree.  A site hints table is loaded, so its
# matching runs too.  Wireshark's memory pools are switched to plain malloc
# (WIRESHARK_DEBUG_WMEM_OVERRIDE=simple): in its block allocator an overflow
# of packet-scope memory stays inside one block, where AddressSanitizer
# cannot see it.  "Dissector bug" lines of Wireshark's own dissectors are
# counted and shown, but only the plugin's fail the run.  On a failure the
# first reports are printed with the command that replays them.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$src/tools/lib.sh"

frames=10000
seed=1
build="build-sanitize"
jobs=$(nproc 2>/dev/null || echo 2)
run_timeout=300
keep=""

usage() {
    sed -n '7,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
    --frames) frames=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --timeout) run_timeout=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "fuzz: unknown argument $1" >&2; usage ;;
    esac
done
for n in "$frames" "$seed" "$jobs" "$run_timeout"; do
    case $n in ''|*[!0-9]*) echo "fuzz: '$n' is not a number" >&2; exit 2 ;; esac
done
case $build in /*) ;; *) build="$src/$build" ;; esac

# --- the sanitized build ---------------------------------------------------

if [ ! -f "$build/CMakeCache.txt" ]; then
    echo "fuzz: making the sanitized build in $build"
    cmake -S "$src" -B "$build" -DSIPGUIDE_SANITIZE=ON > /dev/null
fi
if ! grep -q '^SIPGUIDE_SANITIZE:BOOL=ON$' "$build/CMakeCache.txt" 2>/dev/null; then
    echo "fuzz: $build is not a sanitized build; make one with" >&2
    echo "  cmake -S . -B build-sanitize -DSIPGUIDE_SANITIZE=ON && cmake --build build-sanitize" >&2
    exit 2
fi
# Up to date with the sources (a no-op when it is).
cmake --build "$build" --target sipguide -j "$jobs" > "$build/fuzz-build.log" 2>&1 \
    || { cat "$build/fuzz-build.log" >&2; echo "fuzz: the sanitized build failed" >&2; exit 2; }
plugin=$(find "$build/plugins" -name sipguide.so 2>/dev/null | head -n 1)
if [ -z "$plugin" ]; then
    echo "fuzz: no plugins/*/epan/sipguide.so in $build" >&2
    exit 2
fi
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
preload=""
for lib in libasan.so libubsan.so; do
    path=$("${cc:-cc}" -print-file-name=$lib)
    if [ ! -e "$path" ]; then
        echo "fuzz: the compiler has no $lib" >&2
        exit 2
    fi
    preload=${preload:+$preload:}$path
done
for tool in tshark editcap mergecap capinfos python3 timeout; do
    command -v "$tool" > /dev/null || { echo "fuzz: $tool is missing (tools/install-deps.sh)" >&2; exit 2; }
done

# --- a private, world-readable work folder ----------------------------------

make_work sipguide-fuzz "$keep"
mkdir -p "$work/in" "$work/out" "$work/home/.config/wireshark" "$work/mut"
rm -rf "$work/plugins" "$work/in"/* "$work/out"/* "$work/mut"/*
cp -r "$build/plugins" "$work/plugins"
# Site hints that match on the reason phrase and Warning texts.
cat > "$work/home/.config/wireshark/sipguide_site_hints" <<'EOF'
"486","","busy","Fuzz: phrase mentions busy."
"486","INVITE","","Fuzz: any 486 to INVITE."
"488","","codec","Fuzz: a Warning mentions codec."
"503","","","Fuzz: any 503."
"401","REGISTER","","Fuzz: a REGISTER challenge."
EOF
chmod 755 "$work"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"

export LC_ALL=C.UTF-8 TZ=UTC

run_tshark() {
    local env_args=(HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins" LC_ALL=C.UTF-8 TZ=UTC
        LD_PRELOAD="$preload" WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc
        ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:handle_abort=1:allocator_may_return_null=1"
        UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    timeout -k 10 "$run_timeout" "${unprivileged[@]}" env "${env_args[@]}" tshark "$@"
}

count_frames() { capinfos -T -r -c "$1" | cut -f2; }

start=$(date +%s)

# --- inputs ------------------------------------------------------------------

random_edits=$((frames / 10))
[ "$random_edits" -ge 100 ] || random_edits=100
python3 "$src/tools/fuzz_cases.py" --out "$work/in" --random "$random_edits" --seed "$seed" \
    > "$work/cases.log"
total=$(awk '/^frames /{print $2}' "$work/cases.log")

seeds=()
for f in "$src"/tests/captures/*.pcap "$src"/tests/real/captures/*.pcap \
         "$work/in/crafted-status.pcap" "$work/in/crafted-tcp.pcap"; do
    [ -f "$f" ] && seeds+=("$f")
done
# Error rate and the bytes left alone at the start of each frame: 0 damages
# every layer, 42/54/62 only what follows the IPv4 UDP, IPv4 TCP and IPv6 UDP
# headers, so that the SIP text takes the damage.
variants=("0.001 42" "0.005 42" "0.02 42" "0.05 0" "0.002 54" "0.01 0" "0.1 42" "0.003 62"
          "0.0005 0" "0.03 54")
round=0
while [ "$round" -lt 2 ] || [ "$total" -lt "$frames" ]; do
    read -r rate offset <<< "${variants[$((round % ${#variants[@]}))]}"
    rm -f "$work/mut"/*
    i=0
    for f in "${seeds[@]}"; do
        editcap -E "$rate" -o "$offset" --seed $((seed * 100000 + round * 100 + i)) \
            "$f" "$work/mut/$i.pcap" 2> /dev/null
        i=$((i + 1))
    done
    out=$(printf '%s/in/editcap-%03d-E%s-o%s.pcapng' "$work" "$round" "$rate" "$offset")
    mergecap -a -F pcapng -w "$out" "$work/mut"/*.pcap
    total=$((total + $(count_frames "$out")))
    round=$((round + 1))
done
chmod -R a+rX "$work/in"
inputs=("$work"/in/*.pcap "$work"/in/*.pcapng)
echo "fuzz: ${#inputs[@]} inputs, $total frames ($(grep -c '^crafted' "$work/cases.log") crafted captures with $random_edits random edits, $round editcap rounds over ${#seeds[@]} captures), seed $seed"

# --- runs -----------------------------------------------------------------

fields=()
while read -r name; do
    fields+=(-e "$name")
done < <(run_tshark -G fields 2> /dev/null | awk -F'\t' '$1 == "F" && $3 ~ /^sipguide\./ { print $3 }')
if [ ${#fields[@]} -lt 10 ]; then
    echo "fuzz: tshark does not list the sipguide fields: is the plugin loaded?" >&2
    exit 1
fi

modes=(verbose fields filter twopass stats)
mode_args() {
    case $1 in
    verbose) echo "-V" ;;
    fields)  echo "-T fields -E occurrence=a ${fields[*]}" ;;
    filter)  echo "-Y sipguide.class>=4 -o sipguide.info_column:TRUE" ;;
    twopass) echo "-2 -Y sip -V" ;;
    stats)   echo "-q -z sipguide,tree" ;;
    esac
}

# One run: its exit status, stderr, the lines of stdout that tell of an
# exception inside the plugin ("[Malformed Packet: SIPGUIDE]", "[Dissector
# bug, protocol SIPGUIDE: ...]"), and in -V runs (flushed with -l) the last
# frame printed before the end.
run_one() {
    local input=$1 mode=$2 tag=$3
    set +e
    # shellcheck disable=SC2046
    run_tshark -n -l -r "$input" $(mode_args "$mode") 2> "$work/out/$tag.err" \
        | awk -v hits="$work/out/$tag.hits" -v lastf="$work/out/$tag.last" '
            /^Frame [0-9]+:/ { last = $2; sub(":", "", last) }
            /Malformed Packet: SIPGUIDE|Dissector bug, protocol SIPGUIDE/ { print > hits }
            END { if (last != "") print last > lastf }'
    echo "${PIPESTATUS[0]}" > "$work/out/$tag.rc"
}

runs=0
start_run() {
    local input=$1 mode=$2 tag
    tag="$(basename "$input").$mode"
    echo "$input" > "$work/out/$tag.input"
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
    run_one "$input" "$mode" "$tag" &
    runs=$((runs + 1))
}
for input in "${inputs[@]}"; do
    for mode in "${modes[@]}"; do
        start_run "$input" "$mode"
    done
done
wait

# --- verdict -----------------------------------------------------------------

failures=0
: > "$work/foreign.txt"
sanitizer='ERROR: AddressSanitizer|runtime error:|AddressSanitizer:DEADLYSIGNAL|ERROR: LeakSanitizer|UndefinedBehaviorSanitizer'
for rcfile in "$work"/out/*.rc; do
    tag=$(basename "$rcfile" .rc)
    rc=$(cat "$rcfile")
    err="$work/out/$tag.err"
    hits="$work/out/$tag.hits"
    input=$(cat "$work/out/$tag.input")
    mode=${tag##*.}
    why=()
    case $rc in
    0) ;;
    124|137) why+=("no answer within ${run_timeout}s (a hang)") ;;
    *) if [ "$rc" -ge 128 ]; then why+=("killed by signal $((rc - 128))"); else why+=("tshark exited $rc"); fi ;;
    esac
    if grep -a -q -E "$sanitizer" "$err"; then
        # The plugin's frames name its sources (plugin/*sipguide*.c) or sipguide.so.
        if grep -a -q -E '^ +#[0-9]+ .*(sipguide|/plugin/plugin\.c)' "$err"; then
            why+=("a sanitizer report with the plugin in its stack")
        else
            why+=("a sanitizer report without the plugin in its stack (Wireshark's own?)")
        fi
    elif grep -a -v -i 'dissector bug' "$err" | grep -a -q -i -E 'sipguide|SIP Response Guide'; then
        why+=("the plugin wrote to stderr")
    fi
    if grep -a -q -i -E 'dissector bug.*sipguide' "$err" || [ -s "$hits" ]; then
        why+=("a dissector bug or exception in the plugin")
    fi
    grep -a -i 'dissector bug' "$err" | grep -a -v -i sipguide \
        | sed -E 's/^.*Dissector bug, protocol ([^,]*), in packet [0-9]+: /\1: /' >> "$work/foreign.txt" || true
    [ ${#why[@]} -gt 0 ] || continue
    failures=$((failures + 1))
    echo "FAIL $(basename "$input") ($mode): ${why[*]}"
    [ "$failures" -le 3 ] || continue
    # The first failures in full: how to replay them and what was printed.
    echo "  input: $input"
    echo "  replay: $(printf '%q ' env WIRESHARK_PLUGIN_DIR="$work/plugins" LD_PRELOAD="$preload" \
        WIRESHARK_DEBUG_WMEM_OVERRIDE=simple tshark -n -l -r "$input")$(mode_args "$mode" | cut -c1-60)"
    if [ -s "$work/out/$tag.last" ]; then
        echo "  the last frame printed was $(cat "$work/out/$tag.last"): the next one failed"
    fi
    { grep -a -E "$sanitizer|^ +#[0-9]+ |SUMMARY|Dissector bug" "$err" || true; } | head -n 25 | sed 's/^/  | /'
    head -n 5 "$hits" 2> /dev/null | sed 's/^/  | /'
done
if [ "$failures" -gt 3 ]; then
    echo "fuzz: the first 3 failures are shown in full; the rest are in $work/out/*.err"
fi
if [ -s "$work/foreign.txt" ]; then
    echo "fuzz: $(wc -l < "$work/foreign.txt") dissector bug report(s) from Wireshark's own dissectors (not the plugin):"
    sort "$work/foreign.txt" | uniq -c | sort -rn | head -n 5 | cut -c1-160 | sed 's/^/  /'
fi

elapsed=$(( $(date +%s) - start ))
echo "fuzz: $total frames in ${#inputs[@]} inputs, $runs tshark runs ($((total * ${#modes[@]})) frame dissections), ${elapsed}s"
if [ "$failures" -gt 0 ]; then
    keep_work=yes
    echo "fuzz: inputs and outputs kept in $work"
    echo "fuzz runs: $((runs - failures)) passed, $failures failed"
    exit 1
fi
echo "fuzz: no crash, no hang, no sanitizer report, no dissector bug from the plugin"
echo "fuzz runs: $runs passed, 0 failed"
exit 0
