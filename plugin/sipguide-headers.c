/* sipguide-headers.c
 * Delimits one SIP message in its bytes as Wireshark's SIP dissector does:
 * a line ends at CR, LF or CRLF; a line that starts with a blank continues
 * the one before; a header's name is what precedes its first colon, its
 * value starts after the blanks that follow; the headers end at the first
 * empty line.  Every search is bounded by the length it is given.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <wireshark.h>
#include <epan/charsets.h>

#include "sipguide-bytes.h"
#include "sipguide-headers.h"
#include "sipguide-parse.h"

#define SIP2_VERSION "SIP/2.0"
#define SIP2_VERSION_LEN 7
/* The longest CSeq method the SIP dissector accepts; a longer one, or none,
 * ends its reading of the message. */
#define CSEQ_METHOD_MAX 16

static gboolean strict_version = TRUE;

void
sipguide_headers_set_strict_version(gboolean strict)
{
    strict_version = strict;
}

/* Full names by length, lower case (compared without case). */
typedef struct {
    const char *name;
    guint8      len;
    guint8      hdr;
} name_t;

static const name_t names[] = {
    { "to", 2, SIPGUIDE_H_TO },
    { "via", 3, SIPGUIDE_H_VIA },
    { "cseq", 4, SIPGUIDE_H_CSEQ },
    { "from", 4, SIPGUIDE_H_FROM },
    { "rseq", 4, SIPGUIDE_H_RSEQ },
    { "allow", 5, SIPGUIDE_H_ALLOW },
    { "event", 5, SIPGUIDE_H_EVENT },
    { "accept", 6, SIPGUIDE_H_ACCEPT },
    { "min-se", 6, SIPGUIDE_H_MIN_SE },
    { "reason", 6, SIPGUIDE_H_REASON },
    { "call-id", 7, SIPGUIDE_H_CALL_ID },
    { "contact", 7, SIPGUIDE_H_CONTACT },
    { "expires", 7, SIPGUIDE_H_EXPIRES },
    { "require", 7, SIPGUIDE_H_REQUIRE },
    { "warning", 7, SIPGUIDE_H_WARNING },
    { "min-expires", 11, SIPGUIDE_H_MIN_EXPIRES },
    { "retry-after", 11, SIPGUIDE_H_RETRY_AFTER },
    { "unsupported", 11, SIPGUIDE_H_UNSUPPORTED },
    { "content-type", 12, SIPGUIDE_H_CONTENT_TYPE },
    { "max-forwards", 12, SIPGUIDE_H_MAX_FORWARDS },
    { "authorization", 13, SIPGUIDE_H_AUTHORIZATION },
    { "content-length", 14, SIPGUIDE_H_CONTENT_LENGTH },
    { "response-source", 15, SIPGUIDE_H_RESPONSE_SOURCE },
    { "security-server", 15, SIPGUIDE_H_SECURITY_SERVER },
    { "content-encoding", 16, SIPGUIDE_H_CONTENT_ENCODING },
    { "www-authenticate", 16, SIPGUIDE_H_WWW_AUTHENTICATE },
    { "p-charging-vector", 17, SIPGUIDE_H_P_CHARGING_VECTOR },
    { "proxy-authenticate", 18, SIPGUIDE_H_PROXY_AUTHENTICATE },
    { "subscription-state", 18, SIPGUIDE_H_SUBSCRIPTION_STATE },
    { "proxy-authorization", 19, SIPGUIDE_H_PROXY_AUTHORIZATION },
};
#define NAME_MAX_LEN 19

/* Each name in words of eight bytes, zero after its end, to compare a
 * word at a time. */
#define NAME_WORDS ((NAME_MAX_LEN + 7) / 8)
static guint64 name_words[G_N_ELEMENTS(names)][NAME_WORDS];

/* Bit 0x20 of every byte: set, it lowers a letter and keeps '-'. */
#define LOWER_BITS G_GUINT64_CONSTANT(0x2020202020202020)

/* For each name length, the bytes of a name in its words (all bits of a
 * byte before the end, none after); filled once. */
static guint64 len_mask[NAME_MAX_LEN + 1][NAME_WORDS];

