#!/usr/bin/env bash
# release.sh
# Makes the release packages of the version in CMakeLists.txt, after checking
# that it may be released:
#   1. the git tree is clean: no change, no untracked file;
#   2. CHANGELOG.md has a section "## VERSION" (not only "Unreleased"), with
#      at least one line in it;
#   3. the whole test suite passes in a fresh build folder (build-release),
#      with no test skipped (SIPGUIDE_NO_SKIP=1): run it as root, since the
#      live peers and the package installation test need root;
#   4. then it builds there the Debian package and the tarball, and prints
#      their names and SHA-256 sums.
#
#   tools/release.sh
#
# It tags nothing and publishes nothing; it says the tag to make.
#
# SPDX-License-Identifier: GPL-2.0-or-later

set -euo pipefail
cd "$(dirname "$0")/.."

die() {
    echo "release: $*" >&2
    exit 1
}

version=$(sed -n 's/^project([A-Za-z]* VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || die "no project(... VERSION x.y.z) in CMakeLists.txt"
echo "release: version $version"

# 1. A clean tree.
command -v git > /dev/null || die "git is missing"
git rev-parse --is-inside-work-tree > /dev/null 2>&1 || die "this is not a git work tree"
if [ -n "$(git status --porcelain)" ]; then
    git status --short >&2
    die "the tree is not clean (above): commit or remove every change first"
fi
echo "release: the tree is clean at $(git rev-parse --short HEAD)"

# 2. The changelog names the version, and says something under it.
section=$(awk -v v="$version" '
    /^## / { on = ($2 == v || $2 == "[" v "]") ; next }
    on && NF { n++ }
    END { print n + 0 }' CHANGELOG.md)
if ! grep -Eq "^## \[?${version//./\\.}\]?( |$)" CHANGELOG.md; then
    die "CHANGELOG.md has no section \"## $version\" (rename \"## Unreleased\" when releasing)"
fi
[ "$section" -gt 0 ] || die "the section \"## $version\" of CHANGELOG.md is empty"
echo "release: CHANGELOG.md has the section \"## $version\" ($section lines)"

# 3. The whole suite, in a fresh build, nothing skipped.
rm -rf build-release
cmake -S . -B build-release -DSIPGUIDE_WERROR=ON > /dev/null
cmake --build build-release --parallel
if ! SIPGUIDE_NO_SKIP=1 ctest --test-dir build-release --output-on-failure --parallel 2; then
    die "the test suite failed (a test that would have been skipped fails too: run as root)"
fi
echo "release: every test passed"

# 4. The packages.
cmake --build build-release --target package tarball
arch=$(dpkg --print-architecture)
deb="build-release/wireshark-plugin-sipguide_${version}_${arch}.deb"
tarball=$(find build-release -maxdepth 1 -name "sipguide-${version}-wireshark-*.tar.gz" | head -n 1)
[ -f "$deb" ] || die "no $deb"
[ -n "$tarball" ] || die "no tarball sipguide-${version}-wireshark-*.tar.gz in build-release"
echo
echo "release: $version is ready:"
sha256sum "$deb" "$tarball" | sed 's/^/    /'
echo "release: tag it with: git tag -a v$version -m \"SIP Response Guide $version\""
