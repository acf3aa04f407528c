/* sipguide-extract.h
 * Finds every SIP message of the frame (requests and responses): from the
 * SIP dissector's protocol items, from the messages the dissectors hand to
 * the export tap (sipguide-pdus.h), or where an earlier pass found them;
 * and reads each from its own bytes, so a frame with several messages
 * never mixes one message's headers into another's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_EXTRACT_H
#define SIPGUIDE_EXTRACT_H

#include <epan/packet.h>

#include "sipguide-headers.h"

/* The fields the plugin asks Wireshark for: id, filter name.  Of each SIP
 * message only its protocol item, which says where its bytes are; the
 * message is read from them (sipguide-headers.c).  From ip.id on they are
 * fields of the frame: ip.id (the innermost IPv4 header's) tells capture
 * duplicates from resent messages; each Diameter message is read from the
 * bytes of its protocol item (sipguide-diameter-read.c). */
#define SIPGUIDE_SF_FIRST_FRAME_FIELD SIPGUIDE_SF_IP_ID
#define SIPGUIDE_SIP_FIELDS(X) \
    X(SIP,                 "sip") \
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
 * the field: every reading needs the messages; the model (the first pass)
 * the frame fields too. */
int sipguide_sip_field_need(sipguide_sip_field_t f);

/* Resolve the ids; call from the hand-off routine. */
void sipguide_extract_handoff(void);
void sipguide_extract_shutdown(void);

/* Take the SIP dissector's preferences that change how a message reads;
 * call at the start of each file. */
void sipguide_extract_file_start(void);

typedef struct {
    field_info **v;
    guint        len;
} sipguide_fi_list_t;

/* Where a message lies: the bytes [start, end) of a data source of the
 * frame. */
typedef struct {
    tvbuff_t *ds;
    gint      start;
    gint      end;
} sipguide_span_t;

/* The same, kept from the first pass for the later ones, which find the
 * data source again by its place in the frame's list (the dissectors add
 * them in the same order each time). */
typedef struct {
    guint32 start;
    guint32 length : 24;
    guint32 source : 8;     /* SIPGUIDE_NO_SOURCE: not found */
} sipguide_where_t;

#define SIPGUIDE_NO_SOURCE 0xffu

/* One SIP message of the frame. */
typedef struct {
    guint32            code;       /* Status-Code, 0 for a request */
    gboolean           response;
    tvbuff_t          *ds;         /* the message's bytes: ds[start, end) */
    gint               start;
    gint               end;
    const guint8      *p;          /* the captured ones: p[0, len) */
    gint               len;
    wmem_allocator_t  *pool;       /* pinfo->pool, for its strings */
    /* Its start line, headers and body; it points into itself, so a
     * message is never copied. */
    sipguide_headers_t h;
    /* Read only as far as a basic guide needs (its start line and first
     * CSeq); the accessors below read the rest when asked. */
    gboolean           partial;
    /* Its method once read (sipguide_msg_method()): the facts and the
     * model's values both ask for it. */
    gboolean           method_read;
    const char        *method;
    /* Room in pinfo->pool for the copies of its texts, taken once. */
    char              *texts;
    gint               texts_left;
} sipguide_msg_t;

typedef struct {
    guint           count;
    sipguide_msg_t *msgs;          /* pinfo->pool */
    gboolean        has_ip_id;     /* an IPv4 identification, not 0 */
    guint16         ip_id;
    guint           ndiameter;
    sipguide_span_t *diameter;     /* the Diameter messages, for the model */
} sipguide_msgs_t;

/* Fill *out with the SIP messages of this frame, in order.  Returns FALSE
 * when the SIP messages cannot be found in this tree (neither primed nor
 * visible): then *out is empty and says nothing about the frame.  The
 * frame fields are looked up only when 'need' reaches theirs. */
gboolean sipguide_extract(proto_tree *tree, packet_info *pinfo, int need, sipguide_msgs_t *out);

/* Fill *out from the spans of the SIP and Diameter messages of this frame
 * and its IPv4 identification (0: none), found otherwise; the arrays must
 * live as long as *out. */
void sipguide_extract_spans(packet_info *pinfo, int need, const sipguide_span_t *sip, guint nsip,
                            sipguide_span_t *diameter, guint ndiameter, guint16 ip_id,
                            sipguide_msgs_t *out);

/* Where message m lies, to keep; source SIPGUIDE_NO_SOURCE when its data
 * source is not among the frame's. */
void sipguide_where_of(packet_info *pinfo, const sipguide_msg_t *m, sipguide_where_t *w);
void sipguide_where_of_span(packet_info *pinfo, const sipguide_span_t *s, sipguide_where_t *w);

/* The span a kept place names in this dissection of the frame; FALSE
 * when this dissection has no such data source or bytes. */
gboolean sipguide_where_span(packet_info *pinfo, const sipguide_where_t *w, sipguide_span_t *s);

/* Read the rest of a message read in part; nothing for one read whole. */
void sipguide_msg_complete(const sipguide_msg_t *m);

/* How many lines of header 'h' the message has. */
static inline guint
sipguide_msg_count(const sipguide_msg_t *m, sipguide_hdr_t h)
{
    if (m->partial)
        sipguide_msg_complete(m);
    return (unsigned)h < SIPGUIDE_H_COUNT ? m->h.count[h] : 0;
}

/* The value of the i-th line of header 'h' (0 = first), from after the
 * colon and blanks to the end of the line (folds included), as a string
 * in pinfo->pool; NULL when absent. */
const char *sipguide_msg_string(const sipguide_msg_t *m, sipguide_hdr_t h, guint i);

/* The bytes p[off, off + len) of the message as a string in pinfo->pool,
 * as Wireshark reads them in 'encoding' (ENC_UTF_8 or ENC_ASCII). */
const char *sipguide_msg_text(const sipguide_msg_t *m, gint off, gint len, guint encoding);

/* A request's method, or the CSeq method of a response; NULL when the
 * message has none. */
const char *sipguide_msg_method(const sipguide_msg_t *m);

/* The Status-Line of a response, without its line end; NULL otherwise. */
const char *sipguide_msg_status_line(const sipguide_msg_t *m);

/* A whole header line (its name and line end included), at most 'max'
 * bytes, as a string in pinfo->pool; NULL when absent. */
const char *sipguide_msg_raw(const sipguide_msg_t *m, sipguide_hdr_t h, guint i,
                             packet_info *pinfo, gint max);

/* The body, at most 'max' bytes, as a string in pinfo->pool; NULL when
 * the message has none. */
const char *sipguide_msg_body(const sipguide_msg_t *m, packet_info *pinfo, gint max);

/* The captured bytes of the body, in place (*len may be less than the
 * body's length when the capture cut it).  FALSE when there are none or
 * the body is encoded (Content-Encoding). */
gboolean sipguide_msg_body_bytes(const sipguide_msg_t *m, const guint8 **p, gint *len);

#endif /* SIPGUIDE_EXTRACT_H */
