/* test-headers.c
 * Unit tests of the header scan (plugin/sipguide-headers.c): every header
 * name the guide reads is found in any case, in its full and compact
 * forms, wherever it ends against the end of the message; names that
 * differ from one of them by a byte, a length or a prefix are not; the
 * CSeq method is found as Wireshark's SIP dissector finds it, odd bytes
 * before it included; Content-Length bounds a message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include <wireshark.h>

#include "sipguide-headers.h"
#include "unit-check.h"

typedef struct {
    const char *name;
    sipguide_hdr_t hdr;
} known_t;

static const known_t known[] = {
    { "Accept", SIPGUIDE_H_ACCEPT },
    { "Allow", SIPGUIDE_H_ALLOW },
    { "Authorization", SIPGUIDE_H_AUTHORIZATION },
    { "Call-ID", SIPGUIDE_H_CALL_ID },
    { "Contact", SIPGUIDE_H_CONTACT },
    { "Content-Encoding", SIPGUIDE_H_CONTENT_ENCODING },
    { "Content-Length", SIPGUIDE_H_CONTENT_LENGTH },
    { "Content-Type", SIPGUIDE_H_CONTENT_TYPE },
    { "CSeq", SIPGUIDE_H_CSEQ },
    { "Event", SIPGUIDE_H_EVENT },
    { "Expires", SIPGUIDE_H_EXPIRES },
    { "From", SIPGUIDE_H_FROM },
    { "Max-Forwards", SIPGUIDE_H_MAX_FORWARDS },
    { "Min-Expires", SIPGUIDE_H_MIN_EXPIRES },
    { "Min-SE", SIPGUIDE_H_MIN_SE },
    { "P-Charging-Vector", SIPGUIDE_H_P_CHARGING_VECTOR },
    { "Proxy-Authenticate", SIPGUIDE_H_PROXY_AUTHENTICATE },
    { "Proxy-Authorization", SIPGUIDE_H_PROXY_AUTHORIZATION },
    { "Reason", SIPGUIDE_H_REASON },
    { "Require", SIPGUIDE_H_REQUIRE },
    { "Response-Source", SIPGUIDE_H_RESPONSE_SOURCE },
    { "Retry-After", SIPGUIDE_H_RETRY_AFTER },
    { "RSeq", SIPGUIDE_H_RSEQ },
    { "Security-Server", SIPGUIDE_H_SECURITY_SERVER },
    { "Subscription-State", SIPGUIDE_H_SUBSCRIPTION_STATE },
    { "To", SIPGUIDE_H_TO },
    { "Unsupported", SIPGUIDE_H_UNSUPPORTED },
    { "Via", SIPGUIDE_H_VIA },
    { "Warning", SIPGUIDE_H_WARNING },
    { "WWW-Authenticate", SIPGUIDE_H_WWW_AUTHENTICATE },
};

/* Compact forms (RFC 3261 section 7.3.3, RFC 3265 for o). */
static const known_t compact[] = {
    { "c", SIPGUIDE_H_CONTENT_TYPE },
    { "e", SIPGUIDE_H_CONTENT_ENCODING },
    { "f", SIPGUIDE_H_FROM },
    { "i", SIPGUIDE_H_CALL_ID },
    { "l", SIPGUIDE_H_CONTENT_LENGTH },
    { "m", SIPGUIDE_H_CONTACT },
    { "o", SIPGUIDE_H_EVENT },
    { "t", SIPGUIDE_H_TO },
    { "v", SIPGUIDE_H_VIA },
};

#define START "SIP/2.0 200 OK\r\n"

static wmem_allocator_t *pool;

/* Scans START, then "name: value" and a blank line unless 'last' (the
 * message then ends right after the value, which may be empty), into a
 * buffer of exactly its length, so that a read past it is caught by the
 * sanitizers. */
static void
scan_one(const char *name, const char *value, gboolean last, sipguide_headers_t *h)
{
    GString *s = g_string_new(START);
    guint8 *exact;
    gsize len;

    g_string_append_printf(s, "%s: %s%s", name, value, last ? "" : "\r\n\r\n");
    len = s->len;
    exact = g_malloc(len);
    memcpy(exact, s->str, len);
    sipguide_headers_scan(exact, (gint)len, pool, h);
    g_free(exact);
    g_string_free(s, TRUE);
}

/* The header found on the only line, or -1 for none. */
static int
found(const sipguide_headers_t *h)
{
    return h->nlines == 1 ? (int)h->lines[0].hdr : -1;
}

static void
cased(char *out, const char *name, int how)
{
    gsize i;

    for (i = 0; name[i] != '\0'; i++) {
        char c = name[i];
        out[i] = how == 0 ? g_ascii_tolower(c) : how == 1 ? g_ascii_toupper(c)
                 : (i % 2 == 0 ? g_ascii_toupper(c) : g_ascii_tolower(c));
    }
    out[i] = '\0';
}

static void
test_names(void)
{
    sipguide_headers_t h;
    char name[64];
    guint i;
    int how;

    for (i = 0; i < G_N_ELEMENTS(known); i++) {
        for (how = 0; how < 3; how++) {
            cased(name, known[i].name, how);
            scan_one(name, "x", FALSE, &h);
            CHECK(found(&h) == (int)known[i].hdr, "%s: header %d, expected %d", name, found(&h),
                  known[i].hdr);
            CHECK(h.count[known[i].hdr] == 1 && h.first[known[i].hdr] == 0, "%s: counted", name);
            /* At the very end, with no value and no line end. */
            scan_one(name, "", TRUE, &h);
            CHECK(found(&h) == (int)known[i].hdr, "%s at the end: header %d", name, found(&h));
        }
    }
    for (i = 0; i < G_N_ELEMENTS(compact); i++) {
        for (how = 0; how < 2; how++) {
            cased(name, compact[i].name, how);
            scan_one(name, "x", FALSE, &h);
            CHECK(found(&h) == (int)compact[i].hdr, "compact %s: header %d", name, found(&h));
        }
    }
}

