/* sipguide-prime.c
 * Asks Wireshark for the SIP fields only when a protocol tree is built
 * anyway, so that a plain tshark run (no filter, no details) costs nothing.
 *
 * Three mechanisms, each for one kind of dissection pass:
 *  - a file-start priming marks the fields as referenced before the first
 *    frame (it only sets a flag: with no tree nothing is built);
 *  - a tap listener whose filter names the fields: Wireshark primes every
 *    tap filter at the start of each tapped dissection, in every pass;
 *  - the post-dissector's wanted fields, primed on first passes that run
 *    without taps (the first pass of tshark -2).
 * The last two are registered on the first frame that has a tree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/epan_dissect.h>
#include <epan/tap.h>

#include "sipguide-extract.h"
#include "sipguide-prime.h"

static dissector_handle_t sipguide_handle;
static gboolean armed;

void
sipguide_prime_handoff(dissector_handle_t postdissector)
{
    sipguide_handle = postdissector;
    register_tap("sipguide.prime");
}

/* tshark is where a run without a tree must cost nothing.  The GUI (and
 * other interactive front ends) read the whole file first without a tree
 * unless something asks for one, and the transaction tables must be filled
 * in that first pass, in frame order: there the plugin asks from the start.
 * Wireshark's programs name themselves through ws_log_init(). */
static gboolean
is_batch_program(void)
{
    const char *name = g_get_prgname();

    return name != NULL && (strcmp(name, "tshark") == 0 || strcmp(name, "rawshark") == 0);
}

/* tshark's short options that take an argument (its getopt string, the
 * same from 4.0 to 4.6). */
#define TSHARK_ARG_OPTIONS "aAbBcCdeEfFGHijJKMNoOrRsStTuUwWXyYz"

/* Two tshark runs need the guide although nothing builds a tree on the
 * pass that matters, and both are decided before the plugin sees a frame:
 *  - "-2": the first pass builds a tree only for a filter or for wanted
 *    fields, and the links to later frames are found on that pass;
 *  - "-z expert": Wireshark's expert tap asks for no tree at all.
 * Neither is visible through the dissector API, so read tshark's command
 * line the way its getopt does ("+": options end at the first operand).
 * Where /proc is missing the guide simply behaves as in a plain run. */
static gboolean
batch_options_need_guide(void)
{
    gchar *cmdline = NULL;
    gsize len = 0, pos;
    gboolean first = TRUE, need = FALSE, takes_next = FALSE;
    char pending = 0;

    if (!g_file_get_contents("/proc/self/cmdline", &cmdline, &len, NULL))
        return FALSE;

    for (pos = 0; pos < len && !need; pos += strlen(cmdline + pos) + 1) {
        const char *arg = cmdline + pos;
        const char *c;

        if (first) {                    /* the program itself */
            first = FALSE;
            continue;
        }
        if (takes_next) {               /* the argument of the last option */
            takes_next = FALSE;
            if (pending == 'z' && g_str_has_prefix(arg, "expert"))
                need = TRUE;
            continue;
        }
        if (arg[0] != '-' || arg[1] == '\0' || strcmp(arg, "--") == 0)
            break;                      /* the capture filter, if any */
        if (arg[1] == '-') {
            /* A long option; its argument, when apart, does not start
             * with '-' (tshark has no long option for "-2" or "-z"). */
            if (strchr(arg, '=') == NULL && pos + strlen(arg) + 1 < len
                && cmdline[pos + strlen(arg) + 1] != '-')
                takes_next = TRUE;
            pending = 0;
            continue;
        }
        for (c = arg + 1; *c != '\0'; c++) {
            if (*c == '2') {
                need = TRUE;
                break;
            }
            if (strchr(TSHARK_ARG_OPTIONS, *c) != NULL) {
                if (c[1] == '\0') {
                    takes_next = TRUE;
                    pending = *c;
                } else if (*c == 'z' && g_str_has_prefix(c + 1, "expert")) {
                    need = TRUE;
                }
                break;
            }
        }
    }
    g_free(cmdline);
    return need;
}

void
sipguide_prime_file_start(void)
{
    /* Priming only marks a field as referenced; the tree argument is not
     * used, so an empty dissection context is enough. */
    epan_dissect_t scratch;
    int f;

    if (!is_batch_program() || batch_options_need_guide())
        sipguide_prime_arm();

    memset(&scratch, 0, sizeof(scratch));
    for (f = 0; f < SIPGUIDE_SF_COUNT; f++) {
        if (sipguide_sip_field_ids[f] >= 0)
            epan_dissect_prime_with_hfid(&scratch, sipguide_sip_field_ids[f]);
    }
}

static tap_packet_status
prime_tap_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                 const void *data _U_, tap_flags_t flags _U_)
{
    return TAP_PACKET_DONT_REDRAW;
}

static int prime_listener_tag;

void
sipguide_prime_arm(void)
{
    GString *filter;
    GArray *wanted;
    GString *err;
    int f;

    if (armed)
        return;
    armed = TRUE;

    filter = g_string_new(NULL);
    wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (f = 0; f < SIPGUIDE_SF_COUNT; f++) {
        int id = sipguide_sip_field_ids[f];
        if (id < 0)
            continue;
        g_array_append_val(wanted, id);
        if (filter->len > 0)
            g_string_append(filter, " || ");
        g_string_append(filter, sipguide_sip_field_names[f]);
    }
    if (wanted->len == 0) {
        /* No SIP dissector: nothing to ask for. */
        g_array_free(wanted, TRUE);
        g_string_free(filter, TRUE);
        return;
    }

    /* Takes ownership of the array. */
    set_postdissector_wanted_hfids(sipguide_handle, wanted);

    /* Listens on a tap of its own on which nothing is ever queued, so the
     * callback never runs: only the filter matters. */
    err = register_tap_listener("sipguide.prime", &prime_listener_tag, filter->str,
                                TL_REQUIRES_NOTHING, NULL, prime_tap_packet, NULL, NULL);
    if (err != NULL) {
        ws_warning("SIP Response Guide: cannot prime SIP fields: %s", err->str);
        g_string_free(err, TRUE);
    }
    g_string_free(filter, TRUE);
}
