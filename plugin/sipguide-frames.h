/* sipguide-frames.h
 * The record the first pass keeps of each frame with SIP messages, found
 * again by frame number: an array of pointers, cheaper in time and memory
 * than per-packet protocol data.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_FRAMES_H
#define SIPGUIDE_FRAMES_H

#include <wireshark.h>

/* Forget every record (at the start and the end of a file). */
void sipguide_frames_reset(void);

/* Keep 'record' (file scope memory) for frame 'num'. */
void sipguide_frames_set(guint32 num, void *record);

/* The record of frame 'num', NULL when none was kept. */
void *sipguide_frames_get(guint32 num);

#endif /* SIPGUIDE_FRAMES_H */
