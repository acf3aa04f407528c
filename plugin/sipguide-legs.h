/* sipguide-legs.h
 * The legs of one request through a proxy: the same Call-ID, CSeq and
 * method, sent on by the element that received it (each leg its own
 * transaction, RFC 3261 §16.6).  They tell what the capture shows of a leg
 * that got no response: its client, a proxy, answered upstream instead
 * (it gave up on the next hop) or sent the request to another next hop.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_LEGS_H
#define SIPGUIDE_LEGS_H

#include "sipguide-model.h"

void sipguide_legs_register(void);
void sipguide_legs_shutdown(void);
void sipguide_legs_clear(void);
void sipguide_legs_sweep(guint32 now);
gboolean sipguide_legs_refused(void);

/* A request's first copy on its hop (not a resend, not a duplicate). */
void sipguide_legs_request(const sipguide_step_t *s);

/* A response's first copy on its hop, and the frame of the request it
 * answers there (0 when that is not in the capture). */
void sipguide_legs_response(const sipguide_step_t *s, guint32 request_frame);

#endif /* SIPGUIDE_LEGS_H */
