/* sipguide-frames.h
 * The records the first pass keeps of frames with SIP messages, found
 * again by frame number.  They live in chunks of this module, freed
 * together at the end of the file: no header per record as file-scope
 * memory has, and a 32-bit handle per frame instead of a pointer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_FRAMES_H
#define SIPGUIDE_FRAMES_H

#include <glib.h>

/* Forget every record (at the start and the end of a file). */
void sipguide_frames_reset(void);

/* Room for a record of 'size' bytes, aligned for any field, kept until the
 * next reset; its handle in 'handle'.  NULL when the file has no more room
 * (beyond 32 GiB of records). */
void *sipguide_frames_alloc(gsize size, guint32 *handle);

/* Make the record of 'handle' the one of frame 'num'. */
void sipguide_frames_set(guint32 num, guint32 handle);

/* The record of frame 'num', NULL when none was kept. */
void *sipguide_frames_get(guint32 num);

#endif /* SIPGUIDE_FRAMES_H */
