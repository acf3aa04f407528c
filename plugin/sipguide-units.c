/* sipguide-units.c
 * Times as the guide writes them (sipguide-units.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "sipguide-units.h"

void
sipguide_units_ms(char *buf, gsize n, guint64 us)
{
    if (us < 1000)
        g_snprintf(buf, n, "%.2f", us / 1000.0);
    else if (us < 10000)
        g_snprintf(buf, n, "%.1f", us / 1000.0);
    else
        g_snprintf(buf, n, "%" G_GUINT64_FORMAT, (us + 500) / 1000);
}

void
sipguide_units_seconds(char *buf, gsize n, guint64 ms)
{
    if (ms < 100)
        g_snprintf(buf, n, "%.3f", ms / 1000.0);
    else if (ms < 1000)
        g_snprintf(buf, n, "%.2f", ms / 1000.0);
    else if (ms < 100000 && ms % 1000 != 0)
        g_snprintf(buf, n, "%.1f", ms / 1000.0);
    else
        g_snprintf(buf, n, "%" G_GUINT64_FORMAT, (ms + 500) / 1000);
}
