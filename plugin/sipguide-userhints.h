/* sipguide-userhints.h
 * Site hints: a user table (Wireshark UAT, stored in the profile) where a
 * site adds its own hints for a code, optionally only for one request
 * method and only when the reason phrase or a Warning contains a text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_USERHINTS_H
#define SIPGUIDE_USERHINTS_H

#include <epan/packet.h>
#include <epan/prefs.h>

/* Register the table as a preference of 'module'. */
void sipguide_userhints_register(module_t *module);

/* Drop the index of the table; a shutdown routine's part. */
void sipguide_userhints_shutdown(void);

/* Whether some site hint is written for this code: without one, the
 * texts to match need not be read. */
gboolean sipguide_userhints_for_code(guint32 code);

/* Call 'fn' for each site hint that applies to a response: its code, the
 * CSeq method (or NULL), and the texts to match (the reason phrase and the
 * Warning values; NULL entries are skipped).  Constant time per hint of
 * that code: hints are indexed by code. */
void sipguide_userhints_foreach(guint32 code, const char *method,
                                const char *const *texts, guint text_count,
                                void (*fn)(const char *hint, void *data), void *data);

#endif /* SIPGUIDE_USERHINTS_H */
