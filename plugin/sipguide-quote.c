/* sipguide-quote.c
 * A SIP message quoted back in an ICMP or ICMPv6 error (RFC 792, RFC 4443):
 * the error carries the IP header of the datagram it refused, its UDP
 * header and as much of the message as fits.  Wireshark dissects the quote
 * but tells a post-dissector or a tap only where the frame ends; the quote
 * is found in the frame's bytes by the headers that lead to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/ipproto.h>

#include "sipguide-quote.h"

#define ICMP_HEADER 8
#define UDP_HEADER  8

/* A byte of an RFC 3261 token (a method). */
static gboolean
token_byte(guint8 c)
{
    return g_ascii_isalnum(c) || (c != 0 && strchr("-.!%*_+`'~", c) != NULL);
}

/* Whether s[0, n) starts with a SIP start line: a Status-Line, or a
 * Request-Line whose first line ends in SIP/2.0. */
static gboolean
start_line(const guint8 *s, guint n)
{
    const guint8 *eol;
    guint k;

    if (n >= 12 && memcmp(s, "SIP/2.0 ", 8) == 0)
        return g_ascii_isdigit(s[8]) && g_ascii_isdigit(s[9]) && g_ascii_isdigit(s[10])
               && s[11] == ' ';
    for (k = 0; k < n && token_byte(s[k]); k++)
        ;
    if (k == 0 || k >= n || s[k] != ' ')
        return FALSE;
    eol = (const guint8 *)memchr(s + k, '\n', n - k);
    if (eol == NULL)
        return FALSE;
    if (eol > s && eol[-1] == '\r')
        eol--;
    return eol - (s + k) >= 9 && memcmp(eol - 8, " SIP/2.0", 8) == 0;
}

/* The kind of an ICMPv4 error, FALSE for a message that is no error. */
static gboolean
icmp4_kind(guint8 type, guint8 code, sipguide_icmp_kind_t *kind)
{
    switch (type) {
    case 3:     /* destination unreachable */
        *kind = code == 3 ? SIPGUIDE_ICMP_PORT
              : code == 4 ? SIPGUIDE_ICMP_TOO_BIG
              : code == 9 || code == 10 || code == 13 ? SIPGUIDE_ICMP_ADMIN
              : code == 2 ? SIPGUIDE_ICMP_OTHER     /* protocol unreachable */
              : SIPGUIDE_ICMP_HOST;
        return TRUE;
    case 11:    /* time exceeded */
        *kind = SIPGUIDE_ICMP_TTL;
        return TRUE;
    case 4:     /* source quench */
    case 12:    /* parameter problem */
        *kind = SIPGUIDE_ICMP_OTHER;
        return TRUE;
    default:
        return FALSE;
    }
}

/* The kind of an ICMPv6 error (RFC 4443 §3), FALSE for no error. */
static gboolean
icmp6_kind(guint8 type, guint8 code, sipguide_icmp_kind_t *kind)
{
    switch (type) {
    case 1:     /* destination unreachable */
        *kind = code == 4 ? SIPGUIDE_ICMP_PORT
              : code == 1 || code == 5 || code == 6 ? SIPGUIDE_ICMP_ADMIN
              : SIPGUIDE_ICMP_HOST;
        return TRUE;
    case 2:     /* packet too big */
        *kind = SIPGUIDE_ICMP_TOO_BIG;
        return TRUE;
    case 3:     /* time exceeded */
        *kind = SIPGUIDE_ICMP_TTL;
        return TRUE;
    case 4:     /* parameter problem */
        *kind = SIPGUIDE_ICMP_OTHER;
        return TRUE;
    default:
        return FALSE;
    }
}

/* Whether an IPv4 or IPv6 header that carries UDP starts at p + ip, after
 * the ICMP header of an error, with a SIP start line after the UDP
 * header; fills *q but for its span, and sets *msg to where the message
 * starts. */
static gboolean
quote_at(const guint8 *p, guint len, guint ip, sipguide_quote_t *q, guint *msg)
{
    const guint8 *icmp = p + ip - ICMP_HEADER;
    guint udp, src, alen;
    int type;

    if ((p[ip] >> 4) == 4) {
        udp = ip + (p[ip] & 0x0fu) * 4;
        src = ip + 12, alen = 4, type = AT_IPv4;
        if ((p[ip] & 0x0fu) < 5 || p[ip + 9] != IP_PROTO_UDP || udp + UDP_HEADER + 12 > len
            || !icmp4_kind(icmp[0], icmp[1], &q->kind))
            return FALSE;
        q->mtu = q->kind == SIPGUIDE_ICMP_TOO_BIG ? (guint32)icmp[6] << 8 | icmp[7] : 0;
    } else if ((p[ip] >> 4) == 6) {
        udp = ip + 40;
        src = ip + 8, alen = 16, type = AT_IPv6;
        if (p[ip + 6] != IP_PROTO_UDP || udp + UDP_HEADER + 12 > len
            || !icmp6_kind(icmp[0], icmp[1], &q->kind))
            return FALSE;
        q->mtu = q->kind == SIPGUIDE_ICMP_TOO_BIG
                 ? (guint32)icmp[4] << 24 | (guint32)icmp[5] << 16 | (guint32)icmp[6] << 8 | icmp[7]
                 : 0;
    } else {
        return FALSE;
    }
    if (!start_line(p + udp + UDP_HEADER, len - udp - UDP_HEADER))
        return FALSE;
    /* The datagram's addresses (the destination right after the source)
     * and the ports of its UDP header. */
    sipguide_hop_of_addresses(type, p + src, p + src + alen, (int)alen,
                              (guint32)p[udp] << 8 | p[udp + 1], (guint32)p[udp + 2] << 8 | p[udp + 3],
                              SIPGUIDE_TRANSPORT_UDP, &q->hop);
    *msg = udp + UDP_HEADER;
    return TRUE;
}

gboolean
sipguide_quote_find(tvbuff_t *tvb, sipguide_quote_t *q)
{
    guint len = tvb_captured_length(tvb), ip, msg;
    const guint8 *p;

    if (len < ICMP_HEADER + 20 + UDP_HEADER + 12)
        return FALSE;
    p = tvb_get_ptr(tvb, 0, len);
    /* Wireshark tells neither where the ICMP header lies nor (since 4.2,
     * which restores the frame's ports after a quote) the quote's ports:
     * the first place where an error's header, an IP header carrying UDP,
     * a UDP header and a SIP start line follow each other is the quote. */
    for (ip = ICMP_HEADER; ip + 20 + UDP_HEADER + 12 <= len; ip++) {
        if (!quote_at(p, len, ip, q, &msg))
            continue;
        q->span.ds = tvb_get_ds_tvb(tvb);
        q->span.start = tvb_raw_offset(tvb) + (gint)msg;
        q->span.end = tvb_raw_offset(tvb) + (gint)len;
        return TRUE;
    }
    return FALSE;
}
