/* sipguide-intern.h
 * Strings interned per file (method names, event packages), each known by
 * a 16-bit id, so that the records kept for every message hold two bytes
 * instead of a pointer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_INTERN_H
#define SIPGUIDE_INTERN_H

#include <glib.h>

/* Once, at registration. */
void sipguide_intern_register(void);

/* Once, when Wireshark ends. */
void sipguide_intern_shutdown(void);

/* Forget the ids of the last file (its strings went with its scope). */
void sipguide_intern_file_start(void);

/* The id of string s for this file: 0 for NULL, and for a string beyond
 * the 65,535 distinct ones a file can have (it is then unknown). */
guint16 sipguide_intern(const char *s);

/* The interned string of an id; NULL for 0. */
const char *sipguide_interned(guint16 id);

#endif /* SIPGUIDE_INTERN_H */
