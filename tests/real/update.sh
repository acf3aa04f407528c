#!/usr/bin/env bash
# update.sh
# Remakes the committed live captures and their golden files: runs each live
# case with --keep (a fresh capture replaces tests/real/captures/NAME.pcap),
# then writes tests/real/golden/NAME.fields and NAME.guide from it.
#
#   update.sh [--captures-only] PLUGIN_DIR SOURCE_DIR [NAME...]
#                                   (all cases without NAME)
#
# --captures-only remakes the captures (live.sh --capture-only: checked
# against the packets' truth, not the plugin) and leaves the golden files
# alone: for cases whose guide fields the plugin does not have yet.
#
# The usual way: cmake --build build --target real-captures
# Read every changed golden line before committing.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
mode=--keep
if [ "${1:-}" = --captures-only ]; then
    mode=--capture-only
    shift
fi
if [ $# -lt 2 ]; then
    echo "usage: update.sh [--captures-only] PLUGIN_DIR SOURCE_DIR [NAME...]" >&2
    exit 2
fi
plugin_dir=$1
src=$2
shift 2
real="$src/tests/real"

names=("$@")
if [ ${#names[@]} = 0 ]; then
    mapfile -t names < <(awk '!/^#/ && NF { print $1 }' "$real/cases.txt")
fi

failed=()
for name in "${names[@]}"; do
    echo "==== $name"
    if [ $mode = --capture-only ]; then
        "$real/live.sh" --capture-only "$plugin_dir" "$src" "$name" && continue
    elif "$real/live.sh" --keep "$plugin_dir" "$src" "$name" &&
        SIPGUIDE_UPDATE_GOLDEN=1 "$real/replay.sh" "$plugin_dir" "$src" "$name"; then
        continue
    fi
    failed+=("$name")
done

echo "$((${#names[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
if [ ${#failed[@]} != 0 ]; then
    echo "failed: ${failed[*]}" >&2
    exit 1
fi
