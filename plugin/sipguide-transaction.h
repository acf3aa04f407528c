/* sipguide-transaction.h
 * Transactions of the model: which request a response answers on its hop,
 * copies of a message (retransmissions, capture duplicates, the same
 * message at another capture point), the CANCEL of an INVITE, forks, and
 * the challenges of a client with the retries that answer them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_TRANSACTION_H
#define SIPGUIDE_TRANSACTION_H

#include "sipguide-model.h"

/* What the transaction part learnt about a response, for the dialog part. */
typedef struct {
    guint32     request_frame;  /* its request on this hop, 0 when not captured */
    gint64      request_us;     /* its first arrival, with request_frame */
    gboolean    copy;           /* a retransmission or duplicate of an earlier response */
    gboolean    in_dialog;      /* the request had a To tag */
    guint32     impi;           /* identity keys of the request (sipguide-diameter.h), or 0 */
    guint32     icid;
} sipguide_txn_view_t;

void sipguide_transaction_register(void);
void sipguide_transaction_shutdown(void);
void sipguide_transaction_clear(void);
void sipguide_transaction_sweep(guint32 now);
gboolean sipguide_transaction_refused(void);

/* How long a client's challenge waits for its retry with credentials (a
 * user may take a while to give a password), in seconds. */
#define SIPGUIDE_CHALLENGE_LIFE_S 300

/* Feed a request; FALSE when it is a copy of an earlier one (it then
 * changes nothing else in the model). */
gboolean sipguide_transaction_request(const sipguide_step_t *s);

/* A request quoted in an ICMP error in 'frame' (its values and hop as the
 * quote gives them; 'kind' and 'mtu' as sipguide-quote.h): the first copy
 * of the request on that hop keeps a link to the first such error and
 * counts them.  Nothing else changes. */
void sipguide_transaction_quoted(const sipguide_values_t *v, const sipguide_hop_t *hop,
                                 guint32 frame, guint kind, guint32 mtu);

/* Feed a response. */
void sipguide_transaction_response(const sipguide_step_t *s, sipguide_txn_view_t *view);

#endif /* SIPGUIDE_TRANSACTION_H */
