/* sipguide-evidence.h
 * What a response's own headers and body say about it: Reason, Retry-After,
 * Warning, security and option-tag headers, timers, challenges, Contact,
 * Allow, Accept, the 3GPP IMS XML body and Response-Source.  Each piece
 * becomes a sentence of data/evidence.txt plus its parsed values.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_EVIDENCE_H
#define SIPGUIDE_EVIDENCE_H

#include <epan/packet.h>

#include "sipguide-catalog.h"
#include "sipguide-extract.h"

/* Bounds: a message with thousands of headers is read, but only this many
 * values of each kind are shown. */
#define SIPGUIDE_EV_MAX_LINES   24
#define SIPGUIDE_EV_MAX_VALUES  8

typedef struct {
    sipguide_text_t id;
    const char     *text;          /* the sentence, filled in (pinfo->pool) */
    gboolean        contradicts;   /* disagrees with the Status-Code */
    gboolean        malformed;     /* the header could not be read */
} sipguide_ev_line_t;

typedef struct {
    const char *protocol;
    gboolean    has_cause;
    guint32     cause;
    const char *text;
} sipguide_ev_reason_t;

typedef struct {
    guint               line_count;
    sipguide_ev_line_t  lines[SIPGUIDE_EV_MAX_LINES];

    guint               reason_count;
    sipguide_ev_reason_t reasons[SIPGUIDE_EV_MAX_VALUES];
    gboolean            has_retry_after;
    guint32             retry_after;
    guint               warning_count;
    guint32             warnings[SIPGUIDE_EV_MAX_VALUES];
    gboolean            has_min_se;
    guint32             min_se;
    gboolean            has_min_expires;
    guint32             min_expires;
    const char         *auth_algorithm;
    const char         *alt_type;
    const char         *alt_action;
    const char         *response_source;
    const char         *received_phrase;   /* when it differs from the registered one */
} sipguide_evidence_t;

/* Read the evidence of response message m.  'asked_expires' is the expiry
 * the request asked for (from the transaction), or -1 when unknown. */
void sipguide_evidence_read(const sipguide_msg_t *m, packet_info *pinfo,
                            gint64 asked_expires, sipguide_evidence_t *ev);

/* The algorithm a 401/407 asks for (MD5 when its challenge names none),
 * or NULL without a challenge; and whether it is IMS-AKA. */
const char *sipguide_evidence_algorithm(const sipguide_msg_t *m, packet_info *pinfo);
gboolean sipguide_evidence_algorithm_aka(const char *algorithm);

/* The type and action of a 3GPP IMS XML alternative-service body (each
 * NULL when absent); FALSE when the response has no such body. */
gboolean sipguide_evidence_alt_service(const sipguide_msg_t *m, packet_info *pinfo,
                                       const char **type, const char **action);

/* The reason phrase of a response's Status-Line, trimmed, or NULL. */
const char *sipguide_evidence_phrase(const sipguide_msg_t *m, packet_info *pinfo);

/* Fill a sentence of data/evidence.txt: 'pairs' is name, value, name,
 * value ..., 'count' names.  Unknown placeholders stay as they are. */
const char *sipguide_evidence_fill(packet_info *pinfo, sipguide_text_t id,
                                   const char *const *pairs, guint count);

#endif /* SIPGUIDE_EVIDENCE_H */
