/* sipguide-hop.h
 * Hop identity: which two endpoints a SIP message travelled between, as
 * seen at the capture point.  Addresses are the innermost ones (the IP
 * dissector of a tunnelled packet, IP-in-IP or GRE/ERSPAN, sets them last);
 * ports are those of the transport (UDP, TCP, SCTP; TLS and WebSocket ride
 * on TCP).  Endpoints are kept as 32-bit hashes: they are only ever compared
 * among the copies of one transaction or dialog.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_HOP_H
#define SIPGUIDE_HOP_H

#include <epan/packet.h>

typedef enum {
    SIPGUIDE_TRANSPORT_OTHER,
    SIPGUIDE_TRANSPORT_UDP,
    SIPGUIDE_TRANSPORT_TCP,         /* TCP, TLS, WebSocket */
    SIPGUIDE_TRANSPORT_SCTP
} sipguide_transport_t;

/* One direction of one hop. */
typedef struct {
    guint32 src_ep;                 /* address and port */
    guint32 dst_ep;
    guint32 src_addr;               /* address only */
    guint32 dst_addr;
    guint8  transport;              /* sipguide_transport_t */
} sipguide_hop_t;

/* The hop of the frame being dissected. */
void sipguide_hop_of_frame(const packet_info *pinfo, sipguide_hop_t *hop);

/* The hop of a datagram given by its addresses (an address type of
 * Wireshark's, and 'len' bytes each) and ports, as sipguide_hop_of_frame
 * would give it for the datagram's own frame. */
void sipguide_hop_of_addresses(int type, const guint8 *src, const guint8 *dst, int len,
                               guint32 srcport, guint32 dstport, sipguide_transport_t transport,
                               sipguide_hop_t *hop);

/* The hash of an endpoint given by text (a Via sent-by or received
 * address and a port), comparable with the hashes of sipguide_hop_t when
 * the text is a literal IPv4 or IPv6 address; 0 when it is not. */
guint32 sipguide_hop_endpoint_text(const char *host, guint32 port);
guint32 sipguide_hop_address_text(const char *host);

/* How well a message going 'back' answers one that went 'out' on the
 * same hop: 0 when it cannot (other addresses), higher is closer.  Each
 * side scores 2 for the same endpoint, 1 for the Via endpoint of the
 * request ('via_ep', 0 when unknown) and 0 for the same address only (a
 * UDP response goes to the Via port, not always to the source port).
 * When both ends share one address (loopback) the responder must answer
 * from the port the request reached. */
int sipguide_hop_answers(const sipguide_hop_t *out, guint32 via_ep, const sipguide_hop_t *back);

/* Whether two messages went the same way on the same hop: same endpoints,
 * or over UDP the same addresses (a client may send from another port)
 * unless both ends share one address.
 * Returns 2 for the same endpoints, 1 for the same addresses, 0 otherwise. */
int sipguide_hop_same_way(const sipguide_hop_t *a, const sipguide_hop_t *b);

/* Whether two messages crossed the same hop in either direction (the
 * requests of a dialog go both ways): 2, 1 or 0 as above. */
int sipguide_hop_same_pair(const sipguide_hop_t *a, const sipguide_hop_t *b);

#endif /* SIPGUIDE_HOP_H */
