/* sipguide-quote.c
 * A SIP message quoted back in an ICMP or ICMPv6 error (RFC 792, RFC 4443):
 * the error carries the IP header of the datagram it refused, its UDP
 * header and as much of the message as fits.  Wireshark dissects the quote
 * but tells a post-dissector or a tap only where the frame ends; the quote
 * is found in the frame's bytes from the ports Wireshark read in it.
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

/* Whether the UDP header at p + udp follows an IPv4 or IPv6 header that
 * carries UDP, after an ICMP header of an error; fills the kind, MTU and
 * hop of *q. */
static gboolean
headers_before(const guint8 *p, guint udp, guint32 srcport, guint32 dstport, sipguide_quote_t *q)
{
    guint ihl;

    /* IPv4: 20 to 60 bytes, the header length in its first byte. */
    for (ihl = 5; ihl <= 15 && udp >= ihl * 4 + ICMP_HEADER; ihl++) {
        guint ip = udp - ihl * 4;
        const guint8 *icmp;

        if (p[ip] != (0x40 | ihl) || p[ip + 9] != IP_PROTO_UDP)
            continue;
        icmp = p + ip - ICMP_HEADER;
        if (!icmp4_kind(icmp[0], icmp[1], &q->kind))
            return FALSE;
        q->mtu = q->kind == SIPGUIDE_ICMP_TOO_BIG ? (guint32)icmp[6] << 8 | icmp[7] : 0;
        sipguide_hop_of_addresses(AT_IPv4, p + ip + 12, p + ip + 16, 4, srcport, dstport,
                                  SIPGUIDE_TRANSPORT_UDP, &q->hop);
        return TRUE;
    }
    /* IPv6: 40 bytes when no extension header comes before UDP. */
    if (udp >= 40 + ICMP_HEADER && (p[udp - 40] >> 4) == 6 && p[udp - 40 + 6] == IP_PROTO_UDP) {
        guint ip = udp - 40;
        const guint8 *icmp = p + ip - ICMP_HEADER;

        if (!icmp6_kind(icmp[0], icmp[1], &q->kind))
            return FALSE;
        q->mtu = q->kind == SIPGUIDE_ICMP_TOO_BIG
                 ? (guint32)icmp[4] << 24 | (guint32)icmp[5] << 16 | (guint32)icmp[6] << 8 | icmp[7]
                 : 0;
        sipguide_hop_of_addresses(AT_IPv6, p + ip + 8, p + ip + 24, 16, srcport, dstport,
                                  SIPGUIDE_TRANSPORT_UDP, &q->hop);
        return TRUE;
    }
    return FALSE;
}

gboolean
sipguide_quote_find(packet_info *pinfo, tvbuff_t *tvb, sipguide_quote_t *q)
{
    guint len = tvb_captured_length(tvb), udp;
    guint8 ports[4];
    const guint8 *p;

    if (pinfo->ptype != PT_UDP || len < ICMP_HEADER + 20 + UDP_HEADER + 12)
        return FALSE;
    ports[0] = (guint8)(pinfo->srcport >> 8);
    ports[1] = (guint8)pinfo->srcport;
    ports[2] = (guint8)(pinfo->destport >> 8);
    ports[3] = (guint8)pinfo->destport;
    p = tvb_get_ptr(tvb, 0, len);
    for (udp = ICMP_HEADER + 20; udp + UDP_HEADER + 12 <= len; udp++) {
        if (memcmp(p + udp, ports, 4) != 0
            || !start_line(p + udp + UDP_HEADER, len - udp - UDP_HEADER)
            || !headers_before(p, udp, pinfo->srcport, pinfo->destport, q))
            continue;
        q->span.ds = tvb_get_ds_tvb(tvb);
        q->span.start = tvb_raw_offset(tvb) + (gint)(udp + UDP_HEADER);
        q->span.end = tvb_raw_offset(tvb) + (gint)len;
        return TRUE;
    }
    return FALSE;
}