/* A name's place in a table of 64: its first word (lowered, cut at its
 * end) plus its length, multiplied by an odd constant, the top six bits.
 * No two of the names above share a place (the table is checked when it
 * is filled), so a name has one candidate to compare with. */
#define NAME_MULT G_GUINT64_CONSTANT(0x4aa279760fab53e5)
#define NAME_PLACE(word0, len) ((guint)((((word0) + (guint64)(len)) * NAME_MULT) >> 58))
static guint8 by_place[64];     /* 1 + the index in names[], 0 for none */
static gboolean names_indexed;

static void
index_names(void)
{
    guint i, len;

    for (i = 0; i < G_N_ELEMENTS(names); i++)
        memcpy(name_words[i], names[i].name, names[i].len);
    for (len = 0; len <= NAME_MAX_LEN; len++) {
        guint8 bytes[NAME_WORDS * 8] = { 0 };
        memset(bytes, 0xff, len);
        memcpy(len_mask[len], bytes, sizeof(bytes));
    }
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        guint place = NAME_PLACE(GUINT64_FROM_LE(name_words[i][0]), names[i].len);

        if (by_place[place] != 0)
            g_error("sipguide: the header names %s and %s share a place", names[i].name,
                    names[by_place[place] - 1].name);
        by_place[place] = (guint8)(i + 1);
    }
    names_indexed = TRUE;
}

/* Word k of the name p[0, len), lowered and cut at the name's end, in
 * memory order as name_words[] holds them; 'avail' bytes may be read from
 * p.  Names hold only letters and '-', so setting bit 0x20 of each byte
 * lowers a letter, keeps '-', and makes no other byte of a name (CR, which
 * would give '-', ends a name before it gets here). */
static inline guint64
name_word(const guint8 *p, gint len, gint avail, guint k)
{
    guint64 w = 0;
    gint at = 8 * (gint)k;

    if (avail - at >= 8)
        memcpy(&w, p + at, 8);
    else
        memcpy(&w, p + at, (size_t)MIN(8, len - at));
    return (w | LOWER_BITS) & len_mask[len][k];
}

/* The header of full name p[0, len), or -1 for one the guide does not
 * read; 'avail' bytes may be read from p.  Its first word and length give
 * the one name it may be, compared a word at a time. */
static inline int
full_name(const guint8 *p, gint len, gint avail)
{
    guint64 w;
    guint i, k, nwords;

    if (len < 2 || len > NAME_MAX_LEN)
        return -1;
    w = name_word(p, len, avail, 0);
    i = by_place[NAME_PLACE(GUINT64_FROM_LE(w), len)];
    if (i == 0 || names[--i].len != len || w != name_words[i][0])
        return -1;
    nwords = ((guint)len + 7) / 8;
    for (k = 1; k < nwords; k++) {
        if (name_word(p, len, avail, k) != name_words[i][k])
            return -1;
    }
    return names[i].hdr;
}

/* The header of a compact form (RFC 3261 §7.3.3 and its extensions). */
static int
compact_name(guint8 c)
{
    switch (sipguide_ascii_lower(c)) {
    case 'c': return SIPGUIDE_H_CONTENT_TYPE;
    case 'e': return SIPGUIDE_H_CONTENT_ENCODING;
    case 'f': return SIPGUIDE_H_FROM;
    case 'i': return SIPGUIDE_H_CALL_ID;
    case 'l': return SIPGUIDE_H_CONTENT_LENGTH;
    case 'm': return SIPGUIDE_H_CONTACT;
    case 'o': return SIPGUIDE_H_EVENT;
    case 't': return SIPGUIDE_H_TO;
    case 'v': return SIPGUIDE_H_VIA;
    default: return -1;
    }
}

/* The header of the name p[0, len) before a colon.  As in Wireshark, a
 * compact form is the whole name, and a full name ends at a NUL byte. */
static inline int
header_of(const guint8 *p, gint len, gint avail, gboolean may_have_nul)
{
    const guint8 *nul;

    if (len == 1)
        return compact_name(p[0]);
    if (may_have_nul && (nul = (const guint8 *)memchr(p, '\0', (size_t)len)) != NULL)
        len = (gint)(nul - p);
    return full_name(p, len, avail);
}

