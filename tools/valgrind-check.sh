#!/usr/bin/env bash
# valgrind-check.sh
# Runs tshark with the plugin under valgrind memcheck over every test
# capture and fails if any memcheck error has the plugin in its stack.
#
#   tools/valgrind-check.sh [--build DIR] [--jobs J] [--no-crafted] [--twopass]
#                           [--separate] [--track-origins] [--keep DIR]
#
# --build DIR      a normal (not sanitized) build (default build)
# --jobs J         valgrind runs at a time (default: the number of CPUs)
# --no-crafted     only tests/captures (and tests/real/captures), without the
#                  malformed responses of tools/fuzz_cases.py
# --twopass        read each capture a second time with -2 -Y sip -V
# --separate       one valgrind run per capture (slower; says which capture
#                  an error came from) instead of one run per job over the
#                  captures joined by mergecap
# --track-origins  say where an uninitialised value came from (slower)
# --keep DIR       keep the valgrind XML reports in DIR (kept anyway on failure)
#
# The captures are joined (mergecap -a, pcapng: each keeps its link type)
# into one file per job: tshark starts under memcheck in some seconds, which
# would otherwise be most of the run.  The joined files are read as they are,
# one capture after the other; a report names the captures of its file.
# Each file is read by tshark -V as the unprivileged user "nobody" (see
# run_tshark in tests/tshark-test.sh).
# Wireshark's memory pools are switched to plain malloc
# (WIRESHARK_DEBUG_WMEM_OVERRIDE=simple, G_SLICE=always-malloc) so that
# memcheck sees every allocation.  Invalid reads and writes, uses of
# uninitialised values, bad frees and definite leaks count when a frame of
# their stack (or of the allocation's stack) is in sipguide.so; Wireshark's
# own errors are counted and shown, but do not fail the check.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tools/lib.sh
. "$src/tools/lib.sh"

build="build"
jobs=$(nproc 2>/dev/null || echo 2)
crafted=yes
modes=(onepass)
track=no
keep=""
separate=no
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --no-crafted) crafted=""; shift ;;
    --twopass) modes=(onepass twopass); shift ;;
    --separate) separate=yes; shift ;;
    --track-origins) track=yes; shift ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '6,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    *) echo "valgrind-check: unknown argument $1" >&2; exit 2 ;;
    esac
done
case $build in /*) ;; *) build="$src/$build" ;; esac

if grep -q '^SIPGUIDE_SANITIZE:BOOL=ON$' "$build/CMakeCache.txt" 2>/dev/null; then
    echo "valgrind-check: $build is a sanitized build; valgrind needs a normal one (cmake -S . -B build)" >&2
    exit 2
fi
if [ -z "$(find "$build/plugins" -name sipguide.so 2>/dev/null)" ]; then
    echo "valgrind-check: no plugins/*/epan/sipguide.so in $build: build it first" >&2
    exit 2
fi
for tool in valgrind tshark mergecap python3; do
    command -v "$tool" > /dev/null || { echo "valgrind-check: $tool is missing (tools/install-deps.sh)" >&2; exit 2; }
done

