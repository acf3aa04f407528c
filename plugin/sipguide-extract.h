/* sipguide-extract.h
 * Reads, from the SIP dissector's items in this frame's tree, every SIP
 * response: its Status-Code, the method of its CSeq and its Status-Line.
 * Values are matched to their own message by position, so a frame with
 * several messages never mixes one message's headers into another's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_EXTRACT_H
#define SIPGUIDE_EXTRACT_H

#include <epan/packet.h>

typedef struct {
    guint32     code;
    const char *method;      /* the CSeq method, or NULL; pinfo->pool */
    field_info *line;        /* the Status-Line (or Status-Code) item, for its bytes */
} sipguide_seen_t;

typedef struct {
    unsigned         count;
    sipguide_seen_t *items;  /* pinfo->pool */
} sipguide_seen_list_t;

/* Fill *out with the responses of this frame, in order.  Returns FALSE when
 * the SIP fields cannot be read in this tree (neither primed nor visible):
 * then *out is empty and says nothing about the frame. */
gboolean sipguide_extract(proto_tree *tree, packet_info *pinfo, sipguide_seen_list_t *out);

#endif /* SIPGUIDE_EXTRACT_H */
