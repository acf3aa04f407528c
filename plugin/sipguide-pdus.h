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

/* Called once a frame's dissection is over, with its SIP messages read
 * (everything the model needs) and its Diameter messages; only for frames
 * that have some. */
typedef void (*sipguide_pdus_cb_t)(packet_info *pinfo, const sipguide_msgs_t *msgs);

/* Listen from now on; 'done' gets each frame.  Nothing when listening. */
void sipguide_pdus_listen(sipguide_pdus_cb_t done);

/* Stop listening.  Nothing when not listening. */
void sipguide_pdus_stop(void);

#endif /* SIPGUIDE_PDUS_H */
