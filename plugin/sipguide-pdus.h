/* sipguide-pdus.h
 * The first reading of a frame in a pass that builds no protocol tree: the
 * GUI opening a file, the first pass of tshark -2 without a filter.  There
 * the guide cannot find the SIP messages among protocol items; instead the
 * SIP and Diameter dissectors hand each message to Wireshark's export tap
 * (the one of File > Export PDUs) when something listens there, the IPv4
 * dissector its header to the IP tap, and the frame tap, queued after every
 * dissector and post-dissector of the frame, tells that the frame is over.
 * Listening to taps costs no tree, so opening a file costs the guide only
 * what its model does.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_PDUS_H
#define SIPGUIDE_PDUS_H

#include <epan/packet.h>

#include "sipguide-extract.h"

/* Called once a frame's dissection is over, with where its SIP and
 * Diameter messages lie and its IPv4 identification (0: none); only for
 * frames that have some. */
typedef void (*sipguide_pdus_cb_t)(packet_info *pinfo, const sipguide_span_t *sip, guint nsip,
                                   sipguide_span_t *diameter, guint ndiameter, guint16 ip_id);

/* A frame without exported messages that may be an ICMP error quoting one:
 * an ICMP one, or any over IPv6; 'tvb' is the whole frame. */
typedef void (*sipguide_pdus_quote_cb_t)(packet_info *pinfo, tvbuff_t *tvb);

/* Listen from now on; 'done' gets each frame with messages, 'quoted' each
 * that may quote one.  Nothing when listening. */
void sipguide_pdus_listen(sipguide_pdus_cb_t done, sipguide_pdus_quote_cb_t quoted);

/* Stop listening.  Nothing when not listening. */
void sipguide_pdus_stop(void);

/* A check of this reading against the protocol items, for the tests
 * (tests/taps-test.sh): where the environment variable
 * SIPGUIDE_CHECK_TAPS is set, the plugin listens in every run, and for
 * each frame whose messages it read from protocol items
 * (sipguide_pdus_check()) it writes to stderr a line beginning
 * "sipguide-check:" wherever the taps tell otherwise: another number of
 * SIP or Diameter messages, another place of one, another IPv4
 * identification. */
gboolean sipguide_pdus_checking(void);

/* The messages the post-dissector read from protocol items in this
 * dissection, for the check. */
void sipguide_pdus_check(packet_info *pinfo, const sipguide_msgs_t *msgs);

/* At the end of a file, when checking: a line "sipguide-check: N frames
 * compared" on stderr. */
/* The check again: the quote of an ICMP error the post-dissector finds in
 * a frame (sipguide-quote.h), which the taps must find too. */
void sipguide_pdus_check_quote(packet_info *pinfo, tvbuff_t *tvb);

void sipguide_pdus_file_end(void);

#endif /* SIPGUIDE_PDUS_H */
