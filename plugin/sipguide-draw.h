/* sipguide-draw.h
 * Drawing one response's guide from its result.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_DRAW_H
#define SIPGUIDE_DRAW_H

#include <epan/packet.h>

#include "sipguide-diagnose.h"
#include "sipguide-extract.h"

/* The guide of result r under tree.  m is the response's message in this
 * pass (NULL when it cannot be read: its bytes and site-hint texts are
 * then unknown).  'shown': the labels are read; 'want_expert': expert
 * items are read although the labels are not. */
void sipguide_draw_response(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                            const sipguide_result_t *r, const sipguide_msg_t *m,
                            gboolean shown, gboolean want_expert);

/* The guide part of a request frame, from its result. */
void sipguide_draw_request(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                           const sipguide_request_result_t *q, const sipguide_msg_t *m,
                           gboolean shown, gboolean want_expert);

#endif /* SIPGUIDE_DRAW_H */
