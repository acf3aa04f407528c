/* sipguide-reason.h
 * One value of a Reason header (RFC 3326, RFC 6432; TS 24.229 §7.2A.18):
 * its protocol, cause and text, read with a bounded parser, and a compact
 * form (protocol and cause in 24 bits) for what the model remembers of an
 * earlier message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_REASON_H
#define SIPGUIDE_REASON_H

#include <epan/packet.h>

typedef enum {
    SIPGUIDE_REASON_OTHER,
    SIPGUIDE_REASON_SIP,
    SIPGUIDE_REASON_Q850,
    SIPGUIDE_REASON_RELEASE_CAUSE,
    SIPGUIDE_REASON_FAILURE_CAUSE
} sipguide_reason_proto_t;

typedef struct {
    const char              *protocol;  /* as written, pinfo->pool */
    sipguide_reason_proto_t  proto;
    guint32                  cause;
    const char              *text;      /* text parameter without quotes, or NULL */
} sipguide_reason_t;

/* Read one Reason value ("Q.850;cause=17;text=\"User busy\"").  FALSE when
 * it has no protocol or no numeric cause. */
gboolean sipguide_reason_parse(const char *value, packet_info *pinfo, sipguide_reason_t *r);

/* A reason in 24 bits (protocol and a cause up to 65535), and back; 0 is
 * "none". */
guint32 sipguide_reason_pack(sipguide_reason_proto_t proto, guint32 cause);
gboolean sipguide_reason_unpack(guint32 packed, sipguide_reason_proto_t *proto, guint32 *cause);

/* "Q.850 cause 17 (User busy)", from the cause tables of data/ (pinfo->pool). */
const char *sipguide_reason_describe(packet_info *pinfo, sipguide_reason_proto_t proto, guint32 cause);

#endif /* SIPGUIDE_REASON_H */