static void
test_not_names(void)
{
    static const char *others[] = {
        "Content-Typo", "Content-Lengths", "Content-Lengt", "Content-", "Contact-", "Contacts",
        "Call-IDs", "Call-I", "Proxy-Authenticat", "Proxy-Authorizatio", "Proxy-Authorizations",
        "Min-SEs", "Min-S", "Min-Expire", "Viaa", "Vi", "XVia", "Tox", "T0", "CSeq2", "RSeqs",
        "Supported", "User-Agent", "Session-Expires", "P-Asserted-Identity", "Record-Route",
        "Route", "Server", "Date", "Accept-Contact", "Accept-Encoding", "Subject", "s", "x", "a",
        "WWW-Authenticat", "Security-Client", "Security-Verify", "Reason-X", "Requires",
        "Warnings", "Event-", "Evens", "Allows", "Retry-Afters", "Response-Sourcee",
        "Subscription-Stat", "Unsupporte", "Authorizatio", "Expire", "From-", "Fro",
        "P-Charging-Vecto", "Max-Forward", "Content-Encodings",
    };
    sipguide_headers_t h;
    guint i;

    for (i = 0; i < G_N_ELEMENTS(others); i++) {
        scan_one(others[i], "x", FALSE, &h);
        CHECK(h.nlines == 0, "%s: taken for header %d", others[i], found(&h));
        scan_one(others[i], "", TRUE, &h);
        CHECK(h.nlines == 0, "%s at the end: taken for header %d", others[i], found(&h));
    }
    /* Letters and '-' only: a byte that lowers to a letter is no letter. */
    scan_one("Vi\x01", "x", FALSE, &h);
    CHECK(h.nlines == 0, "Vi\\x01 taken for a header");
    scan_one("To\x7f", "x", FALSE, &h);
    CHECK(h.nlines == 0, "To\\x7f taken for a header");
}

static void
check_cseq(const char *value, gboolean ok_expected, gint method_expected, gboolean seq_expected)
{
    gint method = -1;
    gboolean seq = FALSE;
    gboolean ok = sipguide_headers_cseq_method(pool, (const guint8 *)value, (gint)strlen(value),
                                               &method, &seq);

    CHECK(ok == ok_expected, "CSeq \"%s\": ok %d", value, ok);
    if (ok && ok_expected)
        CHECK(method == method_expected, "CSeq \"%s\": method at %d, expected %d", value, method,
              method_expected);
    CHECK(seq == seq_expected, "CSeq \"%s\": number followed %d", value, seq);
}

static void
test_cseq(void)
{
    sipguide_headers_t h;

    check_cseq("1 INVITE", TRUE, 2, TRUE);
    check_cseq("4711   BYE", TRUE, 7, TRUE);
    check_cseq("INVITE", TRUE, 0, TRUE);
    check_cseq("12", FALSE, 0, FALSE);
    check_cseq("1 ", FALSE, 0, TRUE);
    check_cseq("1 ABCDEFGHIJKLMNOP", TRUE, 2, TRUE);       /* 16 bytes: the longest */
    check_cseq("1 ABCDEFGHIJKLMNOPQ", FALSE, 0, TRUE);
    /* A method of odd bytes after ASCII is read in place. */
    check_cseq("1 INV\xff", TRUE, 2, TRUE);
    /* An invalid byte before the method walks as three (U+FFFD), counted
     * in bytes of the raw value: the method's offset moves by two. */
    check_cseq("1 \xff INVITE", TRUE, 6, TRUE);
    check_cseq("1\xff INVITE", TRUE, 5, TRUE);
    /* A valid two-byte character walks as its two bytes. */
    check_cseq("1 \xc3\xa9 INVITE", TRUE, 5, TRUE);

    scan_one("CSeq", "314 REGISTER", FALSE, &h);
    CHECK(h.cseq_method == 4 && h.cseq_seq, "CSeq line: method at %d", h.cseq_method);
}

static void
test_length(void)
{
    static const char msg[] = START "Content-Length: 3\r\n\r\nabcSIP/2.0 180 Ringing\r\n\r\n";
    static const char compact_msg[] = START "l: 2\r\n\r\nab" START "\r\n";
    static const char none[] = START "To: x\r\n\r\nabcdef";

    CHECK(sipguide_headers_message_length((const guint8 *)msg, (gint)strlen(msg))
          == (gint)(strlen(START) + strlen("Content-Length: 3\r\n\r\n") + 3), "Content-Length bounds");
    CHECK(sipguide_headers_message_length((const guint8 *)compact_msg, (gint)strlen(compact_msg))
          == (gint)(strlen(START) + strlen("l: 2\r\n\r\n") + 2), "l bounds");
    CHECK(sipguide_headers_message_length((const guint8 *)none, (gint)strlen(none)) == (gint)strlen(none),
          "no Content-Length: to the end");
}

int
main(void)
{
    pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    test_names();
    test_not_names();
    test_cseq();
    test_length();
    wmem_destroy_allocator(pool);
    return unit_check_result();
}
