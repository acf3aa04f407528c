/* sipguide-stats.h
 * The "SIP Response Guide" statistics tree (tshark -z sipguide,tree and
 * the GUI's Statistics menu), fed by the sipguide tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_STATS_H
#define SIPGUIDE_STATS_H

#include <epan/packet.h>

#include "sipguide-catalog.h"

/* What the dissector queues on the "sipguide" tap for each response. */
typedef struct {
    guint32                 code;
    const char             *method;      /* NULL when unknown */
    const sipguide_guide_t *guide;       /* in pinfo->pool */
} sipguide_tap_info_t;

/* Register the statistics tree; call from the registration routine. */
void sipguide_stats_register(void);

#endif /* SIPGUIDE_STATS_H */
