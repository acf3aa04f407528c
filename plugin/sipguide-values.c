/* sipguide-values.c
 * Reads the model's values of one SIP message from its header lines, the
 * way Wireshark's SIP dissector takes them apart: the top Via is the first
 * via-parm that names a transport (its sent-by, branch, received and
 * rport), From and To give their address and tag, CSeq its number, and
 * the parameters of credentials and challenges are those of their own
 * header line.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>

#include "compat.h"
#include "sipguide-bytes.h"
#include "sipguide-evidence.h"
#include "sipguide-hop.h"
#include "sipguide-parse.h"
#include "sipguide-reason.h"
#include "sipguide-sdp.h"
#include "sipguide-values.h"

#define MAGIC_COOKIE "z9hG4bK"
/* Enough of a message to tell two copies apart; identical copies are
 * identical in every byte. */
#define HASH_BYTES 4096

/* A part of the message: p[off, end); off < 0 when absent. */
typedef struct {
    gint off;
    gint end;
} part_t;

#define NO_PART ((part_t){ -1, -1 })

/* As a string; NULL when absent, and for an empty part at the very end:
 * an item there lies outside the message. */
static const char *
part_string(const sipguide_msg_t *m, part_t part)
{
    return part.off >= 0 && part.off < m->len && part.end >= part.off
           ? sipguide_msg_text(m, part.off, part.end - part.off, ENC_UTF_8) : NULL;
}

/* As a text of the message, absent where part_string() gives NULL. */
static sipguide_raw_t
part_raw(const sipguide_msg_t *m, part_t part)
{
    return part.off >= 0 && part.off < m->len && part.end >= part.off
           ? (sipguide_raw_t){ (const char *)m->p + part.off, (guint32)(part.end - part.off) }
           : SIPGUIDE_NO_RAW;
}

