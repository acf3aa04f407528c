/* sipguide-units.h
 * Times as the guide writes them, the same in its text and in the calls
 * table: a few decimals for short ones, rounded, never cut.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_UNITS_H
#define SIPGUIDE_UNITS_H

#include <wireshark.h>

/* Microseconds as milliseconds: two decimals below 1 ms, one below 10 ms,
 * whole ones (rounded) above.  Writes at most n bytes into buf. */
void sipguide_units_ms(char *buf, gsize n, guint64 us);

/* Milliseconds as seconds: three decimals below 0.1 s, two below 1 s, one
 * below 100 s unless they are whole, whole ones (rounded) above. */
void sipguide_units_seconds(char *buf, gsize n, guint64 ms);

#endif /* SIPGUIDE_UNITS_H */
