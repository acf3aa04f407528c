/* sipguide-transaction.h
 * The transaction and call around a response: the request it answers, the
 * CANCEL behind a 487, the retry with credentials after a 401/407, a
 * retransmitted response, and for a 481 whether the dialog's INVITE was
 * seen.  Tables live in file scope and are filled once per frame, in frame
 * order, the first time a frame is read with its SIP values.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_TRANSACTION_H
#define SIPGUIDE_TRANSACTION_H

#include <epan/packet.h>

#include "sipguide-extract.h"

/* Links of one response; frame numbers are 0 when there is none. */
typedef struct {
    guint32 request_in;
    guint32 response_ms;        /* valid with request_in */
    guint32 cancel_in;
    guint32 auth_retry_in;      /* set later, when the retry is seen */
    guint32 retransmission_of;
    guint32 invite_in;          /* the INVITE of the Call-ID, for a 481 */
    gint64  asked_expires;      /* expiry the request asked for, or -1 */
} sipguide_links_t;

/* Create the file-scope tables; a registration routine. */
void sipguide_transaction_register(void);

/* Forget what the previous file recorded; an init routine. */
void sipguide_transaction_file_start(void);

/* Record one message of a frame read for the first time, and for a
 * response fill *links.  With links_kept, *links stays in file scope and a
 * later retry with credentials updates it; without (the frame is never
 * read again), nothing later refers to it. */
void sipguide_transaction_add(packet_info *pinfo, const sipguide_msg_t *m,
                              sipguide_links_t *links, gboolean links_kept);

/* Whether every frame after 'frame' has been recorded up to a later frame
 * already, so that "nothing was seen" is an answer and not a guess. */
gboolean sipguide_transaction_seen_after(guint32 frame);

#endif /* SIPGUIDE_TRANSACTION_H */
