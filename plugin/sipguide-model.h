/* sipguide-model.h
 * The transaction and dialog model: every SIP message of the file, read
 * once in frame order, updates it, and it answers with the facts of the
 * message (sipguide-facts.h).  It follows RFC 3261: a response belongs to
 * the request that crossed the same hop the other way (sipguide-hop.h),
 * transactions are matched as §17.1.3 and §17.2.3 say (sipguide-
 * transaction.c), dialogs by Call-ID and both tags (sipguide-dialog.c).
 *
 * Records live as long as RFC 3261 lets their transaction or dialog live,
 * counted in capture time, and the tables have a hard cap: a long live
 * capture keeps bounded memory, and a fact that the cap may have hidden is
 * marked incomplete.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_MODEL_H
#define SIPGUIDE_MODEL_H

#include <epan/packet.h>

#include "sipguide-extract.h"
#include "sipguide-facts.h"
#include "sipguide-hop.h"
#include "sipguide-quote.h"
#include "sipguide-values.h"

/* Create the tables; a registration routine. */
void sipguide_model_register(void);

/* Drop the tables; a shutdown routine (Wireshark ends). */
void sipguide_model_shutdown(void);

/* Forget the previous file; an init routine. */
void sipguide_model_file_start(void);

/* No frame will be read for the first time any more (tshark's second pass
 * has begun): drop every record; the facts made so far stay and
 * sipguide_model_frame does nothing until the next file. */
void sipguide_model_close(void);

/* The retransmission timer T1 in milliseconds (a preference). */
void sipguide_model_set_t1(guint t1_ms);

/* Feed the messages of a frame read for the first time, in frame order,
 * and complete facts[i] (made with sipguide_facts_init) for message i.
 * With 'keep' the facts live in file scope and later frames add links to
 * them; without, they live in pinfo->pool and nothing refers to them
 * after this frame. */
void sipguide_model_frame(packet_info *pinfo, const sipguide_msgs_t *msgs,
                          sipguide_facts_t *facts, gboolean keep);

/* A message quoted in an ICMP error of a frame read for the first time,
 * in frame order: the request it quotes learns of the error. */
void sipguide_model_quote(packet_info *pinfo, const sipguide_msg_t *m, const sipguide_quote_t *q);

/* Whether the model has read a frame after 'frame', so that "nothing
 * later was seen" is an answer and not a guess. */
gboolean sipguide_model_seen_after(guint32 frame);

/* The arrival of a frame, and the latest arrival the model has seen, in
 * microseconds after the file's first SIP message. */
gint64 sipguide_model_arrival_us(const packet_info *pinfo);
gint64 sipguide_model_latest_us(void);

/* ---------------------------------------------------------------------- */
/* For the model's own parts (transactions, dialogs). */

/* One message being fed. */
typedef struct {
    packet_info             *pinfo;
    guint32                  frame;
    gint64                   us;        /* arrival, microseconds after the file's first message */
    guint32                  now_s;     /* the model's clock: latest arrival seen, in s */
    sipguide_hop_t           hop;
    gboolean                 has_ip_id;
    guint16                  ip_id;
    const sipguide_values_t *v;
    sipguide_facts_t        *facts;
    wmem_allocator_t        *scope;     /* of the facts */
    gboolean                 keep;      /* facts outlive this frame */
} sipguide_step_t;

/* Timers in seconds of capture time, from T1 (RFC 3261 §17, Table 4). */
guint32 sipguide_model_t1_ms(void);
guint32 sipguide_model_transaction_life(void);  /* 64*T1 and a margin */

/* The decimal text of n in buf (room for 21 bytes), for keys: cheaper
 * than a formatted print. */
const char *sipguide_model_number(char *buf, guint64 n);

/* The 64-bit key of a record: a kind letter and up to three texts (an
 * absent one as an empty one; sipguide_raw_str() for a C string); and a
 * key with one more text. */
guint64 sipguide_model_key(char kind, sipguide_raw_t a, sipguide_raw_t b, sipguide_raw_t c);
guint64 sipguide_model_key_text(guint64 key, sipguide_raw_t t);

/* A key with a number mixed into it (a CSeq number, a code), cheaper than
 * its text among the strings. */
guint64 sipguide_model_key_number(guint64 key, guint64 n);

/* Whether some table had to refuse a record since the file started. */
gboolean sipguide_model_incomplete(void);

#endif /* SIPGUIDE_MODEL_H */
