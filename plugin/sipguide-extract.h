/* sipguide-extract.h
 * Reads, from the SIP dissector's items in this frame's tree, every SIP
 * message (requests and responses) with the values of the fields the guide
 * uses.  Values are matched to their own message by position, so a frame
 * with several messages never mixes one message's headers into another's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_EXTRACT_H
#define SIPGUIDE_EXTRACT_H

#include <epan/packet.h>

/* The SIP fields the plugin reads: id, filter name.  From ip.id on they are
 * fields of the frame, not of a SIP message: ip.id (the innermost IPv4
 * header's) tells capture duplicates from resent messages; each Diameter
 * message is read from the bytes of its protocol item
 * (sipguide-diameter-read.c). */
#define SIPGUIDE_SF_FIRST_FRAME_FIELD SIPGUIDE_SF_IP_ID
#define SIPGUIDE_SIP_FIELDS(X) \
    X(SIP,                 "sip") \
    X(STATUS_LINE,         "sip.Status-Line") \
    X(STATUS_CODE,         "sip.Status-Code") \
    X(METHOD,              "sip.Method") \
    X(CSEQ_SEQ,            "sip.CSeq.seq") \
    X(CSEQ_METHOD,         "sip.CSeq.method") \
    X(CALL_ID,             "sip.Call-ID") \
    X(VIA_BRANCH,          "sip.Via.branch") \
    X(REASON,              "sip.Reason") \
    X(RETRY_AFTER,         "sip.Retry-After") \
    X(WARNING,             "sip.Warning") \
    X(SECURITY_SERVER,     "sip.Security-Server") \
    X(REQUIRE,             "sip.Require") \
    X(UNSUPPORTED,         "sip.Unsupported") \
    X(MIN_SE,              "sip.Min-SE") \
    X(MIN_EXPIRES,         "sip.Min-Expires") \
    X(EXPIRES,             "sip.Expires") \
    X(CONTACT,             "sip.Contact") \
    X(WWW_AUTHENTICATE,    "sip.WWW-Authenticate") \
    X(PROXY_AUTHENTICATE,  "sip.Proxy-Authenticate") \
    X(AUTHORIZATION,       "sip.Authorization") \
    X(PROXY_AUTHORIZATION, "sip.Proxy-Authorization") \
    X(CONTENT_TYPE,        "sip.Content-Type") \
    X(ALLOW,               "sip.Allow") \
    X(ACCEPT,              "sip.Accept") \
    X(RESPONSE_SOURCE,     "sip.Response-Source") \
    X(MSG_BODY,            "sip.msg_body") \
    X(FROM_TAG,            "sip.from.tag") \
    X(TO_TAG,              "sip.to.tag") \
    X(VIA_TRANSPORT,       "sip.Via.transport") \
    X(VIA_SENT_BY_ADDRESS, "sip.Via.sent-by.address") \
    X(VIA_SENT_BY_PORT,    "sip.Via.sent-by.port") \
    X(VIA_RECEIVED,        "sip.Via.received") \
    X(VIA_RPORT,           "sip.Via.rport") \
    X(RSEQ,                "sip.RSeq") \
    X(EVENT,               "sip.Event") \
    X(SUBSCRIPTION_STATE,  "sip.Subscription-State") \
    X(AUTH_REALM,          "sip.auth.realm") \
    X(AUTH_NONCE,          "sip.auth.nonce") \
    X(AUTH_RESPONSE,       "sip.auth.digest.response") \
    X(AUTH_STALE,          "sip.auth.stale") \
    X(AUTH_AUTS,           "sip.auth.auts") \
    X(FROM_ADDR,           "sip.from.addr") \
    X(TO_ADDR,             "sip.to.addr") \
    X(AUTH_USERNAME,       "sip.auth.username") \
    X(P_CHARGING_VECTOR,   "sip.P-Charging-Vector") \
    X(MAX_FORWARDS,        "sip.Max-Forwards") \
    X(IP_ID,               "ip.id") \
    X(DIAMETER,            "diameter")

