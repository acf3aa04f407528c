/* sipguide-hop.c
 * Endpoint hashes of a frame and of Via text, and the rules that say
 * whether two messages crossed the same hop.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <wsutil/inet_addr.h>

#include "sipguide-hop.h"

static guint32
fnv32(guint32 h, const guint8 *p, gsize n)
{
    while (n-- > 0) {
        h ^= *p++;
        h *= 16777619u;
    }
    return h;
}

/* The hash of an address: its type and bytes. */
static guint32
address_hash(int type, const void *data, int len)
{
    guint32 h = 2166136261u;
    guint8 t = (guint8)type;

    h = fnv32(h, &t, 1);
    if (data != NULL && len > 0)
        h = fnv32(h, (const guint8 *)data, (gsize)len);
    return h;
}

/* The hash of an endpoint: its address's, with the port. */
static guint32
port_hash(guint32 address, guint32 port)
{
    guint8 p[2] = { (guint8)(port >> 8), (guint8)port };

    return fnv32(address, p, 2);
}

/* 0 stands for "unknown", so no real endpoint hashes to it. */
static guint32
known(guint32 h)
{
    return h != 0 ? h : 1;
}

static guint32
endpoint_hash(int type, const void *data, int len, guint32 port, gboolean with_port)
{
    guint32 h = address_hash(type, data, len);

    return known(with_port ? port_hash(h, port) : h);
}

void
sipguide_hop_of_frame(const packet_info *pinfo, sipguide_hop_t *hop)
{
    guint32 src = address_hash(pinfo->src.type, pinfo->src.data, pinfo->src.len);
    guint32 dst = address_hash(pinfo->dst.type, pinfo->dst.data, pinfo->dst.len);

    hop->src_ep = known(port_hash(src, pinfo->srcport));
    hop->dst_ep = known(port_hash(dst, pinfo->destport));
    hop->src_addr = known(src);
    hop->dst_addr = known(dst);
    switch (pinfo->ptype) {
    case PT_UDP:  hop->transport = SIPGUIDE_TRANSPORT_UDP; break;
    case PT_TCP:  hop->transport = SIPGUIDE_TRANSPORT_TCP; break;
    case PT_SCTP: hop->transport = SIPGUIDE_TRANSPORT_SCTP; break;
    default:      hop->transport = SIPGUIDE_TRANSPORT_OTHER; break;
    }
}

void
sipguide_hop_of_addresses(int type, const guint8 *src, const guint8 *dst, int len,
                          guint32 srcport, guint32 dstport, sipguide_transport_t transport,
                          sipguide_hop_t *hop)
{
    guint32 s = address_hash(type, src, len), d = address_hash(type, dst, len);

    hop->src_ep = known(port_hash(s, srcport));
    hop->dst_ep = known(port_hash(d, dstport));
    hop->src_addr = known(s);
    hop->dst_addr = known(d);
    hop->transport = (guint8)transport;
}

/* A dotted-quad IPv4 address, read as inet_pton() reads one: four
 * decimal numbers up to 255, no leading zero, nothing else. */
static gboolean
parse_ipv4(const char *s, guint8 *bytes)
{
    int parts = 0;

    for (;;) {
        guint v = 0;
        int digits = 0;
        while (g_ascii_isdigit(*s)) {
            if (digits > 0 && v == 0)
                return FALSE;       /* a leading zero */
            v = v * 10 + (guint)(*s++ - '0');
            if (v > 255)
                return FALSE;
            digits++;
        }
        if (digits == 0)
            return FALSE;
        bytes[parts++] = (guint8)v;
        if (parts == 4)
            return *s == '\0';
        if (*s++ != '.')
            return FALSE;
    }
}

/* A literal address in Via text, as the IP dissector would give it. */
static gboolean
parse_address(const char *host, int *type, guint8 *bytes, int *len)
{
    ws_in6_addr v6;
    char buf[64];
    gsize n;

    if (host == NULL)
        return FALSE;
    n = strlen(host);
    /* An IPv6 reference is written in brackets. */
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof(buf)) {
        memcpy(buf, host + 1, n - 2);
        buf[n - 2] = '\0';
        host = buf;
    }
    if (parse_ipv4(host, bytes)) {
        *type = AT_IPv4;
        *len = 4;
        return TRUE;
    }
    if (strchr(host, ':') != NULL && ws_inet_pton6(host, &v6)) {
        *type = AT_IPv6;
        memcpy(bytes, &v6, 16);
        *len = 16;
        return TRUE;
    }
    return FALSE;
}

guint32
sipguide_hop_endpoint_text(const char *host, guint32 port)
{
    guint8 bytes[16];
    int type, len;

    if (!parse_address(host, &type, bytes, &len))
        return 0;
    return endpoint_hash(type, bytes, len, port, TRUE);
}

guint32
sipguide_hop_address_text(const char *host)
{
    guint8 bytes[16];
    int type, len;

    if (!parse_address(host, &type, bytes, &len))
        return 0;
    return endpoint_hash(type, bytes, len, 0, FALSE);
}

int
sipguide_hop_answers(const sipguide_hop_t *out, guint32 via_ep, const sipguide_hop_t *back)
{
    int score = 1;      /* 1 + what each side adds, so that a match is never 0 */

    if (back->src_addr != out->dst_addr || back->dst_addr != out->src_addr)
        return 0;
    /* Both ends on one host (loopback): only the ports tell hops apart,
     * and a responder answers from the port the request reached. */
    if (out->src_addr == out->dst_addr && back->src_ep != out->dst_ep)
        return 0;
    if (back->src_ep == out->dst_ep)
        score += 2;
    if (back->dst_ep == out->src_ep)
        score += 2;
    else if (via_ep != 0 && back->dst_ep == via_ep)
        score += 1;
    return score;
}

int
sipguide_hop_same_way(const sipguide_hop_t *a, const sipguide_hop_t *b)
{
    if (a->src_ep == b->src_ep && a->dst_ep == b->dst_ep)
        return 2;
    /* Over UDP a client may send from another port; not when both ends
     * share one address, where the ports are all that tells hops apart. */
    if (a->src_addr == b->src_addr && a->dst_addr == b->dst_addr && a->src_addr != a->dst_addr
        && a->transport == SIPGUIDE_TRANSPORT_UDP && b->transport == SIPGUIDE_TRANSPORT_UDP)
        return 1;
    return 0;
}

int
sipguide_hop_same_pair(const sipguide_hop_t *a, const sipguide_hop_t *b)
{
    sipguide_hop_t r;

    r.src_ep = b->dst_ep;
    r.dst_ep = b->src_ep;
    r.src_addr = b->dst_addr;
    r.dst_addr = b->src_addr;
    r.transport = b->transport;
    return MAX(sipguide_hop_same_way(a, b), sipguide_hop_same_way(a, &r));
}
