/* sipguide-prime.h
 * When, and how, the plugin asks Wireshark for the SIP fields it reads.
 *
 * Asking always (set_postdissector_wanted_hfids at start-up) would make
 * tshark build a protocol tree for every frame even when nothing shows the
 * guide.  Instead the plugin asks only once a tree is being built anyway
 * (a filter, a column, -V, -T fields, the GUI): then the fields are primed
 * for every later dissection, and a one-time priming at file start covers
 * the first frame.  A tshark run that builds no tree never pays for the
 * guide.  A first pass that builds no tree but must fill the transaction
 * tables in frame order (the GUI's) reads the messages through
 * taps (sipguide-pdus.h): asking for fields there would make a tree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_PRIME_H
#define SIPGUIDE_PRIME_H

#include <epan/packet.h>

/* Remember the post-dissector; call from the hand-off routine after
 * sipguide_extract_handoff(). */
void sipguide_prime_handoff(dissector_handle_t postdissector);

/* Prime the SIP fields for the first frame of a file; an init routine.
 * TRUE when the first pass of this program builds no tree for the guide
 * and must read the messages through taps. */
gboolean sipguide_prime_file_start(void);

/* How much of the SIP message the guide needs to read: nothing (no tree
 * yet, or a later pass that draws no guide), what the plain guide shows
 * (code, method, reason phrase and Warning texts), what a later pass
 * draws from remembered facts (the headers the Evidence reads, and what
 * the calls table needs), or everything (the first pass, which feeds the
 * transaction and dialog model). */
typedef enum {
    SIPGUIDE_NEED_NOTHING,
    SIPGUIDE_NEED_BASIC,
    SIPGUIDE_NEED_DRAW,
    SIPGUIDE_NEED_ALL
} sipguide_need_t;

/* A tree is being built: from now on ask for the SIP fields of 'need' in
 * every dissection.  Cheap when nothing more is needed than before. */
void sipguide_prime_arm(sipguide_need_t need);

/* What the plugin asks for now. */
sipguide_need_t sipguide_prime_armed(void);

/* The first pass is over (a later pass has begun): from now on ask only
 * for what drawing needs, which may be less than before. */
void sipguide_prime_later_passes(sipguide_need_t need);

/* The program reads each frame once (tshark or rawshark without -2), as
 * far as its command line tells: what the first pass learns about a frame
 * need not be kept for a later one. */
gboolean sipguide_prime_single_pass(void);

/* tshark reads the file twice (-2): its second pass only draws. */
gboolean sipguide_prime_batch_two_pass(void);

/* tshark prints only chosen fields (-T fields): a tree built as if to be
 * shown needs no labels and no field nobody asked for. */
gboolean sipguide_prime_labels_unread(void);

/* tshark prints text (-V, -O; -T text, tabs or ps), which leaves out
 * hidden items unless the preference display_hidden_proto_items says
 * otherwise: a hidden item that no filter or field asks for is never read. */
gboolean sipguide_prime_hidden_unread(void);

/* There, mark the guide's and expert info's fields that tshark prints
 * (-e) as asked for, for this dissection: tshark does not, since its tree
 * keeps every field. */
void sipguide_prime_printed_fields(void);

/* Mark one field as directly referenced until the end of the current
 * dissection (Wireshark resets the mark when it frees the tree). */
void sipguide_prime_field(int hf);

#endif /* SIPGUIDE_PRIME_H */