typedef enum {
#define SIPGUIDE_SF_ID(id, name) SIPGUIDE_SF_##id,
    SIPGUIDE_SIP_FIELDS(SIPGUIDE_SF_ID)
#undef SIPGUIDE_SF_ID
    SIPGUIDE_SF_COUNT
} sipguide_sip_field_t;

/* Filter names and resolved ids (-1 when this Wireshark has no such field). */
extern const char *const sipguide_sip_field_names[SIPGUIDE_SF_COUNT];
extern int sipguide_sip_field_ids[SIPGUIDE_SF_COUNT];

/* The least need (sipguide-prime.h: 1 basic, 2 draw, 3 all) that reads
 * the field: the plain guide reads the code, the method and the texts a
 * site hint may match; a later pass drawing from remembered facts reads
 * what the Evidence and the calls table need; the first pass everything. */
int sipguide_sip_field_need(sipguide_sip_field_t f);

/* Resolve the ids; call from the hand-off routine. */
void sipguide_extract_handoff(void);

typedef struct {
    field_info **v;
    guint        len;
} sipguide_fi_list_t;

/* One SIP message of the frame. */
typedef struct {
    guint32            code;       /* Status-Code, 0 for a request */
    gboolean           response;
    field_info        *line;       /* Status-Line (or Status-Code), for its bytes */
    tvbuff_t          *ds;         /* the message's bytes: ds[start, end), NULL when unknown */
    gint               start;
    gint               end;
    sipguide_fi_list_t f[SIPGUIDE_SF_COUNT];   /* this message's items of each field */
} sipguide_msg_t;

typedef struct {
    guint           count;
    sipguide_msg_t *msgs;          /* pinfo->pool */
    gboolean        has_ip_id;     /* an IPv4 identification, not 0 */
    guint16         ip_id;
    /* Every item of the frame fields (from SIPGUIDE_SF_FIRST_FRAME_FIELD). */
    sipguide_fi_list_t frame_f[SIPGUIDE_SF_COUNT - SIPGUIDE_SF_FIRST_FRAME_FIELD];
} sipguide_msgs_t;

/* The items of a frame field. */
static inline const sipguide_fi_list_t *
sipguide_msgs_frame_field(const sipguide_msgs_t *msgs, sipguide_sip_field_t f)
{
    return &msgs->frame_f[f - SIPGUIDE_SF_FIRST_FRAME_FIELD];
}

/* Fill *out with the SIP messages of this frame, in order.  Returns FALSE
 * when the SIP fields cannot be read in this tree (neither primed nor
 * visible): then *out is empty and says nothing about the frame.  The
 * primed arrays of the fields above 'need' are not even looked up (they
 * were not asked for). */
gboolean sipguide_extract(proto_tree *tree, packet_info *pinfo, int need, sipguide_msgs_t *out);

/* Values of a message's field, NULL/FALSE when absent.  'i' picks one of
 * several occurrences (0 = first). */
const char *sipguide_msg_string(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i);
gboolean sipguide_msg_uint(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i, guint32 *value);

/* The raw bytes of an occurrence's item (a whole header line, or the body),
 * at most 'max' bytes, as a string in pinfo->pool; NULL when absent. */
const char *sipguide_msg_raw(const sipguide_msg_t *m, sipguide_sip_field_t f, guint i,
                             packet_info *pinfo, gint max);

/* The first item of field f that lies within the bytes of item 'within'
 * (a parameter of one header line), NULL when there is none. */
field_info *sipguide_msg_item_within(const sipguide_msg_t *m, sipguide_sip_field_t f,
                                     const field_info *within);

/* The same for a byte range [start, end) of the message's data source. */
field_info *sipguide_msg_item_between(const sipguide_msg_t *m, sipguide_sip_field_t f,
                                      gint start, gint end);

#endif /* SIPGUIDE_EXTRACT_H */
