/* sipguide-calls.h
 * The calls and registrations table: one line per INVITE dialog and per
 * registration flow, with its outcome and the response that decided it,
 * post-dial delay, set-up time, release cause and unanswered requests
 * (tshark -q -z sipguide,calls[,filter]; Statistics > SIP Response Guide >
 * Calls and registrations in the GUI), and a summary by outcome.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_CALLS_H
#define SIPGUIDE_CALLS_H

#include <epan/packet.h>

#include "sipguide-hop.h"

/* What the dissector queues on the "sipguide.calls" tap for each SIP
 * message the model read (strings in pinfo->pool). */
typedef struct {
    gboolean        response;
    guint32         code;
    const char     *method;         /* request method, or CSeq method */
    const char     *call_id;
    const char     *from_tag;
    const char     *to_tag;
    const char     *from_uri;
    const char     *to_uri;
    sipguide_hop_t  hop;
    gint64          us;             /* arrival after the file's first message */
    guint32         request_in;     /* a response: its request on this hop, or 0 */
    gboolean        copy;           /* a resend or a duplicate of an earlier message */
    gboolean        resent;         /* a resend (not a duplicate) */
    int             call_outcome;   /* a final response: terms of data/vocabulary.txt */
    int             reg_outcome;
    int             category;
    guint           nreasons;       /* Reason values, packed (sipguide-reason.h) */
    guint32         reasons[2];
    guint32         reasons_from;   /* the 18x or CANCEL a failure inherits them from, or 0 */
    guint32         diameter_frame; /* the Diameter message behind a response, or 0 */
    guint32         diameter_data;  /* its link data (sipguide-diameter.h) */
    gboolean        diameter_elsewhere; /* a success next to a failure: not its cause */
} sipguide_calls_tap_t;

/* Register the tap and the table; call from the registration routine. */
void sipguide_calls_register(void);

/* The tap's id, for have_tap_listener() and tap_queue_packet(). */
int sipguide_calls_tap(void);

#endif /* SIPGUIDE_CALLS_H */