/* A line's end, and a header name's end or mark. */
static const sipguide_byteset_t LINE_END = { { '\r', '\n', '\r', '\n', '\r', '\n' } };
static const sipguide_byteset_t NAME_STOP = { { ':', '\r', '\n', '\0', '\0', '\0' } };

/* The first CR or LF in [q, e), or NULL. */
static inline const guint8 *
find_eol(const guint8 *q, const guint8 *e)
{
    return sipguide_find_first_of(q, e, &LINE_END);
}

/* The end of the line that starts at 'from' (before its CR, LF or CRLF);
 * *next is where the following line starts. */
static inline gint
line_end(const guint8 *p, gint from, gint len, gint *next)
{
    const guint8 *e = p + len;
    const guint8 *eol = find_eol(p + from, e);

    if (eol == NULL) {
        *next = len;
        return len;
    }
    *next = (gint)(eol - p) + (*eol == '\r' && eol + 1 < e && eol[1] == '\n' ? 2 : 1);
    return (gint)(eol - p);
}

static gboolean
is_wsp(guint8 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Request-Line or Status-Line (RFC 3261 §7.1, §7.2).  As in Wireshark,
 * the spaces between the tokens are looked for to the end of the data. */
static void
start_line(const guint8 *p, gint len, sipguide_headers_t *h)
{
    const guint8 *s1, *s2, *colon;
    gint t1_len, t2, t2_len, t3, t3_len;
    gboolean version;

    h->kind = SIPGUIDE_START_OTHER;
    s1 = (const guint8 *)memchr(p, ' ', (size_t)len);
    if (s1 == NULL || s1 == p)
        return;
    t1_len = (gint)(s1 - p);
    t2 = t1_len + 1;
    s2 = (const guint8 *)memchr(p + t2, ' ', (size_t)(len - t2));
    if (s2 == NULL)
        return;
    t2_len = (gint)(s2 - p) - t2;
    t3 = (gint)(s2 - p) + 1;
    t3_len = h->start_len - t3;

    version = strict_version
              ? t1_len == SIP2_VERSION_LEN && memcmp(p, SIP2_VERSION, SIP2_VERSION_LEN) == 0
              : t1_len >= 4 && g_ascii_strncasecmp((const char *)p, "SIP/", 4) == 0;
    if (version) {
        if (t2_len != 3 || !g_ascii_isdigit(p[t2]) || !g_ascii_isdigit(p[t2 + 1])
            || !g_ascii_isdigit(p[t2 + 2]))
            return;
        h->kind = SIPGUIDE_START_STATUS;
        h->code = (guint32)((p[t2] - '0') * 100 + (p[t2 + 1] - '0') * 10 + (p[t2 + 2] - '0'));
        return;
    }
    if (t2_len < 3)
        return;
    colon = (const guint8 *)memchr(p + t2 + 1, ':', (size_t)(len - t2 - 1));
    if (colon == NULL || colon - p >= t3)
        return;
    if (strict_version ? t3_len != SIP2_VERSION_LEN || memcmp(p + t3, SIP2_VERSION, SIP2_VERSION_LEN) != 0
                       : t3_len < 4 || g_ascii_strncasecmp((const char *)p + t3, "SIP/", 4) != 0)
        return;
    h->kind = SIPGUIDE_START_REQUEST;
    h->method_len = t1_len;
}

/* The dissector's walk of a CSeq value s[0, slen) over 'len' bytes: its
 * digits (their count in *digits), then to its first letter, where it
 * returns; with 'ascii' it stops at a byte above 0x7f too. */
static inline gint
cseq_walk(const guint8 *s, gsize slen, gint len, gboolean ascii, gint *digits)
{
    gint i;

#define CH(k) ((gsize)(k) < slen ? s[k] : 0)
    for (i = 0; i < len && g_ascii_isdigit(CH(i)); i++)
        ;
    *digits = i;
    while (i < len && !g_ascii_isalpha(CH(i)) && !(ascii && CH(i) >= 0x80))
        i++;
#undef CH
    return i;
}

gboolean
sipguide_headers_cseq_method(wmem_allocator_t *scope, const guint8 *v, gint len, gint *method, gboolean *seq)
{
    const guint8 *s = v;
    gint i, digits;
    gboolean ok;

    /* The dissector walks the value as a UTF-8 string (an invalid byte
     * becomes three), yet counts in bytes of the raw value.  While the
     * bytes it walks are ASCII, as they are in all but odd values, the raw
     * value is that string. */
    i = cseq_walk(v, (gsize)len, len, TRUE, &digits);
    if (i < len && v[i] >= 0x80) {
        s = get_utf_8_string(scope, v, len);
        i = cseq_walk(s, strlen((const char *)s), len, FALSE, &digits);
    }
    if (seq != NULL)
        *seq = digits < len;
    ok = i < len && len - i <= CSEQ_METHOD_MAX;
    if (s != v)
        wmem_free(scope, (void *)s);
    if (ok && method != NULL)
        *method = i;
    return ok;
}

/* Content-Length as Wireshark takes it: the whole value a plain number,
 * 0 when it is not; -1 (no limit) when it is too large. */
static gint
content_length(const guint8 *v, gint len)
{
    guint64 n = 0;
    gint i = 0;

    while (i < len && (g_ascii_isspace(v[i])))
        i++;
    if (i == len || !g_ascii_isdigit(v[i]))
        return 0;
    for (; i < len && g_ascii_isdigit(v[i]); i++) {
        if (n > G_MAXUINT32)
            continue;
        n = n * 10 + (guint64)(v[i] - '0');
    }
    if (i < len)
        return 0;
    /* Wireshark keeps it in a signed int: from 2^31 on it allows no body,
     * and the largest values wrap to -1. */
    if (n >= G_MAXUINT32)
        return -1;
    return n > G_MAXINT32 ? 0 : (gint)n;
}

gint
sipguide_headers_message_length(const guint8 *p, gint len)
{
    gint offset, next, end, clen = -1;

    if (p == NULL || len <= 0)
        return 0;
    if (!names_indexed)
        index_names();
    line_end(p, 0, len, &offset);
    while (offset < len) {
        const guint8 *colon;

        end = line_end(p, offset, len, &next);
        if (end == offset) {
            /* The blank line: the body follows. */
            gint rest = len - next;
            return next + (clen >= 0 && clen < rest ? clen : rest);
        }
        while (next < len && (p[next] == ' ' || p[next] == '\t'))
            end = line_end(p, next, len, &next);      /* a folded line */
        colon = (const guint8 *)memchr(p + offset, ':', (size_t)(end - offset));
        if (colon != NULL
            && header_of(p + offset, (gint)(colon - p) - offset, len - offset, TRUE) == SIPGUIDE_H_CONTENT_LENGTH)
            clen = content_length(colon + 1, end - (gint)(colon - p) - 1);
        offset = next;
    }
    return len;
}

/* Keep one more line, in room that grows when the inline room is full. */
static sipguide_hline_t *
new_line(sipguide_headers_t *h, wmem_allocator_t *scope, guint *cap)
{
    if (h->nlines == *cap) {
        guint more = *cap * 2;
        sipguide_hline_t *lines = wmem_alloc_array(scope, sipguide_hline_t, more);
        memcpy(lines, h->lines, h->nlines * sizeof(*lines));
        if (h->lines != h->inline_lines)
            wmem_free(scope, h->lines);
        h->lines = lines;
        *cap = more;
    }
    return &h->lines[h->nlines++];
}

/* Read to the end, or stop before the headers of a request and after the
 * first CSeq of a response when 'basic'; FALSE when it stopped. */
static gboolean
scan(const guint8 *p, gint len, wmem_allocator_t *scope, sipguide_headers_t *h, gboolean basic)
{
    gint offset, next, end, clen = -1;
    guint cap = SIPGUIDE_HEADERS_INLINE;
    gboolean complete = TRUE;

    if (!names_indexed)
        index_names();
    h->kind = SIPGUIDE_START_OTHER;
    h->start_len = 0;
    h->method_len = 0;
    h->code = 0;
    h->cseq_method = -1;
    h->cseq_seq = FALSE;
    h->body = -1;
    h->body_len = 0;
    h->nlines = 0;
    h->lines = h->inline_lines;
    memset(h->count, 0, sizeof(h->count));
    if (p == NULL || len <= 0)
        return TRUE;

    h->start_len = line_end(p, 0, len, &offset);
    start_line(p, len, h);
    if (h->kind == SIPGUIDE_START_OTHER)
        return TRUE;    /* Wireshark reads no headers of a continuation */
    if (basic && h->kind == SIPGUIDE_START_REQUEST) {
        offset = len;       /* the start line has the method */
        complete = FALSE;
    }

    while (offset < len) {
        gint q = offset, colon = -1;
        gboolean nul = FALSE;
        int hdr = -1;

        /* The name, to the colon, unless the line ends first. */
        for (;;) {
            const guint8 *stop = sipguide_find_first_of(p + q, p + len, &NAME_STOP);
            if (stop == NULL) {
                q = len;
                break;
            }
            q = (gint)(stop - p);
            if (*stop == ':') {
                colon = q;
                break;
            }
            if (*stop == '\r' || *stop == '\n')
                break;
            nul = TRUE;
            q++;
        }
        if (colon < 0 && q == offset && q < len) {
            /* The empty line before the body. */
            line_end(p, offset, len, &offset);
            h->body = offset;
            break;
        }
        end = line_end(p, colon >= 0 ? colon + 1 : q, len, &next);
        while (next < len && (p[next] == ' ' || p[next] == '\t'))
            end = line_end(p, next, len, &next);      /* a folded line */

        if (colon >= 0)
            hdr = header_of(p + offset, colon - offset, len - offset, nul);
        else if (nul) {
            /* A name cut by a NUL byte may have its colon on a folded line. */
            const guint8 *c = (const guint8 *)memchr(p + q, ':', (size_t)(end - q));
            if (c != NULL) {
                colon = (gint)(c - p);
                hdr = header_of(p + offset, colon - offset, len - offset, TRUE);
            }
        }
        if (hdr >= 0) {
            sipguide_hline_t *l = new_line(h, scope, &cap);
            gint value = colon + 1;
            while (value < end && is_wsp(p[value]))
                value++;
            l->line = offset;
            l->next = next;
            l->value = value;
            l->end = end;
            l->hdr = (guint)hdr;
            /* Linked behind the header's lines before it. */
            if (h->count[hdr]++ == 0) {
                h->first[hdr] = h->nlines - 1;
            } else {
                guint k = h->first[hdr];
                while (h->lines[k].same != k)
                    k = h->lines[k].same;
                h->lines[k].same = h->nlines - 1;
            }
            l->same = h->nlines - 1;
            if (hdr == SIPGUIDE_H_CONTENT_LENGTH)
                clen = content_length(p + value, end - value);
            if (hdr == SIPGUIDE_H_CSEQ) {
                gint method = -1;
                gboolean seq = FALSE, ok = sipguide_headers_cseq_method(scope, p + value, end - value,
                                                                       &method, &seq);
                if (h->count[hdr] == 1) {
                    h->cseq_method = ok ? method : -1;
                    h->cseq_seq = seq;
                }
                if (!ok)
                    break;
            }
            if (hdr == SIPGUIDE_H_CSEQ && basic) {
                complete = FALSE;
                break;
            }
        }
        offset = next;
    }
    if (!complete)
        h->body = -1;
    if (h->body >= 0) {
        h->body_len = len - h->body;
        if (clen >= 0 && h->body_len > clen)
            h->body_len = clen;
        if (h->body_len <= 0)
            h->body = -1;
    }
    return complete;
}

void
sipguide_headers_scan(const guint8 *p, gint len, wmem_allocator_t *scope, sipguide_headers_t *h)
{
    (void)scan(p, len, scope, h, FALSE);
}

gboolean
sipguide_headers_scan_basic(const guint8 *p, gint len, wmem_allocator_t *scope, sipguide_headers_t *h)
{
    return scan(p, len, scope, h, TRUE);
}

const sipguide_hline_t *
sipguide_headers_nth(const sipguide_headers_t *h, sipguide_hdr_t hdr, guint i)
{
    guint k;

    if ((unsigned)hdr >= SIPGUIDE_H_COUNT || i >= h->count[hdr])
        return NULL;
    for (k = h->first[hdr]; i > 0; i--)
        k = h->lines[k].same;
    return &h->lines[k];
}
