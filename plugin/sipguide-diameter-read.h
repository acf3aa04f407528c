/* sipguide-diameter-read.h
 * The values of one Diameter message, read from its bytes (RFC 6733
 * section 3 and 4): the header, and the few AVPs the guide correlates on.
 *
 * Reading the bytes instead of the Diameter dissector's fields keeps the
 * guide from asking Wireshark for them: Wireshark registers the Diameter
 * fields, thousands from its dictionary, only when something looks one up,
 * and a capture without Diameter should not pay for that.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_DIAMETER_READ_H
#define SIPGUIDE_DIAMETER_READ_H

#include <epan/packet.h>

/* A text AVP's bytes, inside the message's data; NULL when absent. */
typedef struct {
    const char *s;
    gsize       n;
} sipguide_diam_text_t;

typedef struct {
    gboolean             request;
    guint32              command;
    guint32              application;
    sipguide_diam_text_t session;       /* Session-Id */
    gboolean             has_result;
    guint32              result;        /* Experimental-Result-Code, else Result-Code */
    gboolean             experimental;
    gboolean             has_abort_cause;
    guint32              abort_cause;
    gboolean             has_action;
    guint32              action;        /* the first Specific-Action */
    sipguide_diam_text_t public_identity;
    sipguide_diam_text_t user_name;
    sipguide_diam_text_t subscription;  /* Subscription-Id-Data */
    sipguide_diam_text_t charging_id;   /* AF-Charging-Identifier */
} sipguide_diam_values_t;

/* Read the message of 'length' bytes at 'offset' of tvb.  FALSE when it is
 * not one (wrong version, a header cut short); AVPs that overrun the
 * message or the captured bytes end the reading, keeping what came
 * before. */
gboolean sipguide_diameter_read(tvbuff_t *tvb, gint offset, gint length, sipguide_diam_values_t *out);

#endif /* SIPGUIDE_DIAMETER_READ_H */
