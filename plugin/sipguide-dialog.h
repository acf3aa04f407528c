/* sipguide-dialog.h
 * Dialogs of the model (RFC 3261 §12, RFC 6665 §4.1): Call-ID and both
 * tags, per hop, with their usages: the INVITE usage (early per To tag,
 * confirmed by a 2xx, ended by BYE or a failure) and the subscription
 * usage (SUBSCRIBE or REFER, established by a 2xx or a NOTIFY, ended by
 * Subscription-State: terminated or an expiry of 0).  A 481 is explained
 * with the usage its method belongs to.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_DIALOG_H
#define SIPGUIDE_DIALOG_H

#include "sipguide-model.h"
#include "sipguide-transaction.h"

void sipguide_dialog_register(void);
void sipguide_dialog_shutdown(void);
void sipguide_dialog_clear(void);
void sipguide_dialog_sweep(guint32 now);
gboolean sipguide_dialog_refused(void);

/* Whether a dialog record was ever dropped in this file (swept or
 * refused), so that "not seen" may mean "forgotten". */
gboolean sipguide_dialog_forgot(void);

/* Feed a request that is not a copy of an earlier one. */
void sipguide_dialog_request(const sipguide_step_t *s);

/* Feed a response, after the transaction part saw it. */
void sipguide_dialog_response(const sipguide_step_t *s, const sipguide_txn_view_t *view);

#endif /* SIPGUIDE_DIALOG_H */
