/* sipguide-stats.c
 * Counts the responses the guide explains: by class and code, final
 * against provisional, failures by category (with authentication
 * challenges and cancelled requests apart), by IMS procedure, and by
 * request method and code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "sipguide-stats.h"

static int st_responses = -1;
static int st_classes = -1;
static int st_finality = -1;
static int st_challenges = -1;
static int st_cancelled = -1;
static int st_failures = -1;
static int st_procedures = -1;
static int st_methods = -1;

/* Node names: the tree's own labels, not knowledge. */
static const char st_str_responses[] = "SIP responses";
static const char st_str_classes[] = "By class and code";
static const char st_str_finality[] = "Final or provisional";
static const char st_str_challenges[] = "Authentication challenges (401 and 407)";
static const char st_str_cancelled[] = "Cancelled requests (487)";
static const char st_str_failures[] = "Failures by category (4xx-6xx, challenges and cancellations apart)";
static const char st_str_procedures[] = "By IMS procedure";
static const char st_str_methods[] = "By request method and code";

static void
sipguide_stats_init(stats_tree *st)
{
    st_responses = stats_tree_create_node(st, st_str_responses, 0, STAT_DT_INT, FALSE);
    st_classes = stats_tree_create_node(st, st_str_classes, 0, STAT_DT_INT, TRUE);
    st_finality = stats_tree_create_node(st, st_str_finality, 0, STAT_DT_INT, TRUE);
    st_challenges = stats_tree_create_node(st, st_str_challenges, 0, STAT_DT_INT, TRUE);
    st_cancelled = stats_tree_create_node(st, st_str_cancelled, 0, STAT_DT_INT, TRUE);
    st_failures = stats_tree_create_node(st, st_str_failures, 0, STAT_DT_INT, TRUE);
    st_procedures = stats_tree_create_node(st, st_str_procedures, 0, STAT_DT_INT, TRUE);
    st_methods = stats_tree_create_node(st, st_str_methods, 0, STAT_DT_INT, TRUE);
}

static tap_packet_status
sipguide_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                      const void *data, tap_flags_t flags _U_)
{
    const sipguide_tap_info_t *info = (const sipguide_tap_info_t *)data;
    const sipguide_guide_t *g = info->guide;
    char code[96];
    const char *method = info->method != NULL ? info->method : "(no CSeq method)";
    int node;
    unsigned i;

    if (g->entry != NULL)
        g_snprintf(code, sizeof(code), "%u %s", info->code, g->entry->phrase);
    else
        g_snprintf(code, sizeof(code), "%u", info->code);

    tick_stat_node(st, st_str_responses, 0, FALSE);

    tick_stat_node(st, st_str_classes, 0, TRUE);
    node = tick_stat_node(st, g->klass != NULL ? g->klass->name : "(outside 100..699)",
                          st_classes, TRUE);
    tick_stat_node(st, code, node, FALSE);

    tick_stat_node(st, st_str_finality, 0, TRUE);
    tick_stat_node(st, info->code >= 100 && info->code < 200 ? "Provisional" : "Final",
                   st_finality, FALSE);

    if (info->code == 401 || info->code == 407) {
        tick_stat_node(st, st_str_challenges, 0, TRUE);
        node = tick_stat_node(st, method, st_challenges, TRUE);
        tick_stat_node(st, code, node, FALSE);
    } else if (g->category != SIPGUIDE_NONE && g->category == sipguide_catalog_category_cancelled()) {
        /* The requester's own cancellation, not a failure. */
        tick_stat_node(st, st_str_cancelled, 0, TRUE);
        node = tick_stat_node(st, method, st_cancelled, TRUE);
        tick_stat_node(st, code, node, FALSE);
    } else if (info->code >= 400 && info->code <= 699) {
        tick_stat_node(st, st_str_failures, 0, TRUE);
        node = tick_stat_node(st, g->category != SIPGUIDE_NONE
                                  ? sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, g->category)
                                  : "(unregistered code)", st_failures, TRUE);
        tick_stat_node(st, code, node, FALSE);
    }

    if (g->procedures->count > 0)
        tick_stat_node(st, st_str_procedures, 0, TRUE);
    for (i = 0; i < g->procedures->count; i++)
        tick_stat_node(st, sipguide_term_token(SIPGUIDE_VOCAB_PROCEDURE, g->procedures->items[i]),
                       st_procedures, FALSE);

    tick_stat_node(st, st_str_methods, 0, TRUE);
    node = tick_stat_node(st, method, st_methods, TRUE);
    tick_stat_node(st, code, node, FALSE);

    return TAP_PACKET_REDRAW;
}

void
sipguide_stats_register(void)
{
    /* The guide is computed from the protocol tree, so the statistics
     * need one even when nothing else asks for it. */
    stats_tree_register_plugin("sipguide", "sipguide", "SIP Response Guide/Responses",
                               TL_REQUIRES_PROTO_TREE, sipguide_stats_packet,
                               sipguide_stats_init, NULL);
}
