/* sipguide-flow.h
 * Flow-level diagnosis: what a response means for its call or
 * registration (the outcome, with the frame that decides it), what a final
 * response inherits (the Reason of an earlier 18x, of the CANCEL behind a
 * 487), whether a 2xx to INVITE was acknowledged, challenge loops, and the
 * fate of each request: answered finally, only provisionally, timed out,
 * or cut off by the end of the capture, and how often it was sent.
 *
 * What needs the whole file (a request's fate, a missing ACK) is said only
 * in the passes that have read it: the GUI and tshark -2.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_FLOW_H
#define SIPGUIDE_FLOW_H

#include <epan/packet.h>

#include "sipguide-diagnose.h"
#include "sipguide-facts.h"

/* Whether the capture runs on long enough after this frame for a client to
 * retry a challenge with credentials (the time the model waits for it). */
gboolean sipguide_flow_retry_window_over(packet_info *pinfo);

/* Milliseconds from this frame to the end of what the model has read. */
guint32 sipguide_flow_ms_to_end(packet_info *pinfo);

/* How long after a 2xx to INVITE its ACK is overdue, in microseconds: an
 * ACK comes at once, and by 16*T1 the callee has resent its 2xx four
 * times. */
gint64 sipguide_flow_ack_wait_us(void);

/* Add the flow's lines and outcome to the result of a response. */
void sipguide_flow_response(packet_info *pinfo, const sipguide_facts_t *f, gboolean later_known,
                            sipguide_result_t *r);

/* The result of a request; FALSE when the guide has nothing to say of it
 * in this pass. */
gboolean sipguide_flow_request(packet_info *pinfo, const sipguide_facts_t *f,
                               sipguide_request_result_t *q);

#endif /* SIPGUIDE_FLOW_H */
