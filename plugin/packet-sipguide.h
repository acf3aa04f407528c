/* packet-sipguide.h
 * Registration entry points of the SIP Response Guide protocol.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef PACKET_SIPGUIDE_H
#define PACKET_SIPGUIDE_H

void proto_register_sipguide(void);
void proto_reg_handoff_sipguide(void);

#endif /* PACKET_SIPGUIDE_H */
