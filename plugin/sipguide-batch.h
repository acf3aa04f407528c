/* sipguide-batch.h
 * The GUI's first reading of a file in batches.  Frame by frame, the
 * plugin's code that reads a message and feeds the model is fetched anew
 * into the processor's instruction cache for every frame, where
 * Wireshark's dissectors pushed it out (and it pushes theirs out in turn):
 * in time, those misses cost about as much as the work.  So the frames the
 * taps hand over (sipguide-pdus.h) are kept, their messages' bytes copied
 * with what the model reads of the frame, and read together, in their
 * order, when the batch is full or before anything reads what they teach
 * (sipguide_batch_flush()).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_BATCH_H
#define SIPGUIDE_BATCH_H

#include <epan/packet.h>

#include "sipguide-extract.h"

/* Reads one frame: its messages (everything the model needs) and where
 * each lies in the frame, for later passes (NULL: find it in pinfo's data
 * sources, which are the frame's own).  The packet_info of a kept frame
 * holds only what the model reads: its number, arrival time, addresses,
 * ports and port type, and a pool of its own. */
typedef void (*sipguide_batch_cb_t)(packet_info *pinfo, const sipguide_msgs_t *msgs,
                                    const sipguide_where_t *where);

/* Start a file: what is kept is dropped unread; 'read' reads frames. */
void sipguide_batch_start(sipguide_batch_cb_t read);

/* A frame read for the first time, once its dissection is over, with the
 * spans of its SIP and Diameter messages and its IPv4 identification:
 * kept, or read at once when it does not fit in a batch. */
void sipguide_batch_add(packet_info *pinfo, const sipguide_span_t *sip, guint nsip,
                        sipguide_span_t *diameter, guint ndiameter, guint16 ip_id);

/* The file is closed: what is kept is dropped unread. */
void sipguide_batch_drop(void);

/* Read the kept frames now, in order. */
void sipguide_batch_flush(void);

/* Whether frames are kept unread. */
gboolean sipguide_batch_pending(void);

/* Wireshark ends: the pool goes. */
void sipguide_batch_shutdown(void);

#endif /* SIPGUIDE_BATCH_H */
