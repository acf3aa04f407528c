/* sipguide-diagnose.h
 * Turns what is known of one response (the catalog entry for its code and
 * request, the evidence of its headers, the facts of the model) into one
 * result: what the guide says and links, with the verdicts that change
 * the catalog's general text (credentials rejected) and the expert items
 * it raises.  Drawing and statistics read only this result.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_DIAGNOSE_H
#define SIPGUIDE_DIAGNOSE_H

#include <epan/packet.h>

#include "sipguide-catalog.h"
#include "sipguide-evidence.h"
#include "sipguide-facts.h"

/* The items of the Transaction part, each with its own field. */
typedef enum {
    SIPGUIDE_ITEM_REQUEST_IN,
    SIPGUIDE_ITEM_RETRANSMISSION_OF,
    SIPGUIDE_ITEM_DUPLICATE_OF,
    SIPGUIDE_ITEM_ALSO_SEEN_IN,
    SIPGUIDE_ITEM_CANCEL_IN,
    SIPGUIDE_ITEM_AUTH_RETRY_IN,
    SIPGUIDE_ITEM_AUTH_REJECTED_IN,
    SIPGUIDE_ITEM_AUTH_CHALLENGE_IN,
    SIPGUIDE_ITEM_DIALOG_INVITE_IN,
    SIPGUIDE_ITEM_DIALOG_ENDED_IN,
    SIPGUIDE_ITEM_DIALOG_OTHER_IN,
    SIPGUIDE_ITEM_SUBSCRIPTION_IN,
    SIPGUIDE_ITEM_SUBSCRIPTION_ENDED_IN,
    SIPGUIDE_ITEM_FORK_FIRST_IN,
    SIPGUIDE_ITEM_ACK_IN,
    SIPGUIDE_ITEM_ACK_OTHER_HOP_IN,
    SIPGUIDE_ITEM_AUTH_FIRST_REJECTED_IN,
    SIPGUIDE_ITEM_REASON_INHERITED_IN,  /* drawn with the Evidence */
    SIPGUIDE_ITEM_FINAL_IN,             /* a request: its final response */
    SIPGUIDE_ITEM_INVITE_FINAL_IN,      /* a CANCEL: the final response of its INVITE */
    SIPGUIDE_ITEM_GIVEN_UP_IN,          /* a request: its client's failure sent upstream */
    SIPGUIDE_ITEM_FAILED_OVER_IN,       /* a request: its client's copy to another next hop */
    SIPGUIDE_ITEM_DIAMETER_IN,          /* drawn with the Evidence */
    SIPGUIDE_ITEM_DIAMETER_CANDIDATE_IN,/* idem */
    SIPGUIDE_ITEM_CROSSING_IN,          /* a 491: the request that crossed its own */
    SIPGUIDE_ITEM_ICMP_ERROR_IN,        /* a request: an ICMP error that quotes it */
    SIPGUIDE_ITEM_NOTE                  /* a sentence without a link */
} sipguide_item_t;

/* What an item raises in expert info. */
typedef enum {
    SIPGUIDE_RAISE_NONE,
    SIPGUIDE_RAISE_RETRANSMISSION,
    SIPGUIDE_RAISE_DUPLICATE,
    SIPGUIDE_RAISE_AUTH_REJECTED,
    SIPGUIDE_RAISE_TIME,
    SIPGUIDE_RAISE_AUTH_LOOP,
    SIPGUIDE_RAISE_NO_ACK,
    SIPGUIDE_RAISE_TIMED_OUT,
    SIPGUIDE_RAISE_NO_FINAL,            /* an INVITE that only rang, a CANCEL without its 487 */
    SIPGUIDE_RAISE_ODD_COPIES,
    SIPGUIDE_RAISE_ICMP_ERROR           /* a request that came back in an ICMP error */
} sipguide_raise_t;

