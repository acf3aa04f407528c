/* sipguide-diameter.h
 * Cross-protocol evidence: the Diameter message behind a SIP response.
 * The Cx answers of the HSS (UAA, MAA, SAA, LIA; TS 29.228/29.229) and
 * the Rx answers and requests of the PCRF (AAA, ASR, RAR; TS 29.214) of
 * the capture are kept by their identities (public and private identity,
 * Subscription-Id, the charging identifier, the UE's address), taken from
 * the request of their session; a SIP response looks up the latest one of
 * its own user within its transaction: a REGISTER's final response the Cx
 * answer, a failed INVITE or UPDATE the Rx AAA or a Cx LIA, the responses
 * to the BYE or CANCEL that releases a call an Rx ASR or RAR before it.
 * Two candidates of different sessions that disagree are not guessed
 * between: the guide says so.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_DIAMETER_H
#define SIPGUIDE_DIAMETER_H

#include "sipguide-catalog.h"
#include "sipguide-model.h"
#include "sipguide-transaction.h"

/* Diameter applications, as the guide names them. */
typedef enum {
    SIPGUIDE_APP_NONE,
    SIPGUIDE_APP_CX,
    SIPGUIDE_APP_RX,
    SIPGUIDE_APP_SH
} sipguide_app_t;

/* The command behind a link. */
typedef enum {
    SIPGUIDE_DIAM_CMD_OTHER,
    SIPGUIDE_DIAM_CMD_UAA,          /* Cx: the I-CSCF asked where to register */
    SIPGUIDE_DIAM_CMD_SAA,          /* Cx: the S-CSCF asked for the user's profile */
    SIPGUIDE_DIAM_CMD_LIA,          /* Cx: the I-CSCF asked where the callee is served */
    SIPGUIDE_DIAM_CMD_MAA,          /* Cx: the S-CSCF asked for authentication vectors */
    SIPGUIDE_DIAM_CMD_AAA,          /* Rx: the P-CSCF asked for the session's bearer */
    SIPGUIDE_DIAM_CMD_ASR,          /* Rx: the PCRF aborts the session */
    SIPGUIDE_DIAM_CMD_RAR           /* Rx: the PCRF reports on the bearer */
} sipguide_diam_cmd_t;

/* A Diameter link's data (sipguide-facts.h: 24 bits): the result (or an
 * ASR's Abort-Cause, a RAR's Specific-Action), the application and the
 * command. */
#define SIPGUIDE_DIAM_VALUE(d)        ((d) & 0xffffu)
#define SIPGUIDE_DIAM_APP(d)          ((sipguide_app_t)(((d) >> 16) & 0x3u))
#define SIPGUIDE_DIAM_EXPERIMENTAL    0x040000u    /* VALUE is an Experimental-Result-Code */
#define SIPGUIDE_DIAM_NO_VALUE        0x080000u    /* the message had none */
#define SIPGUIDE_DIAM_CMD(d)          ((sipguide_diam_cmd_t)(((d) >> 20) & 0x7u))

void sipguide_diameter_register(void);
void sipguide_diameter_shutdown(void);
void sipguide_diameter_clear(void);
void sipguide_diameter_sweep(guint32 now);
gboolean sipguide_diameter_refused(void);

/* Feed the Diameter messages of a frame. */
void sipguide_diameter_frame(const sipguide_step_t *s, const sipguide_msgs_t *msgs);

/* Link a SIP response to the Diameter message that explains it, when its
 * user has one in the capture. */
void sipguide_diameter_response(const sipguide_step_t *s, const sipguide_txn_view_t *view);

/* A user's identity as a key: kind 'U' for a public identity (a SIP or
 * tel URI, compared without scheme, port and parameters), 'I' for a
 * private one, 'C' for a charging identifier (ICID); 0 for none. */
guint32 sipguide_diameter_identity(char kind, const char *s);

/* The command name of a link ("UAA", "MAA", "ASR" ...), for the drawing. */
const char *sipguide_diameter_command(guint32 data);

/* The data/diameter.txt entry of a link's value, from the table its
 * command and AVP say; NULL when the message had no value or the table
 * does not list it. */
const sipguide_diam_entry_t *sipguide_diameter_entry(guint32 data);

#endif /* SIPGUIDE_DIAMETER_H */
