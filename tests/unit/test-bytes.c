/* test-bytes.c
 * Unit tests of the byte scans that decide whether a label is written as
 * it is (sipguide_kept_in_label): printable ASCII and UTF-8 pass, control
 * characters, DEL, C1 controls and broken UTF-8 do not, wherever they
 * stand against the sixteen-byte pieces the scan reads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "sipguide-bytes.h"
#include "unit-check.h"

static gboolean
kept(const char *s, size_t len)
{
    return sipguide_kept_in_label((const guint8 *)s, len);
}

/* A text of n bytes of 'a' with 'insert' at 'at'; its length. */
static size_t
with_at(char *buf, size_t n, size_t at, const char *insert)
{
    size_t k = strlen(insert);

    memset(buf, 'a', n);
    memcpy(buf + at, insert, k);
    buf[n] = '\0';
    return n;
}

static void
test_fixed(void)
{
    static const char *plain[] = {
        "", "a", "Meaning: The callee's end system was reached.",
        "[Class: Client failure (4) \xe2\x80\x94 The request failed]",   /* em dash */
        "RFC 3261 \xc2\xa7" "21.4.24", "back\\slash ~ and {braces}", "\xf0\x9f\x93\x9e phone",
    };
    static const char *odd[] = {
        "tab\there", "line\nend", "bell\a", "del\x7f", "C1 \xc2\x85 next line",
        "lone \xff byte", "cut \xe2\x80", "continuation \x80 alone", "overlong \xc0\xaf",
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(plain); i++)
        CHECK(kept(plain[i], strlen(plain[i])), "\"%s\" not kept", plain[i]);
    for (i = 0; i < G_N_ELEMENTS(odd); i++)
        CHECK(!kept(odd[i], strlen(odd[i])), "odd text %u kept", i);
    /* Only len bytes are read: what follows them does not count. */
    CHECK(kept("plain\tafter", 5), "bytes after the length were read");
}

/* Every place against the pieces: texts of 1 to 40 bytes with one odd byte
 * or one good character at each place. */
static void
test_places(void)
{
    char buf[64];
    size_t n, at;

    for (n = 1; n <= 40; n++) {
        for (at = 0; at < n; at++) {
            CHECK(!kept(buf, with_at(buf, n, at, "\x01")), "control at %zu of %zu kept", at, n);
            CHECK(!kept(buf, with_at(buf, n, at, "\x7f")), "DEL at %zu of %zu kept", at, n);
            CHECK(!kept(buf, with_at(buf, n, at, "\xff")), "0xff at %zu of %zu kept", at, n);
            if (at + 2 <= n) {
                CHECK(kept(buf, with_at(buf, n, at, "\xc2\xa7")), "section sign at %zu of %zu "
                      "not kept", at, n);
                CHECK(!kept(buf, with_at(buf, n, at, "\xc2\x9f")), "C1 at %zu of %zu kept", at, n);
            } else {
                /* A character cut by the end of the text. */
                CHECK(!kept(buf, with_at(buf, n, at, "\xc2")), "cut character at %zu of %zu "
                      "kept", at, n);
            }
            if (at + 3 <= n) {
                /* A good character, then a control behind it in the same
                 * piece and in the overlapping last one. */
                with_at(buf, n, at, "\xe2\x80\x94");
                CHECK(kept(buf, n), "em dash at %zu of %zu not kept", at, n);
                if (at + 3 < n) {
                    buf[n - 1] = '\t';
                    CHECK(!kept(buf, n), "tab at the end after an em dash at %zu of %zu kept",
                          at, n);
                }
            }
        }
        memset(buf, 'a', n);
        CHECK(kept(buf, n), "%zu plain bytes not kept", n);
    }
}

int
main(void)
{
    test_fixed();
    test_places();
    return unit_check_result();
}