typedef struct {
    sipguide_item_t  item;
    sipguide_text_t  text;          /* its sentence */
    guint32          link;          /* the frame of the item's field; 0 for a note */
    guint32          frame;         /* what the sentence's {frame} names */
    guint32          challenge;     /* what its {challenge} names */
    guint32          number;        /* its {ms} in microseconds, {seconds} in milliseconds, or {count} */
    guint32          reason;        /* its {reason}, packed (sipguide-reason.h); or the
                                     * data of a Diameter link */
    guint32          code;          /* its {code} and {phrase} */
    int              outcome;       /* its {description}: a term of 'vocab' */
    sipguide_vocab_t vocab;
    sipguide_raise_t raise;
} sipguide_tx_line_t;

#define SIPGUIDE_TX_MAX 16

typedef struct {
    guint32             code;
    const char         *method;
    gboolean            valid;          /* 100..699: the guide has a class */
    sipguide_guide_t    guide;
    /* The phrase the guide names the response by: the entry's; for a code
     * outside the registry sent with a phrase other than its entry's, the
     * phrase received (NULL when this pass cannot read it). */
    const char         *phrase;
    const char         *meaning;        /* the catalog's, or a verdict's */
    int                 severity;       /* the catalog's, or raised by a verdict */
    sipguide_auth_t     auth;
    const char         *auth_token;     /* the verdict as a filter value, or NULL */
    gboolean            duplicate;      /* counted once: statistics skip it */
    gboolean            has_time;
    guint32             response_us;   /* with has_time */
    guint               tx_count;
    sipguide_tx_line_t  tx[SIPGUIDE_TX_MAX];
    gboolean            has_evidence;
    sipguide_evidence_t evidence;
    /* The flow (sipguide-flow.h). */
    int                 call_outcome;   /* a term of [call-outcome], or SIPGUIDE_NONE */
    int                 reg_outcome;    /* a term of [registration-outcome], or SIPGUIDE_NONE */
    sipguide_tx_line_t  outcome_line;   /* the reason of the outcome */
    guint               challenges;     /* a modelled 401/407: its client's count, else 0 */
    guint               resyncs;
    /* The Diameter message behind it (sipguide-diameter.h), or 0; and
     * whether it is a success next to a failure, whose cause lies elsewhere. */
    guint32             diameter_frame;
    guint32             diameter_data;
    gboolean            diameter_elsewhere;
} sipguide_result_t;

/* What the guide says on a request frame (sipguide-flow.h). */
typedef struct {
    const char         *method;
    const char         *outcome;        /* final, timed-out ..., or NULL when not known */
    guint32             copies;         /* 0 when not shown */
    guint               tx_count;
    sipguide_tx_line_t  tx[SIPGUIDE_TX_MAX];
    int                 call_outcome;   /* of an INVITE nothing answered finally */
    int                 reg_outcome;
    sipguide_tx_line_t  outcome_line;
} sipguide_request_result_t;

/* Add a Transaction line to a list of count lines. */
void sipguide_diagnose_line(sipguide_tx_line_t *tx, guint *count, sipguide_item_t item,
                            sipguide_text_t text, guint32 link, guint32 frame,
                            sipguide_raise_t raise);

/* What the caller wants diagnosed beyond the catalog. */
#define SIPGUIDE_WANT_EVIDENCE    0x1u
#define SIPGUIDE_WANT_TRANSACTION 0x2u

/* The result for a response with facts f (from the model, or only code
 * and method) and message m of this pass (NULL when it cannot be read).
 * 'later_known': the file was read past this frame, so that the absence
 * of a later message is an answer. */
void sipguide_diagnose_response(packet_info *pinfo, const sipguide_facts_t *f,
                                const sipguide_msg_t *m, guint want, gboolean later_known,
                                sipguide_result_t *r);

/* Forget the guides resolved so far (at the start of each file: the
 * method and event names they are keyed by are interned per file). */
void sipguide_diagnose_file_start(void);

/* The sentence of a Transaction line, filled in (pinfo->pool). */
const char *sipguide_diagnose_tx_text(packet_info *pinfo, const sipguide_tx_line_t *l);

/* The same for a line about the response r itself, named by its phrase. */
const char *sipguide_diagnose_tx_text_of(packet_info *pinfo, const sipguide_tx_line_t *l,
                                         const sipguide_result_t *r);

#endif /* SIPGUIDE_DIAGNOSE_H */
