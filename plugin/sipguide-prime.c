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
 * The last two are registered on the first frame that has a tree, or at
 * the start of a run that reads the file twice.  The GUI's first pass,
 * which builds no tree unless something else asks for one, reads the
 * messages through taps instead (sipguide-pdus.h); later passes find them
 * where the first pass did.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/epan_dissect.h>
#include <epan/tap.h>
#include <epan/prefs.h>

#include "sipguide-extract.h"
#include "sipguide-prime.h"

static dissector_handle_t sipguide_handle;
static sipguide_need_t armed = SIPGUIDE_NEED_NOTHING;

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
    static int batch_program = -1;      /* the name does not change */

    if (batch_program < 0) {
        const char *name = g_get_prgname();
        batch_program = name != NULL
                        && (strcmp(name, "tshark") == 0 || strcmp(name, "rawshark") == 0);
    }
    return batch_program;
}

/* The Wireshark GUI, whose first pass over a file runs the taps
 * (sipguide-pdus.h). */
static gboolean
is_gui(void)
{
    const char *name = g_get_prgname();

    return name != NULL && strcmp(name, "wireshark") == 0;
}

/* tshark's short options that take an argument (its getopt string, the
 * same from 4.0 to 4.6). */
#define TSHARK_ARG_OPTIONS "aAbBcCdeEfFGHijJKMNoOrRsStTuUwWXyYz"

/* What tshark's command line says, read once. */
static struct {
    gboolean read;
    gboolean known;         /* the command line could be read */
    gboolean two_pass;      /* -2 */
    gboolean expert;        /* -z expert[,...] */
    gboolean fields;        /* -T fields */
    gboolean structured;    /* -T pdml, psml, json, jsonraw, ek: every item may be printed */
    GPtrArray *printed;     /* the -e field names of the guide and of expert info */
    GArray *printed_ids;    /* their ids, resolved at the first frame */
} batch;

static void
batch_option(char option, const char *value)
{
    if (option == '2')
        batch.two_pass = TRUE;
    else if (option == 'z' && value != NULL
             && (g_str_has_prefix(value, "expert") || g_str_has_prefix(value, "sipguide,calls")))
        batch.expert = TRUE;    /* taps that ask for no tree but need the SIP fields */
    else if (option == 'T' && value != NULL) {
        batch.fields = strcmp(value, "fields") == 0;
        batch.structured = strcmp(value, "text") != 0 && strcmp(value, "tabs") != 0
                           && strcmp(value, "ps") != 0 && !batch.fields;
    }
    else if (option == 'e' && value != NULL
             && (g_str_has_prefix(value, "sipguide") || g_str_has_prefix(value, "_ws.expert"))) {
        if (batch.printed == NULL)
            batch.printed = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(batch.printed, g_strdup(value));
    }
}

/* Some tshark runs are decided before the plugin sees a frame, and the
 * dissector API does not tell them:
 *  - "-2": the first pass builds a tree only for a filter or for wanted
 *    fields, and the links to later frames are found on that pass;
 *  - "-z expert": Wireshark's expert tap asks for no tree at all;
 *  - "-T fields": the tree is built as if to be shown, but only the
 *    chosen fields are printed.
 * So read tshark's command line as its getopt does.  Where /proc is
 * missing, the guide behaves as in a run without these options. */
static void
read_batch_options(void)
{
    gchar *cmdline = NULL;
    gsize len = 0, pos;
    char pending = 0;       /* an option whose value is the next argument */

    if (batch.read)
        return;
    batch.read = TRUE;
    if (!g_file_get_contents("/proc/self/cmdline", &cmdline, &len, NULL) || len == 0) {
        g_free(cmdline);
        return;
    }
    batch.known = TRUE;

    /* The first string is the program itself. */
    for (pos = strlen(cmdline) + 1; pos < len; pos += strlen(cmdline + pos) + 1) {
        const char *arg = cmdline + pos;
        const char *c;

        if (pending != 0) {
            batch_option(pending, arg);
            pending = 0;
            continue;
        }
        if (strcmp(arg, "--") == 0)
            break;
        /* Not an option: the capture filter, or a piece of a value that
         * tshark has cut in place (it splits some at '=' or ':'). */
        if (arg[0] != '-' || arg[1] == '\0')
            continue;
        if (arg[1] == '-') {
            /* A long option; its value, when apart, does not start with
             * '-' (none of the options above has a long form). */
            if (strchr(arg, '=') == NULL && pos + strlen(arg) + 1 < len
                && cmdline[pos + strlen(arg) + 1] != '-')
                pending = '-';
            continue;
        }
        for (c = arg + 1; *c != '\0'; c++) {
            if (strchr(TSHARK_ARG_OPTIONS, *c) == NULL) {
                batch_option(*c, NULL);
                continue;
            }
            if (c[1] == '\0')
                pending = *c;
            else
                batch_option(*c, c + 1);
            break;
        }
    }
    g_free(cmdline);
}