static gboolean
is_wsp(guint8 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* After the blanks (and line ends) from 'off', at most to 'end'. */
static gint
skip_wsp(const sipguide_msg_t *m, gint off, gint end)
{
    while (off < end && off < m->len && is_wsp(m->p[off]))
        off++;
    return off;
}

/* The first c in p[from, end), or -1. */
static gint
find(const sipguide_msg_t *m, gint from, gint end, guint8 c)
{
    const guint8 *q;

    end = MIN(end, m->len);
    if (from < 0 || from >= end)
        return -1;
    q = (const guint8 *)memchr(m->p + from, c, (size_t)(end - from));
    return q != NULL ? (gint)(q - m->p) : -1;
}

#define SET6(a, b, c, d, e, f) { { a, b, c, d, e, f } }
#define SET3(a, b, c) SET6(a, b, c, c, c, c)

static const sipguide_byteset_t BLANK_SLASH = SET3('\t', ' ', '/');
static const sipguide_byteset_t SENT_BY_END = SET6('[', ']', ' ', '\t', ':', ';');
static const sipguide_byteset_t PARAM_END = SET6('\t', ';', ',', ' ', ' ', ' ');
static const sipguide_byteset_t COMMA_SEMI = SET3(',', ';', ';');
static const sipguide_byteset_t WHITE = SET6(' ', '\t', '\r', '\n', ' ', ' ');

/* The first byte of 'set' in p[from, end), or -1; *found tells which. */
static gint
find_any(const sipguide_msg_t *m, gint from, gint end, const sipguide_byteset_t *set, guint8 *found)
{
    const guint8 *q;

    from = MAX(from, 0);
    end = MIN(end, m->len);
    if (from >= end || (q = sipguide_find_first_of(m->p + from, m->p + end, set)) == NULL)
        return -1;
    if (found != NULL)
        *found = *q;
    return (gint)(q - m->p);
}

/* The byte at 'off', 0 past the message. */
static guint8
at(const sipguide_msg_t *m, gint off)
{
    return off >= 0 && off < m->len ? m->p[off] : 0;
}

/* strtoul() of the text at 'off', cut to 32 bits, as the dissector
 * stores its numbers. */
static guint32
number(const sipguide_msg_t *m, gint off, gint end)
{
    guint64 n = 0;
    gboolean negative = FALSE, overflow = FALSE;

    /* strtoul() skips the blanks of the C locale, vertical tab included. */
    while (off < end && (m->p[off] == ' ' || (m->p[off] >= '\t' && m->p[off] <= '\r')))
        off++;
    if (off < end && (m->p[off] == '+' || m->p[off] == '-'))
        negative = m->p[off++] == '-';
    for (; off < end && g_ascii_isdigit(m->p[off]); off++) {
        guint64 d = (guint64)(m->p[off] - '0');
        /* n * 10 + d would pass G_MAXUINT64 (18446744073709551615). */
        if (n > G_MAXUINT64 / 10 || (n == G_MAXUINT64 / 10 && d > G_MAXUINT64 % 10))
            overflow = TRUE;
        else
            n = n * 10 + d;
    }
    if (overflow)
        return G_MAXUINT32;
    return (guint32)(negative ? (guint64)0 - n : n);
}

/* A value without the quotes of a quoted-string, in pinfo->pool. */
static const char *
unquote(packet_info *pinfo, const char *s)
{
    gsize n;

    if (s == NULL)
        return NULL;
    n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
        return wmem_strndup(pinfo->pool, s + 1, n - 2);
    return s;
}

static guint32
text_hash(const char *s)
{
    guint32 h = 2166136261u;

    if (s == NULL)
        return 0;
    for (; *s != '\0'; s++) {
        h ^= (guint8)*s;
        h *= 16777619u;
    }
    return h != 0 ? h : 1;
}

/* The first token of a header value: up to ';' or white space. */
static const char *
first_token(packet_info *pinfo, const char *s)
{
    const char *end;

    if (s == NULL)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    for (end = s; *end != '\0' && *end != ';' && *end != ' ' && *end != '\t' && *end != ','; end++)
        ;
    return end > s ? wmem_strndup(pinfo->pool, s, end - s) : NULL;
}

/* The value of the first line of header h, as a part. */
static part_t
value_part(const sipguide_msg_t *m, sipguide_hdr_t h)
{
    const sipguide_hline_t *l = sipguide_headers_nth(&m->h, h, 0);

    return l != NULL ? (part_t){ l->value, l->end } : NO_PART;
}

static gint64
expires_of(const sipguide_msg_t *m)
{
    part_t expires = value_part(m, SIPGUIDE_H_EXPIRES);
    part_t contact = value_part(m, SIPGUIDE_H_CONTACT);
    gint off, end, nul;

    if (expires.off >= 0)
        return number(m, expires.off, expires.end);
    if (contact.off < 0)
        return -1;
    /* The first "expires=" of the first Contact, read in place: its text
     * ends at a NUL byte, as the copy of it did. */
    end = (nul = find(m, contact.off, contact.end, '\0')) >= 0 ? nul : contact.end;
    for (off = contact.off; (off = find(m, off, end - 7, 'e')) >= 0; off++) {
        if (memcmp(m->p + off, "expires=", 8) == 0) {
            gint64 n = 0;
            int digits = 0;
            for (off += 8; off < end && g_ascii_isdigit(m->p[off]) && digits < 10; off++, digits++)
                n = n * 10 + (m->p[off] - '0');
            return digits > 0 ? n : -1;
        }
    }
    return -1;
}

/* ---------------------------------------------------------------------- */
/* Via */

/* What one via-parm holds (RFC 3261 §20.42), each the first of its kind. */
typedef struct {
    guint  transports;      /* transport names read (SIP/2.0/UDP: one) */
    part_t host;            /* sent-by address, without the brackets of IPv6 */
    gboolean has_port;
    guint32 port;
    part_t branch;
    part_t received;
    part_t rport;
} via_parm_t;

/* Read the via-parm that starts at 'off' of a Via value ending at 'end'.
 * Returns where the next via-parm starts, or -1 when the value ends. */
static gint
via_parm(const sipguide_msg_t *m, gint off, gint end, via_parm_t *v)
{
    gint addr, semi = 0;
    gboolean ipv6_ref = FALSE, ipv6 = FALSE;
    guint8 c = 0;

    memset(v, 0, sizeof(*v));
    v->host = v->branch = v->received = v->rport = NO_PART;
    off = skip_wsp(m, off, end);
    if (off >= end)
        return -1;

    /* sent-protocol: past the second '/', then each transport name. */
    off = find(m, off, end, '/');
    if (off >= 0)
        off = find(m, off + 1, end, '/');
    off = off >= 0 ? skip_wsp(m, off + 1, end) : end;
    while (off < end) {
        gint name = off;
        off = find_any(m, off, end, &BLANK_SLASH, &c);
        if (off < 0) {
            off = end;
            break;
        }
        v->transports++;
        if (c == '/') {
            off++;
            continue;
        }
        off = skip_wsp(m, off, end);
        if (at(m, off) == '/') {
            off++;
            continue;
        }
        (void)name;
        break;
    }

    /* sent-by: host, then [":" port]. */
    off = skip_wsp(m, off, end);
    addr = off;
    while (off < end) {
        off = find_any(m, off, end, &SENT_BY_END, &c);
        if (off < 0) {
            off = end;
            break;
        }
        if (c == '[')
            ipv6_ref = ipv6 = TRUE;
        else if (c == ']')
            ipv6_ref = FALSE;
        if (c == ' ' || c == '\t' || (c == ':' && !ipv6_ref) || c == ';')
            break;
        off++;
    }
    if (ipv6 && off - addr >= 2)
        v->host = (part_t){ addr + 1, off - 1 };
    else if (!ipv6)
        v->host = (part_t){ addr, off };
    off = skip_wsp(m, off, end);
    if (at(m, off) == ':') {
        gint port;
        off = skip_wsp(m, off + 1, end);
        port = off;
        while (off < end) {
            if (!g_ascii_isdigit(m->p[off])) {
                if (off == port)
                    return -1;      /* a colon without a port ends the reading */
                v->has_port = TRUE;
                v->port = MIN(number(m, port, off), G_MAXUINT16);
                break;
            }
            off++;
        }
    }
    off = skip_wsp(m, off, end);

    /* Parameters: ";name[=value]". */
    while (off < end) {
        gint name_end;
        gboolean equals;
        part_t *slot = NULL;

        while (off < end) {
            c = m->p[off];
            if (c == ';') {
                semi = off++;
                break;
            }
            if (c != ' ' && c != '\t')
                return off;         /* not a parameter: read on as a via-parm */
            off++;
        }
        if (off >= end)
            return -1;
        while (off < end && (g_ascii_isalpha(m->p[off]) || m->p[off] == '-'))
            off++;
        equals = off < end && m->p[off] == '=';
        name_end = off;
        off = find_any(m, off, end, &PARAM_END, NULL);
        if (off < 0)
            off = end;
        switch (name_end - semi - 1) {
        case 5:
            if (sipguide_word_is(m->p + semi + 1, "rport", 5))
                slot = &v->rport;
            break;
        case 6:
            if (sipguide_word_is(m->p + semi + 1, "branch", 6))
                slot = &v->branch;
            break;
        case 8:
            if (sipguide_word_is(m->p + semi + 1, "received", 8))
                slot = &v->received;
            break;
        default:
            break;
        }
        if (slot != NULL && slot->off < 0)
            *slot = equals ? (part_t){ name_end + 1, off } : (part_t){ semi + 1, off };
        off = skip_wsp(m, off, end);
        if (off < end && m->p[off] == ',')
            return off + 1;
    }
    return off;
}

/* The top Via: the first via-parm that names a transport, and what lies
 * before the next one; its branch, sent-by and the endpoint a response
 * goes to (RFC 3261 §18.2.2: received and rport when the server added
 * them).  Without any, only the first branch. */
static void
read_top_via(const sipguide_msg_t *m, sipguide_values_t *v)
{
    via_parm_t top, parm;
    part_t first_branch = NO_PART;
    gboolean found = FALSE, done = FALSE;
    guint i;

    memset(&top, 0, sizeof(top));
    top.host = top.branch = top.received = top.rport = NO_PART;
    for (i = 0; i < sipguide_msg_count(m, SIPGUIDE_H_VIA) && !done; i++) {
        const sipguide_hline_t *l = sipguide_headers_nth(&m->h, SIPGUIDE_H_VIA, i);
        gint off = l->value;

        while (off >= 0 && off < l->end && !done) {
            gint next = via_parm(m, off, l->end, &parm);
            if (first_branch.off < 0)
                first_branch = parm.branch;
            if (parm.transports > 0 && found) {
                done = TRUE;
                break;
            }
            if (parm.transports > 0 || found) {
                /* From its transport on (a second transport name of the
                 * same via-parm would close it before its sent-by). */
                if (!found && parm.transports > 1) {
                    found = done = TRUE;
                    break;
                }
                found = TRUE;
                if (top.host.off < 0)
                    top.host = parm.host;
                if (!top.has_port && parm.has_port) {
                    top.has_port = TRUE;
                    top.port = parm.port;
                }
                if (top.branch.off < 0)
                    top.branch = parm.branch;
                if (top.received.off < 0)
                    top.received = parm.received;
                if (top.rport.off < 0)
                    top.rport = parm.rport;
            }
            if (next <= off)
                break;
            off = next;
        }
    }

    if (!found) {
        /* No parsed Via: take the first branch, which is all there is. */
        v->branch = part_raw(m, first_branch);
    } else {
        const char *received = part_string(m, top.received);
        const char *rport = part_string(m, top.rport);
        guint32 port = top.has_port ? top.port : 0;
        /* The host as a string (as a copy of it would end at a NUL byte);
         * one too long for the room is no address. */
        char host[64];
        const char *host_text = NULL;

        v->branch = part_raw(m, top.branch);
        v->sent_by = part_raw(m, top.host);
        if (v->sent_by.p != NULL) {
            v->sent_by_port = port;
            if (v->sent_by.n < sizeof(host)) {
                memcpy(host, v->sent_by.p, v->sent_by.n);
                host[v->sent_by.n] = '\0';
                host_text = host;
            }
        }
        if (rport != NULL && g_ascii_isdigit(rport[0]))
            port = (guint32)strtoul(rport, NULL, 10);
        v->via_ep = sipguide_hop_endpoint_text(received != NULL ? received : host_text,
                                               port != 0 ? port : 5060);
    }
    v->rfc3261_branch = v->branch.n >= sizeof(MAGIC_COOKIE) - 1
                        && memcmp(v->branch.p, MAGIC_COOKIE, sizeof(MAGIC_COOKIE) - 1) == 0;
}

/* ---------------------------------------------------------------------- */
/* From and To */

/* The address (the URI of a name-addr, or an addr-spec) and the tag of a
 * From or To line, located as Wireshark's SIP dissector does; each is
 * left as it was when the line has none. */
static void
read_party_line(const sipguide_msg_t *m, const sipguide_hline_t *l, sipguide_raw_t *uri,
                sipguide_raw_t *tag)
{
    gint end, off, uri_start, uri_end = -1, name_addr_end = -1, from;
    gboolean angle = TRUE, parsed = FALSE;

    /* The dissector parses to two bytes past the line end. */
    end = MIN(l->end + 2, m->len);
    off = skip_wsp(m, l->value, end);
    if (off < end) {
        gint lt, colon, q;
        parsed = TRUE;
        switch (m->p[off]) {
        case '"':
            /* A quoted display name: to its closing quote, then '<'. */
            do {
                int slashes = 0;
                q = find(m, off + 1, end, '"');
                if (q < 0)
                    break;
                off = q;
                while (q - slashes - 1 >= 0 && m->p[q - slashes - 1] == '\\')
                    slashes++;
                if (slashes % 2 == 0)
                    break;
            } while (off < end);
            if (q < 0 || off >= end || (lt = find(m, off, end, '<')) < 0)
                parsed = FALSE;
            else
                off = lt + 1;
            break;
        case '<':
            off++;
            break;
        default:
            lt = find(m, off, end, '<');
            colon = find(m, off, end, ':');
            if (lt >= 0 && (colon < 0 || lt < colon))
                off = lt + 1;
            else if (colon >= 0)
                angle = FALSE;
            else
                parsed = FALSE;
            break;
        }
        if (parsed && angle) {
            gint gt = find(m, off, end, '>');
            if (gt < 0)
                parsed = FALSE;
            else {
                name_addr_end = gt;
                uri_end = gt - 1;
            }
        }
        if (parsed) {
            off = skip_wsp(m, off, end);
            uri_start = off;
            if (off >= end)
                parsed = FALSE;
            else if (!(off + 3 <= m->len && memcmp(m->p + off, "sip", 3) == 0) && uri_end < 0)
                parsed = FALSE;     /* an addr-spec of another scheme */
            if (parsed && uri_end < 0) {
                /* An addr-spec: to the first ',' or ';', or the line end. */
                gint stop = find_any(m, off, end, &COMMA_SEMI, NULL);
                uri_end = stop >= 0 ? stop - 1 : end - 3;
                name_addr_end = uri_end;
            }
            if (parsed && uri_end + 1 >= uri_start && uri->p == NULL)
                *uri = part_raw(m, (part_t){ uri_start, uri_end + 1 });
        }
    }

    /* The tag: "tag=" after the address (after the name when it could not
     * be read), to the next ';' or the line end. */
    from = parsed ? name_addr_end + 1 : l->line;
    for (off = from; off < l->end && tag->p == NULL; off++) {
        if (m->p[off] == 't' && off + 4 <= m->len && memcmp(m->p + off, "tag=", 4) == 0) {
            gint semi = find(m, off + 4, l->end, ';');
            *tag = part_raw(m, (part_t){ off + 4, semi >= 0 ? semi : l->end });
            return;
        }
    }
}

/* The first address and the first tag of header h (From or To), over
 * all its lines as Wireshark lists them. */
static void
read_party(const sipguide_msg_t *m, sipguide_hdr_t h, sipguide_raw_t *uri, sipguide_raw_t *tag)
{
    guint i;

    *uri = *tag = SIPGUIDE_NO_RAW;
    for (i = 0; i < sipguide_msg_count(m, h) && (uri->p == NULL || tag->p == NULL); i++)
        read_party_line(m, sipguide_headers_nth(&m->h, h, i), uri, tag);
}

const char *
sipguide_values_string(const sipguide_values_t *v, sipguide_raw_t t)
{
    const sipguide_msg_t *m = v->msg;

    if (t.p == NULL || m == NULL)
        return NULL;
    return sipguide_msg_text(m, (gint)((const guint8 *)t.p - m->p), (gint)t.n, ENC_UTF_8);
}

/* ---------------------------------------------------------------------- */
/* Credentials and challenges */

/* The parameters of one Authorization, Proxy-Authorization or
 * WWW/Proxy-Authenticate line, each the first of its name. */
typedef struct {
    part_t realm;
    part_t nonce;
    part_t response;
    part_t stale;
    part_t auts;
    part_t username;
} auth_params_t;

/* Read one "name=value" at 'off'; returns where the next one starts (at
 * its comma, or the end), or -1 when none can be read. */
static gint
auth_param(const sipguide_msg_t *m, gint off, gint end, auth_params_t *a)
{
    static const struct {
        const char *name;
        gsize       len;
        gsize       field;
    } known[] = {
        { "realm", 5, G_STRUCT_OFFSET(auth_params_t, realm) },
        { "nonce", 5, G_STRUCT_OFFSET(auth_params_t, nonce) },
        { "response", 8, G_STRUCT_OFFSET(auth_params_t, response) },
        { "stale", 5, G_STRUCT_OFFSET(auth_params_t, stale) },
        { "auts", 4, G_STRUCT_OFFSET(auth_params_t, auts) },
        { "username", 8, G_STRUCT_OFFSET(auth_params_t, username) },
    };
    gint name, eq, name_end, value, q;
    guint i;

    name = skip_wsp(m, off, end);
    if (name >= end)
        return -1;
    eq = find(m, name + 1, end, '=');
    if (eq < 0)
        return -1;
    /* The name, without the blanks before '='. */
    for (name_end = eq - 1; name_end > 0 && is_wsp(m->p[name_end]); name_end--)
        ;
    name_end++;
    value = skip_wsp(m, eq + 1, end);
    if (value < end && m->p[value] == '"') {
        /* A quoted value, quotes kept: to the first unescaped quote. */
        q = value;
        do
            q = find(m, q + 1, end, '"');
        while (q >= 0 && m->p[q - 1] == '\\');
        off = q >= 0 ? q + 1 : end;
    } else {
        q = find(m, value, end, ',');
        off = q >= 0 ? q : end;
    }
    for (i = 0; i < G_N_ELEMENTS(known); i++) {
        if (name_end - name == (gint)known[i].len
            && sipguide_word_is(m->p + name, known[i].name, known[i].len)) {
            part_t *slot = (part_t *)((guint8 *)a + known[i].field);
            if (slot->off < 0)
                *slot = (part_t){ value, off };
            break;
        }
    }
    q = find(m, off, end, ',');
    return q >= 0 ? q : end;
}

/* The parameters of header line l: after the scheme word ("Digest"). */
static void
auth_params(const sipguide_msg_t *m, const sipguide_hline_t *l, auth_params_t *a)
{
    gint off;

    a->realm = a->nonce = a->response = a->stale = a->auts = a->username = NO_PART;
    if (l == NULL || l->end == l->value)
        return;
    off = find_any(m, l->value, l->end, &WHITE, NULL);
    while (off >= 0 && (off = auth_param(m, off, l->end, a)) >= 0) {
        if (off >= l->end || m->p[off] != ',')
            break;
        off++;
    }
}

static const char *
unquoted(const sipguide_msg_t *m, packet_info *pinfo, part_t part)
{
    return unquote(pinfo, part_string(m, part));
}

/* Credentials in Authorization or Proxy-Authorization, and their realm. */
static void
read_credentials(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    static const sipguide_hdr_t headers[] = {
        SIPGUIDE_H_AUTHORIZATION, SIPGUIDE_H_PROXY_AUTHORIZATION
    };
    guint h, i;

    for (h = 0; h < G_N_ELEMENTS(headers); h++) {
        for (i = 0; i < sipguide_msg_count(m, headers[h]); i++) {
            auth_params_t a;
            const char *nonce, *response;

            auth_params(m, sipguide_headers_nth(&m->h, headers[h], i), &a);
            nonce = unquoted(m, pinfo, a.nonce);
            response = unquoted(m, pinfo, a.response);
            if (a.auts.off >= 0)
                v->auts = TRUE;
            if (nonce == NULL || nonce[0] == '\0')
                continue;
            if (response != NULL && response[0] == '\0' && !v->auts)
                continue;
            v->credentials = TRUE;
            if (v->cred_nonce == 0)
                v->cred_nonce = text_hash(nonce);
            if (v->cred_realm == 0)
                v->cred_realm = text_hash(unquoted(m, pinfo, a.realm));
        }
    }
}

static void
read_challenge(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    const sipguide_hline_t *line = sipguide_headers_nth(&m->h, SIPGUIDE_H_WWW_AUTHENTICATE, 0);
    const char *stale;
    auth_params_t a;

    if (line == NULL)
        line = sipguide_headers_nth(&m->h, SIPGUIDE_H_PROXY_AUTHENTICATE, 0);
    if (line == NULL)
        return;
    auth_params(m, line, &a);
    v->chal_realm = text_hash(unquoted(m, pinfo, a.realm));
    v->chal_nonce = text_hash(unquoted(m, pinfo, a.nonce));
    stale = unquoted(m, pinfo, a.stale);
    v->stale = stale != NULL && g_ascii_strcasecmp(stale, "true") == 0;
}

/* ---------------------------------------------------------------------- */
/* The response itself */

/* What a response says of itself that the catalog's selectors read: the
 * kind of challenge, the type of a 3GPP alternative-service body, and
 * whether its reason phrase is the one of the code's entry (compared
 * without case as the start of the phrase, which may carry a suffix such
 * as "(477/TM)"). */
/* Whether the reason phrase starts with 'phrase' without case, read in
 * place as sipguide_evidence_phrase() reads it from the Status-Line: to a
 * NUL byte, after the second space, without surrounding blanks.  -1 when
 * the response has no phrase. */
static int
phrase_starts_with(const sipguide_msg_t *m, const char *phrase)
{
    gint len = m->h.start_len, nul = find(m, 0, len, '\0'), s1, a, b;
    gsize n = strlen(phrase), i;

    if (nul >= 0)
        len = nul;
    if ((s1 = find(m, 0, len, ' ')) < 0 || (a = find(m, s1 + 1, len, ' ')) < 0)
        return -1;
    for (a++, b = len; a < b && g_ascii_isspace(m->p[a]); a++)
        ;
    while (b > a && g_ascii_isspace(m->p[b - 1]))
        b--;
    if (a == b)
        return -1;
    if ((gsize)(b - a) < n)
        return 0;
    for (i = 0; i < n; i++) {
        if (sipguide_ascii_lower(m->p[a + i]) != sipguide_ascii_lower((guint8)phrase[i]))
            return 0;
    }
    return 1;
}

static guint16
response_context(const sipguide_msg_t *m, packet_info *pinfo, const sipguide_values_t *v)
{
    const sipguide_code_t *e = sipguide_catalog_code(m->code);
    const char *algorithm, *type, *action;
    guint16 bits = 0;
    int own;

    if ((m->code == 401 || m->code == 407) && (algorithm = sipguide_evidence_algorithm(m, pinfo)) != NULL) {
        bits |= sipguide_evidence_algorithm_aka(algorithm) ? SIPGUIDE_CTX_CHALLENGE_AKA
                                                           : SIPGUIDE_CTX_CHALLENGE_DIGEST;
        if (v->stale)
            bits |= SIPGUIDE_CTX_STALE;
    }
    if (sipguide_evidence_alt_service(m, pinfo, &type, &action) && type != NULL) {
        if (g_ascii_strcasecmp(type, "emergency") == 0)
            bits |= SIPGUIDE_CTX_ALT_EMERGENCY;
        else if (g_ascii_strcasecmp(type, "restoration") == 0)
            bits |= SIPGUIDE_CTX_ALT_RESTORATION;
    }
    if (e != NULL && (own = phrase_starts_with(m, e->phrase)) >= 0)
        bits |= own ? SIPGUIDE_CTX_OWN_PHRASE : SIPGUIDE_CTX_OTHER_PHRASE;
    return bits;
}

static sipguide_tri_t
has_sdp(const sipguide_msg_t *m)
{
    part_t type = value_part(m, SIPGUIDE_H_CONTENT_TYPE);
    gint len = type.end - type.off;

    if (type.off < 0)
        return SIPGUIDE_TRI_NO;
    if (len >= 15 && sipguide_word_is(m->p + type.off, "application/sdp", 15))
        return SIPGUIDE_TRI_YES;
    if (len >= 10 && sipguide_word_is(m->p + type.off, "multipart/", 10))
        return SIPGUIDE_TRI_UNKNOWN;
    return SIPGUIDE_TRI_NO;
}

/* The Reason values the model remembers (of an 18x, a CANCEL, a BYE). */
static void
read_reasons(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    guint i;

    for (i = 0; i < sipguide_msg_count(m, SIPGUIDE_H_REASON) && v->nreasons < G_N_ELEMENTS(v->reasons); i++) {
        const char *value = sipguide_msg_string(m, SIPGUIDE_H_REASON, i);
        sipguide_reason_t r;
        guint32 packed;

        if (value != NULL && sipguide_reason_parse(value, pinfo, &r)
            && (packed = sipguide_reason_pack(r.proto, r.cause)) != 0)
            v->reasons[v->nreasons++] = packed;
    }
}

/* Two running sums of the message's 64-bit words, the second over the
 * first (Fletcher's checksum on words: a change of any word, or two words
 * swapped, changes it), four words a step, then mixed into 32 bits.  It
 * only has to tell a copy from another message of the same transaction. */
static guint32
content_hash(const sipguide_msg_t *m)
{
    gint len = MIN(m->len, HASH_BYTES);
    const guint8 *p = m->p;
    guint64 a = (guint64)len, b = G_GUINT64_CONSTANT(0x9e3779b97f4a7c15), w[4];

    if (p == NULL || len <= 0)
        return 0;
    for (; len >= 32; p += 32, len -= 32) {
        memcpy(w, p, 32);
        a += w[0];
        b += a;
        a += w[1];
        b += a;
        a += w[2];
        b += a;
        a += w[3];
        b += a;
    }
    for (; len >= 8; p += 8, len -= 8) {
        memcpy(w, p, 8);
        a += w[0];
        b += a;
    }
    if (len > 0) {
        a += sipguide_bytes_tail(p, (gsize)len, p - m->p >= 8 - len);
        b += a;
    }
    a = (a ^ (a >> 29)) * G_GUINT64_CONSTANT(0xff51afd7ed558ccd);
    b = (b ^ a ^ (b >> 31)) * G_GUINT64_CONSTANT(0xc4ceb9fe1a85ec53);
    b ^= b >> 32;
    return (guint32)b != 0 ? (guint32)b : 1;
}

gboolean
sipguide_values_read(const sipguide_msg_t *m, packet_info *pinfo, sipguide_values_t *v)
{
    const char *state, *icid;
    part_t cseq;

    sipguide_msg_complete(m);
    cseq = value_part(m, SIPGUIDE_H_CSEQ);
    memset(v, 0, sizeof(*v));
    v->response = m->response;
    v->code = m->code;
    v->expires = -1;
    v->method = sipguide_msg_method(m);
    /* Wireshark gives the number when something follows it. */
    if (cseq.off >= 0) {
        v->has_cseq = m->h.cseq_seq;
        if (v->has_cseq)
            v->cseq = number(m, cseq.off, cseq.end);
    }
    {
        part_t id = value_part(m, SIPGUIDE_H_CALL_ID);
        if (id.off >= 0)
            v->call_id = (sipguide_raw_t){ (const char *)m->p + id.off, (guint32)(id.end - id.off) };
    }
    if (v->method == NULL || !v->has_cseq || v->call_id.p == NULL)
        return FALSE;

    v->msg = m;
    read_party(m, SIPGUIDE_H_FROM, &v->from_uri, &v->from_tag);
    read_party(m, SIPGUIDE_H_TO, &v->to_uri, &v->to_tag);
    read_top_via(m, v);
    v->has_rseq = sipguide_msg_count(m, SIPGUIDE_H_RSEQ) > 0;
    if (v->has_rseq) {
        part_t rseq = value_part(m, SIPGUIDE_H_RSEQ);
        v->rseq = number(m, rseq.off, rseq.end);
    }
    v->event = first_token(pinfo, sipguide_msg_string(m, SIPGUIDE_H_EVENT, 0));
    state = sipguide_msg_string(m, SIPGUIDE_H_SUBSCRIPTION_STATE, 0);
    v->sub_terminated = state != NULL && g_ascii_strncasecmp(state, "terminated", 10) == 0;
    v->expires = expires_of(m);
    v->max_forwards = -1;
    if (m->response) {
        read_challenge(m, pinfo, v);
        v->response_context = response_context(m, pinfo, v);
    } else {
        part_t hops = value_part(m, SIPGUIDE_H_MAX_FORWARDS);
        read_credentials(m, pinfo, v);
        /* Wireshark reads any Max-Forwards as a number, as it does RSeq. */
        if (hops.off >= 0)
            v->max_forwards = number(m, hops.off, hops.end);
    }
    v->sdp = has_sdp(m);
    v->t38 = !m->response && v->sdp != SIPGUIDE_TRI_NO
             && sipguide_sdp_image(m) == SIPGUIDE_SDP_IMAGE_T38;
    if (sipguide_msg_count(m, SIPGUIDE_H_AUTHORIZATION) > 0) {
        auth_params_t a;
        auth_params(m, sipguide_headers_nth(&m->h, SIPGUIDE_H_AUTHORIZATION, 0), &a);
        v->impi = unquoted(m, pinfo, a.username);
    }
    icid = sipguide_msg_string(m, SIPGUIDE_H_P_CHARGING_VECTOR, 0);
    v->icid = icid != NULL ? sipguide_param_value(pinfo, icid, "icid-value") : NULL;
    read_reasons(m, pinfo, v);
    v->content_hash = content_hash(m);
    return TRUE;
}