make_work sipguide-valgrind "$keep"
rm -rf "$work/plugins" "$work/in" "$work/out"
mkdir -p "$work/in" "$work/out" "$work/home"
cp -r "$build/plugins" "$work/plugins"
for f in "$src"/tests/captures/*.pcap "$src"/tests/real/captures/*.pcap; do
    [ -f "$f" ] && cp "$f" "$work/in/"
done
if [ -n "$crafted" ]; then
    python3 "$src/tools/fuzz_cases.py" --out "$work/in" --random 200 --seed 1 > /dev/null
    rm -f "$work"/in/*.flow
fi
chmod 755 "$work"
chmod -R a+rX "$work"
chmod 777 "$work/home" "$work/out"

run_valgrind() {    # run_valgrind XML [tshark arguments]
    local xml=$1
    shift
    local env_args=(HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins" LC_ALL=C.UTF-8 TZ=UTC
                    WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc)
    local vg=(valgrind --tool=memcheck --xml=yes --xml-file="$xml" --num-callers=40 --keep-debuginfo=yes
              --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
              --track-origins="$track")
    "${unprivileged[@]}" env "${env_args[@]}" "${vg[@]}" tshark "$@"
}

run_one() {     # run_one CAPTURE MODE
    local pcap=$1 mode=$2 tag
    tag="$(basename "$pcap").$mode"
    set +e
    if [ "$mode" = twopass ]; then
        run_valgrind "$work/out/$tag.xml" -n -r "$pcap" -2 -Y sip -V > /dev/null 2> "$work/out/$tag.err"
    else
        run_valgrind "$work/out/$tag.xml" -n -r "$pcap" -V > /dev/null 2> "$work/out/$tag.err"
    fi
    echo $? > "$work/out/$tag.rc"
}

start=$(date +%s)
captures=("$work"/in/*.pcap)
inputs=("${captures[@]}")
if [ "$separate" = no ]; then
    # Round robin over the jobs, so that each joined file gets a share of
    # the large captures and the small ones.
    mkdir -p "$work/joined"
    parts=$jobs
    [ "$parts" -le "${#captures[@]}" ] || parts=${#captures[@]}
    inputs=()
    for ((p = 0; p < parts; p++)); do
        group=()
        for ((i = p; i < ${#captures[@]}; i += parts)); do
            group+=("${captures[i]}")
        done
        joined="$work/joined/part$((p + 1)).pcapng"
        mergecap -a -F pcapng -w "$joined" "${group[@]}"
        printf '%s\n' "${group[@]##*/}" > "$work/out/$(basename "$joined").captures"
        inputs+=("$joined")
    done
    chmod -R a+rX "$work/joined"
fi
for pcap in "${inputs[@]}"; do
    for mode in "${modes[@]}"; do
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
            wait -n || true
        done
        run_one "$pcap" "$mode" &
    done
done
wait
elapsed=$(( $(date +%s) - start ))

# Sort every memcheck error into ours (a frame in sipguide.so) and Wireshark's.
status=0
python3 - "$work/out" <<'EOF' || status=1
import glob, os, sys
import xml.etree.ElementTree as ET

out = sys.argv[1]

def joined(tag):
    # A joined file lists its captures beside the reports.
    path = os.path.join(out, tag.rsplit(".", 1)[0] + ".captures")
    if not os.path.exists(path):
        return ""
    names = open(path).read().split()
    return " (captures %s; --separate tells which)" % ", ".join(names)

ours, theirs, runs, bad = [], 0, 0, []
for path in sorted(glob.glob(os.path.join(out, "*.xml"))):
    runs += 1
    tag = os.path.basename(path)[:-4]
    rc = open(os.path.join(out, tag + ".rc")).read().strip()
    if rc != "0":
        bad.append("%s%s: tshark under valgrind exited %s" % (tag, joined(tag), rc))
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        bad.append("%s: unreadable valgrind report (%s)" % (tag, e))
        continue
    for err in root.iter("error"):
        frames = [(f.findtext("obj") or "", f.findtext("fn") or "?", f.findtext("file") or "",
                   f.findtext("line") or "") for st in err.iter("stack") for f in st.iter("frame")]
        if any("sipguide" in obj for obj, _, _, _ in frames):
            what = err.findtext("kind")
            text = err.findtext("what") or (err.find("xwhat").findtext("text") if err.find("xwhat") is not None else "")
            top = ["%s (%s%s)" % (fn, file or os.path.basename(obj), ":" + line if line else "")
                   for obj, fn, file, line in frames[:8]]
            ours.append("%s%s: %s: %s\n      %s" % (tag, joined(tag), what, text, "\n      ".join(top)))
        else:
            theirs += 1
for line in bad:
    print("valgrind-check: " + line)
for line in ours:
    print("valgrind-check: PLUGIN ERROR in " + line)
print("valgrind-check: %d runs, %d memcheck error(s) with the plugin in the stack, "
      "%d of Wireshark's own (not counted)" % (runs, len(ours), theirs))
sys.exit(1 if ours or bad else 0)
EOF
read_as="${#captures[@]} captures"
[ "$separate" = yes ] || read_as="$read_as joined into ${#inputs[@]} file(s)"
echo "valgrind-check: $read_as, ${#modes[@]} run(s) each, ${elapsed}s"
if [ "$status" != 0 ]; then
    keep_work=yes
    echo "valgrind-check: reports kept in $work/out"
    echo "valgrind-check: failed"
    exit 1
fi
echo "valgrind-check: no memcheck error in the plugin"
