/* sipguide-quote.h
 * A SIP message that comes back quoted in an ICMP or ICMPv6 error: where
 * the quote lies in the frame, the hop of the datagram it quotes, and what
 * the error says of it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_QUOTE_H
#define SIPGUIDE_QUOTE_H

#include <epan/packet.h>

#include "sipguide-extract.h"
#include "sipguide-hop.h"

/* What an error says of the datagram it quotes. */
typedef enum {
    SIPGUIDE_ICMP_PORT,         /* port unreachable: nothing listens on that port */
    SIPGUIDE_ICMP_HOST,         /* no route, network, host or address unreachable */
    SIPGUIDE_ICMP_ADMIN,        /* communication administratively prohibited */
    SIPGUIDE_ICMP_TOO_BIG,      /* fragmentation needed / packet too big (an MTU) */
    SIPGUIDE_ICMP_TTL,          /* time (hop limit) exceeded in transit or reassembly */
    SIPGUIDE_ICMP_OTHER         /* another error (parameter problem, source quench ...) */
} sipguide_icmp_kind_t;

typedef struct {
    sipguide_icmp_kind_t kind;
    guint32              mtu;   /* with SIPGUIDE_ICMP_TOO_BIG, when the error gives one */
    sipguide_hop_t       hop;   /* of the quoted datagram, as its own frame gives it */
    sipguide_span_t      span;  /* the quoted SIP message, as far as the quote goes */
} sipguide_quote_t;

/* Whether the frame 'tvb' (the whole frame) holds an ICMP or ICMPv6 error
 * whose quote is a SIP message over UDP: the first place in its bytes where
 * an error's ICMP header, an IPv4 or IPv6 header that carries UDP, a UDP
 * header and a SIP start line follow each other.  Nothing is read outside
 * 'tvb'. */
gboolean sipguide_quote_find(tvbuff_t *tvb, sipguide_quote_t *q);

/* The data of the link the quoted request keeps (sipguide-facts.h): the
 * kind (3 bits), the MTU (16 bits), how many errors quoted a copy of it
 * (4 bits, at most 15), and whether its client sent it again after the
 * first error (1 bit). */
#define SIPGUIDE_ICMP_DATA(kind, mtu, count, resent) \
    (((guint32)(kind) & 0x7u) | ((guint32)MIN((mtu), 0xffffu) << 3) \
     | ((guint32)MIN((count), 15u) << 19) | ((resent) ? 1u << 23 : 0u))
#define SIPGUIDE_ICMP_KIND(data)   ((sipguide_icmp_kind_t)((data) & 0x7u))
#define SIPGUIDE_ICMP_MTU(data)    (((data) >> 3) & 0xffffu)
#define SIPGUIDE_ICMP_COUNT(data)  (((data) >> 19) & 0xfu)
#define SIPGUIDE_ICMP_RESENT(data) ((((data) >> 23) & 1u) != 0)
/* One error more (up to 15), and the resent bit, set in place. */
#define SIPGUIDE_ICMP_ONE_MORE(data) \
    (SIPGUIDE_ICMP_COUNT(data) < 15u ? (data) + (1u << 19) : (data))
#define SIPGUIDE_ICMP_WITH_RESENT(data) ((data) | 1u << 23)

#endif /* SIPGUIDE_QUOTE_H */
