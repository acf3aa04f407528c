#!/usr/bin/env bash
# bad-data.sh
# Runs the catalog generator on a copy of data/ with one broken file added
# or swapped in, and checks that it fails with the expected messages.
#
#   bad-data.sh CATALOG_GEN SOURCE_DIR CASE
#
# tests/bad-data/CASE.txt is written into the copy under the name given on its
# first line ("# written as: codes/zz-bad.txt"), replacing a file of that
# name; tests/bad-data/CASE.expected holds the exact messages it must print.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -u
gen=$1
src=$2
case=$3

work=$(mktemp -d /tmp/sipguide-bad.XXXXXX)
trap 'rm -rf "$work"' EXIT

cp -r "$src/data" "$work/data"
target=$(sed -n '1s/^# written as: //p' "$src/tests/bad-data/$case.txt")
if [ -z "$target" ]; then
    echo "tests/bad-data/$case.txt must start with '# written as: FILE'" >&2
    exit 2
fi
cp "$src/tests/bad-data/$case.txt" "$work/data/$target"

cd "$work"
if "$gen" --data data --c "$work/out.c" 2> "$work/stderr"; then
    echo "catalog-gen accepted the broken data of $case" >&2
    exit 1
fi
if [ -e "$work/out.c" ]; then
    echo "catalog-gen wrote output although it failed" >&2
    exit 1
fi
if ! diff -u "$src/tests/bad-data/$case.expected" "$work/stderr"; then
    echo "catalog-gen did not print the expected messages (- expected, + got)" >&2
    exit 1
fi
echo "ok: rejected as expected"