gboolean
sipguide_prime_file_start(void)
{
    gboolean taps = FALSE;
    int f;

    if (is_gui()) {
        /* Its first pass builds no tree unless a filter or a column asks
         * for one, and runs the taps: the guide reads it through them. */
        sipguide_prime_later_passes(SIPGUIDE_NEED_NOTHING);
        taps = TRUE;
    } else if (!is_batch_program()) {
        /* sharkd and the like: a first pass without taps. */
        sipguide_prime_arm(SIPGUIDE_NEED_ALL);
    } else {
        /* tshark's first pass of -2 runs no taps either. */
        read_batch_options();
        if (batch.two_pass || batch.expert)
            sipguide_prime_arm(SIPGUIDE_NEED_ALL);
    }

    for (f = 0; f < SIPGUIDE_SF_COUNT; f++) {
        if (sipguide_sip_field_ids[f] >= 0)
            sipguide_prime_field(sipguide_sip_field_ids[f]);
    }
    return taps;
}

gboolean
sipguide_prime_labels_unread(void)
{
    return is_batch_program() && batch.fields;
}

gboolean
sipguide_prime_hidden_unread(void)
{
    return is_batch_program() && batch.known && !batch.structured
           && !prefs.display_hidden_proto_items;
}

gboolean
sipguide_prime_single_pass(void)
{
    return is_batch_program() && batch.known && !batch.two_pass;
}

gboolean
sipguide_prime_batch_two_pass(void)
{
    return is_batch_program() && batch.known && batch.two_pass;
}

void
sipguide_prime_printed_fields(void)
{
    guint i;

    if (batch.printed == NULL)
        return;
    if (batch.printed_ids == NULL) {
        batch.printed_ids = g_array_new(FALSE, FALSE, (guint)sizeof(int));
        for (i = 0; i < batch.printed->len; i++) {
            int id = proto_registrar_get_id_byname((const char *)g_ptr_array_index(batch.printed, i));
            if (id > 0)
                g_array_append_val(batch.printed_ids, id);
        }
    }
    for (i = 0; i < batch.printed_ids->len; i++)
        sipguide_prime_field(g_array_index(batch.printed_ids, int, i));
}

/* Priming only marks a field as referenced; the tree argument is not
 * used, so an empty dissection context is enough. */
void
sipguide_prime_field(int hf)
{
    epan_dissect_t scratch;

    memset(&scratch, 0, sizeof(scratch));
    epan_dissect_prime_with_hfid(&scratch, hf);
}

static tap_packet_status
prime_tap_packet(void *tapdata _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                 const void *data _U_, tap_flags_t flags _U_)
{
    return TAP_PACKET_DONT_REDRAW;
}

static int prime_listener_tag;

/* Ask for the fields of 'need' from now on, whatever was asked before. */
static void
prime_set(sipguide_need_t need)
{
    GString *filter;
    GArray *wanted;
    GString *err;
    int f;

    if (armed != SIPGUIDE_NEED_NOTHING)
        remove_tap_listener(&prime_listener_tag);
    armed = need;
    if (need == SIPGUIDE_NEED_NOTHING) {
        set_postdissector_wanted_hfids(sipguide_handle, g_array_new(FALSE, FALSE, (guint)sizeof(int)));
        return;
    }

    filter = g_string_new(NULL);
    wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (f = 0; f < SIPGUIDE_SF_COUNT; f++) {
        int id = sipguide_sip_field_ids[f];
        if (id < 0 || sipguide_sip_field_need((sipguide_sip_field_t)f) > (int)need)
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
        armed = SIPGUIDE_NEED_NOTHING;
        return;
    }

    /* Takes ownership of the array (and frees an earlier one). */
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

void
sipguide_prime_arm(sipguide_need_t need)
{
    if (armed < need)
        prime_set(need);
}

void
sipguide_prime_later_passes(sipguide_need_t need)
{
    if (need != armed)
        prime_set(need);
}

sipguide_need_t
sipguide_prime_armed(void)
{
    return armed;
}
