/* sipguide-calls.c
 * Builds the calls and registrations table from the "sipguide.calls" tap.
 * A call is an INVITE dialog as its caller set it up (Call-ID and the
 * caller's From tag); its line follows the hop of its first INVITE, so
 * that a proxy's other side or a forked branch does not change what the
 * caller got.  A registration flow is a REGISTER Call-ID.  A call without
 * a final response is timed-out once a later message is stamped 64*T1
 * after its INVITE, and waits for one until then.  Rows are kept up to
 * date as messages come, in the order of their first frame, so the table
 * is right whenever it is drawn; a summary table counts the outcomes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "sipguide-calls.h"
#include "sipguide-catalog.h"
#include "sipguide-diameter.h"
#include "sipguide-evidence.h"
#include "sipguide-flow.h"
#include "sipguide-model.h"
#include "sipguide-reason.h"
#include "sipguide-units.h"

enum {
    COL_FIRST, COL_KIND, COL_OUTCOME, COL_DECIDED, COL_PARTIES, COL_PDD, COL_SETUP,
    COL_RELEASE, COL_DIAMETER, COL_UNANSWERED, COL_COUNT
};

/* Column names: the table's own labels, not knowledge. */
static stat_tap_table_item calls_fields[COL_COUNT] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "First frame", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Kind", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Decided by", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "From -> To (or AOR); count", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Post-dial delay (ms)", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Set-up time (ms)", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Release cause", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Diameter behind it", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Unanswered requests", "%u" },
};

static const char table_calls[] = "Calls and registrations, by first frame";
static const char table_summary[] = "Summary by outcome";
static const char kind_call[] = "call";
static const char kind_registration[] = "registration";
static const char no_final_yet[] = "(no final response yet)";

typedef struct {
    guint           row;
    gboolean        registration;
    guint32         first_frame;
    sipguide_hop_t  hop;            /* the first request's way */
    gint64          first_us;       /* of the first request */
    gint64          alerting_us;    /* first 18x, or -1 */
    gint64          answered_us;    /* first 2xx, or -1 */
    gboolean        acked;          /* an ACK went the first INVITE's way after it */
    gboolean        resent_2xx;     /* the callee resent its 2xx there: no ACK had reached it */
    int             outcome;        /* a term, or SIPGUIDE_NONE */
    gboolean        timed_out;
    guint32         decided_code;
    guint32         decided_frame;
    int             decided_category;
    char           *parties;
    char           *release;
    char           *pending_release;/* of a BYE before the call was answered, until a 2xx
                                     * to it shows it ended a dialog */
    guint32         pending_bye;
    char           *refused;        /* a registration: a later refused refresh */
    char           *diameter;       /* the Diameter message behind the decisive response */
    char           *release_diameter; /* ... behind the release: a response to its BYE or CANCEL */
    GHashTable     *open;           /* frames of requests without a final response */
    gboolean        has_final;
} call_t;

static int calls_tap = -1;
static GHashTable *calls;           /* key (Call-ID, caller tag or "") -> call_t */
static GPtrArray *by_row;           /* call_t, by row */
static GQueue *waiting;             /* call_t without a final response, by first_us */
static GQueue *unacked;             /* call_t answered without an ACK yet, by answered_us */
static gint64 latest_us;

int
sipguide_calls_tap(void)
{
    return calls_tap;
}

/* ---------------------------------------------------------------------- */
/* The state */

static void
call_free(gpointer p)
{
    call_t *c = (call_t *)p;

    g_free(c->parties);
    g_free(c->release);
    g_free(c->pending_release);
    g_free(c->refused);
    g_free(c->diameter);
    g_free(c->release_diameter);
    g_hash_table_destroy(c->open);
    g_free(c);
}

static void
state_reset(void)
{
    if (calls != NULL)
        g_hash_table_destroy(calls);
    calls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, call_free);
    if (by_row != NULL)
        g_ptr_array_free(by_row, TRUE);
    by_row = g_ptr_array_new();
    if (waiting != NULL)
        g_queue_free(waiting);
    waiting = g_queue_new();
    if (unacked != NULL)
        g_queue_free(unacked);
    unacked = g_queue_new();
    latest_us = 0;
}

static char *
call_key(const char *call_id, const char *tag)
{
    return g_strdup_printf("%s\x1f%s", call_id, tag != NULL ? tag : "");
}

/* The call or registration a message belongs to; a new one for the first
 * INVITE or REGISTER of it; NULL for other messages. */
static call_t *
find_call(const sipguide_calls_tap_t *t, gboolean *created)
{
    gboolean reg = t->method != NULL && strcmp(t->method, "REGISTER") == 0;
    char *key;
    call_t *c;

    *created = FALSE;
    if (t->call_id == NULL || t->method == NULL)
        return NULL;
    /* A REGISTER flow keeps its Call-ID; a call is its caller's: the From
     * tag of the caller's requests, the To tag of the callee's. */
    key = call_key(t->call_id, reg ? NULL : t->from_tag);
    c = (call_t *)g_hash_table_lookup(calls, key);
    if (c == NULL && !reg && t->to_tag != NULL) {
        char *other = call_key(t->call_id, t->to_tag);
        c = (call_t *)g_hash_table_lookup(calls, other);
        g_free(other);
    }
    if (c != NULL || t->response || t->copy || (!reg && strcmp(t->method, "INVITE") != 0)
        || (!reg && t->to_tag != NULL)) {
        g_free(key);
        return c;
    }
    c = g_new0(call_t, 1);
    c->registration = reg;
    c->hop = t->hop;
    c->first_us = t->us;
    c->alerting_us = c->answered_us = -1;
    c->outcome = SIPGUIDE_NONE;
    c->decided_category = SIPGUIDE_NONE;
    c->open = g_hash_table_new(g_direct_hash, g_direct_equal);
    c->row = by_row->len;
    g_ptr_array_add(by_row, c);
    g_hash_table_insert(calls, key, c);
    g_queue_push_tail(waiting, c);
    *created = TRUE;
    return c;
}

/* ---------------------------------------------------------------------- */
/* The table */

static stat_tap_table *
table_of(stat_tap_table_ui *ui, const char *name)
{
    return stat_tap_find_table(ui, name);
}

static void
set_string(stat_tap_table *t, guint row, guint col, const char *value)
{
    stat_tap_table_item_type *old = stat_tap_get_field_data(t, row, col);
    stat_tap_table_item_type item;

    if (old->type == TABLE_ITEM_STRING && old->value.string_value != NULL
        && strcmp(old->value.string_value, value) == 0)
        return;
    if (old->type == TABLE_ITEM_STRING)
        g_free((char *)old->value.string_value);
    memset(&item, 0, sizeof(item));
    item.type = TABLE_ITEM_STRING;
    item.value.string_value = g_strdup(value);
    stat_tap_set_field_data(t, row, col, &item);
}

static void
set_uint(stat_tap_table *t, guint row, guint col, guint value)
{
    stat_tap_table_item_type item;

    memset(&item, 0, sizeof(item));
    item.type = TABLE_ITEM_UINT;
    item.value.uint_value = value;
    stat_tap_set_field_data(t, row, col, &item);
}

/* An empty row: strings "" and a zero count. */
static void
add_row(stat_tap_table *t, guint row)
{
    stat_tap_table_item_type items[COL_COUNT];
    guint i;

    memset(items, 0, sizeof(items));
    for (i = 0; i < COL_COUNT; i++) {
        items[i].type = calls_fields[i].type;
        if (items[i].type == TABLE_ITEM_STRING)
            items[i].value.string_value = g_strdup("");
    }
    stat_tap_init_table_row(t, row, COL_COUNT, items);
}

static const char *
outcome_token(const call_t *c)
{
    if (c->outcome != SIPGUIDE_NONE)
        return sipguide_term_token(c->registration ? SIPGUIDE_VOCAB_REG_OUTCOME
                                                   : SIPGUIDE_VOCAB_CALL_OUTCOME, c->outcome);
    if (c->timed_out)
        return c->registration ? "failed" : "timed-out";
    return no_final_yet;
}

static void
ms_text(char *buf, gsize n, gint64 from, gint64 to)
{
    if (to < 0 || to < from)
        g_strlcpy(buf, "-", n);
    else
        sipguide_units_ms(buf, n, (guint64)(to - from));
}

static void
draw_call(stat_tap_table *t, const call_t *c, packet_info *pinfo)
{
    char buf[128];

    if (c->row >= t->num_elements)
        add_row(t, c->row);
    g_snprintf(buf, sizeof(buf), "%u", c->first_frame);
    set_string(t, c->row, COL_FIRST, buf);
    set_string(t, c->row, COL_KIND, c->registration ? kind_registration : kind_call);
    set_string(t, c->row, COL_OUTCOME, outcome_token(c));
    if (c->decided_frame != 0) {
        const sipguide_code_t *e = sipguide_catalog_code(c->decided_code);
        g_snprintf(buf, sizeof(buf), "%u %s, frame %u%s%s%s", c->decided_code,
                   e != NULL ? e->phrase : "", c->decided_frame,
                   c->decided_category != SIPGUIDE_NONE ? " (" : "",
                   c->decided_category != SIPGUIDE_NONE
                       ? sipguide_term_token(SIPGUIDE_VOCAB_CATEGORY, c->decided_category) : "",
                   c->decided_category != SIPGUIDE_NONE ? ")" : "");
        if (c->refused != NULL) {
            char *both = g_strdup_printf("%s; %s", buf, c->refused);
            set_string(t, c->row, COL_DECIDED, both);
            g_free(both);
        } else {
            set_string(t, c->row, COL_DECIDED, buf);
        }
    } else if (c->timed_out) {
        const char *p[] = { "frame", wmem_strdup_printf(pinfo->pool, "%u", c->first_frame) };
        set_string(t, c->row, COL_DECIDED,
                   sipguide_evidence_fill(pinfo, SIPGUIDE_TEXT_CALLS_NO_RESPONSE, p, 1));
    }
    set_string(t, c->row, COL_PARTIES, c->parties != NULL ? c->parties : "");
    if (!c->registration) {
        ms_text(buf, sizeof(buf), c->first_us, c->alerting_us);
        set_string(t, c->row, COL_PDD, buf);
        ms_text(buf, sizeof(buf), c->first_us, c->answered_us);
        set_string(t, c->row, COL_SETUP, buf);
        set_string(t, c->row, COL_RELEASE, c->release != NULL ? c->release : "-");
    }
    set_string(t, c->row, COL_DIAMETER, c->diameter != NULL ? c->diameter
                                      : c->release_diameter != NULL ? c->release_diameter : "-");
    set_uint(t, c->row, COL_UNANSWERED, g_hash_table_size(c->open));
}

static void
calls_free_item(stat_tap_table *table _U_, guint row _U_, guint column _U_,
                stat_tap_table_item_type *field);

/* Drop the rows from 'rows' on. */
static void
truncate_rows(stat_tap_table *t, guint rows)
{
    guint row, col;

    for (row = rows; row < t->num_elements; row++) {
        for (col = 0; col < t->num_fields; col++)
            calls_free_item(t, row, col, &t->elements[row][col]);
        g_free(t->elements[row]);
        t->elements[row] = NULL;
    }
    if (rows < t->num_elements)
        t->num_elements = rows;
}

/* The summary: one row per kind and outcome, in the order of the
 * vocabularies. */
static void
draw_summary(stat_tap_table *t)
{
    guint counts[2][32], unanswered[2][32], waiting_n[2] = { 0, 0 }, waiting_open[2] = { 0, 0 };
    guint i, k, o, row = 0;
    char buf[64];

    memset(counts, 0, sizeof(counts));
    memset(unanswered, 0, sizeof(unanswered));
    for (i = 0; i < by_row->len; i++) {
        const call_t *c = (const call_t *)g_ptr_array_index(by_row, i);
        int o2 = c->outcome;
        k = c->registration ? 1 : 0;
        if (o2 == SIPGUIDE_NONE && c->timed_out)
            o2 = sipguide_term_find(c->registration ? SIPGUIDE_VOCAB_REG_OUTCOME
                                                    : SIPGUIDE_VOCAB_CALL_OUTCOME,
                                    c->registration ? "failed" : "timed-out");
        if (o2 == SIPGUIDE_NONE || o2 >= 32) {
            waiting_n[k]++;
            waiting_open[k] += g_hash_table_size(c->open);
        } else {
            counts[k][o2]++;
            unanswered[k][o2] += g_hash_table_size(c->open);
        }
    }
    for (k = 0; k < 2; k++) {
        sipguide_vocab_t vocab = k ? SIPGUIDE_VOCAB_REG_OUTCOME : SIPGUIDE_VOCAB_CALL_OUTCOME;
        for (o = 0; o <= sipguide_term_count(vocab) && o < 32; o++) {
            gboolean last = o == sipguide_term_count(vocab);
            guint n = last ? waiting_n[k] : counts[k][o];
            if (n == 0)
                continue;
            if (row >= t->num_elements)
                add_row(t, row);
            set_string(t, row, COL_FIRST, "-");
            set_string(t, row, COL_KIND, k ? kind_registration : kind_call);
            set_string(t, row, COL_OUTCOME, last ? no_final_yet : sipguide_term_token(vocab, (int)o));
            set_string(t, row, COL_DECIDED, "");
            g_snprintf(buf, sizeof(buf), "%u %s", n, k ? (n == 1 ? "registration" : "registrations")
                                                      : (n == 1 ? "call" : "calls"));
            set_string(t, row, COL_PARTIES, buf);
            set_uint(t, row, COL_UNANSWERED, last ? waiting_open[k] : unanswered[k][o]);
            row++;
        }
    }
    truncate_rows(t, row);
}

/* ---------------------------------------------------------------------- */
/* Messages */

/* The Diameter message behind a response: "Cx MAA 5001
 * DIAMETER_ERROR_USER_UNKNOWN, frame 55"; a success next to a failure,
 * which is not behind it, says so. */
static char *
diameter_text(const sipguide_calls_tap_t *t, packet_info *pinfo)
{
    static const char *const apps[] = { "", "Cx ", "Rx ", "Sh " };
    guint32 d = t->diameter_data;
    const sipguide_diam_entry_t *e = sipguide_diameter_entry(d);
    char *message, *text;
    const char *p[2];

    if (d & SIPGUIDE_DIAM_NO_VALUE)
        message = g_strdup_printf("%s%s, frame %u", apps[SIPGUIDE_DIAM_APP(d)],
                                  sipguide_diameter_command(d), t->diameter_frame);
    else
        message = g_strdup_printf("%s%s %u%s%s, frame %u", apps[SIPGUIDE_DIAM_APP(d)],
                                  sipguide_diameter_command(d), SIPGUIDE_DIAM_VALUE(d),
                                  e != NULL ? " " : "", e != NULL ? e->name : "", t->diameter_frame);
    if (!t->diameter_elsewhere)
        return message;
    p[0] = "message";
    p[1] = message;
    text = g_strdup(sipguide_evidence_fill(pinfo, SIPGUIDE_TEXT_CALLS_DIAMETER_SUCCESS, p, 1));
    g_free(message);
    return text;
}

/* The Reason values of a message, named ("Q.850 cause 16 (Normal call
 * clearing)"), or NULL. */
static char *
reasons_text(const sipguide_calls_tap_t *t, packet_info *pinfo)
{
    sipguide_reason_proto_t proto;
    guint32 cause;
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < t->nreasons; i++) {
        if (!sipguide_reason_unpack(t->reasons[i], &proto, &cause))
            continue;
        if (s->len > 0)
            g_string_append(s, "; ");
        g_string_append(s, sipguide_reason_describe(pinfo, proto, cause));
    }
    return g_string_free(s, s->len == 0);
}

static void
update(call_t *c, const sipguide_calls_tap_t *t, packet_info *pinfo)
{
    gboolean same_hop = sipguide_hop_same_way(&c->hop, &t->hop) > 0
                        || sipguide_hop_answers(&c->hop, 0, &t->hop) > 0;

    if (!t->response) {
        if (strcmp(t->method, "ACK") == 0 && c->answered_us >= 0 && same_hop)
            c->acked = TRUE;
        if (!t->copy && strcmp(t->method, "ACK") != 0)
            g_hash_table_add(c->open, GUINT_TO_POINTER(pinfo->num));
        if (c->first_frame == 0) {
            c->first_frame = pinfo->num;
            if (c->registration)
                c->parties = g_strdup(t->to_uri != NULL ? t->to_uri : "");
            else
                c->parties = g_strdup_printf("%s -> %s", t->from_uri != NULL ? t->from_uri : "?",
                                             t->to_uri != NULL ? t->to_uri : "?");
        }
        /* The release cause of a call: the Reason of its first BYE, once
         * the call was answered or the BYE was accepted (a BYE answered
         * 481 released nothing). */
        if (!c->registration && !t->copy && strcmp(t->method, "BYE") == 0 && c->release == NULL) {
            char *cause = reasons_text(t, pinfo);
            if (cause == NULL)
                cause = g_strdup(sipguide_catalog_text(SIPGUIDE_TEXT_CALLS_BYE_NO_REASON));
            if (c->answered_us >= 0) {
                c->release = cause;
            } else if (c->pending_release == NULL) {
                c->pending_release = cause;
                c->pending_bye = pinfo->num;
            } else {
                g_free(cause);
            }
        }
        return;
    }
    if (t->code >= 200 && t->request_in != 0)
        g_hash_table_remove(c->open, GUINT_TO_POINTER(t->request_in));
    if (t->resent && same_hop && t->code >= 200 && t->code < 300 && strcmp(t->method, "INVITE") == 0)
        c->resent_2xx = TRUE;
    if (c->pending_release != NULL && t->code >= 200 && t->request_in == c->pending_bye
        && strcmp(t->method, "BYE") == 0) {
        if (t->code < 300 && c->release == NULL)
            c->release = c->pending_release;
        else
            g_free(c->pending_release);
        c->pending_release = NULL;
    }
    /* A call the network released (an ASR, or a RAR reporting the loss of
     * its bearer): the first response to its BYE or CANCEL that links the
     * Diameter message, on any hop, as the release cause comes from the
     * first BYE. */
    if (!c->registration && !t->copy && t->diameter_frame != 0 && c->release_diameter == NULL
        && (strcmp(t->method, "BYE") == 0 || strcmp(t->method, "CANCEL") == 0))
        c->release_diameter = diameter_text(t, pinfo);
    if (t->copy || !same_hop)
        return;
    if (!c->registration && strcmp(t->method, "INVITE") == 0) {
        if (t->code >= 180 && t->code < 200 && c->alerting_us < 0)
            c->alerting_us = t->us;
        if (t->code >= 200 && t->code < 300 && c->answered_us < 0) {
            c->answered_us = t->us;
            g_queue_push_tail(unacked, c);
        }
    }
    /* The cause of a failed call: the Reason of its final response, or the
     * one it inherits (an 18x's, the CANCEL's). */
    if (!c->registration && t->code >= 300 && t->call_outcome != SIPGUIDE_NONE) {
        g_free(c->release);
        c->release = reasons_text(t, pinfo);
        if (c->release != NULL && t->reasons_from != 0) {
            const char *p[] = {
                "reasons", c->release,
                "frame", wmem_strdup_printf(pinfo->pool, "%u", t->reasons_from),
            };
            char *inherited = g_strdup(sipguide_evidence_fill(pinfo, SIPGUIDE_TEXT_CALLS_REASON_INHERITED,
                                                              p, 2));
            g_free(c->release);
            c->release = inherited;
        }
    }
    /* A refused refresh leaves the registration in place: the success
     * before it still decides, and the refusal is told beside it. */
    if (c->registration && t->code >= 300 && t->reg_outcome != SIPGUIDE_NONE
        && t->reg_outcome == sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "refresh-refused")
        && (c->outcome == sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "registered")
            || c->outcome == sipguide_term_find(SIPGUIDE_VOCAB_REG_OUTCOME, "refreshed"))) {
        const sipguide_code_t *e = sipguide_catalog_code(t->code);
        const char *p[] = {
            "code", wmem_strdup_printf(pinfo->pool, "%u", t->code),
            "phrase", e != NULL ? e->phrase : "",
            "frame", wmem_strdup_printf(pinfo->pool, "%u", pinfo->num),
        };
        g_free(c->refused);
        c->refused = g_strdup(sipguide_evidence_fill(pinfo, SIPGUIDE_TEXT_CALLS_REFRESH_REFUSED, p, 3));
        return;
    }
    /* The latest outcome decides: a challenge followed by success is a
     * success. */
    if (t->code >= 200 && (c->registration ? t->reg_outcome : t->call_outcome) != SIPGUIDE_NONE) {
        g_free(c->refused);
        c->refused = NULL;
        g_free(c->diameter);
        c->diameter = t->diameter_frame != 0 ? diameter_text(t, pinfo) : NULL;
        c->outcome = c->registration ? t->reg_outcome : t->call_outcome;
        c->decided_code = t->code;
        c->decided_frame = pinfo->num;
        c->decided_category = t->category;
        c->has_final = TRUE;
    } else if (t->code >= 200 && ((c->registration && strcmp(t->method, "REGISTER") == 0)
                                  || strcmp(t->method, "INVITE") == 0)) {
        c->has_final = TRUE;
    }
}

/* Calls still waiting whose first request is 64*T1 old by now. */
static void
time_out(stat_tap_table *t, gint64 now_us, packet_info *pinfo)
{
    gint64 limit = (gint64)64 * sipguide_model_t1_ms() * 1000;

    while (!g_queue_is_empty(waiting)) {
        call_t *c = (call_t *)g_queue_peek_head(waiting);
        if (c->has_final) {
            g_queue_pop_head(waiting);
            continue;
        }
        if (now_us - c->first_us <= limit)
            break;
        g_queue_pop_head(waiting);
        c->timed_out = TRUE;
        draw_call(t, c, pinfo);
    }
    /* An answer whose ACK is overdue, and that the callee resent for want
     * of it, did not set the call up: as the guide of the 2xx says once
     * the file is read. */
    while (!g_queue_is_empty(unacked)) {
        call_t *c = (call_t *)g_queue_peek_head(unacked);
        int answered = sipguide_term_find(SIPGUIDE_VOCAB_CALL_OUTCOME, "answered");
        if (!c->acked && c->outcome == answered && now_us - c->answered_us <= sipguide_flow_ack_wait_us())
            break;
        g_queue_pop_head(unacked);
        if (!c->acked && c->resent_2xx && c->outcome == answered) {
            c->outcome = sipguide_term_find(SIPGUIDE_VOCAB_CALL_OUTCOME, "unconfirmed");
            draw_call(t, c, pinfo);
        }
    }
}

static tap_packet_status
calls_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
             tap_flags_t flags _U_)
{
    stat_data_t *stat_data = (stat_data_t *)tapdata;
    const sipguide_calls_tap_t *t = (const sipguide_calls_tap_t *)data;
    stat_tap_table *table = table_of(stat_data->stat_tap_data, table_calls);
    stat_tap_table *summary = table_of(stat_data->stat_tap_data, table_summary);
    gboolean created;
    call_t *c;

    if (table == NULL || summary == NULL || calls == NULL)
        return TAP_PACKET_DONT_REDRAW;
    if (t->us > latest_us)
        latest_us = t->us;
    c = find_call(t, &created);
    if (c != NULL) {
        update(c, t, pinfo);
        draw_call(table, c, pinfo);
    }
    time_out(table, latest_us, pinfo);
    draw_summary(summary);
    return TAP_PACKET_REDRAW;
}

/* ---------------------------------------------------------------------- */
/* Registration */

static void
calls_init(stat_tap_table_ui *ui)
{
    if (table_of(ui, table_calls) == NULL)
        stat_tap_add_table(ui, stat_tap_init_table(table_calls, COL_COUNT, 0, NULL));
    if (table_of(ui, table_summary) == NULL)
        stat_tap_add_table(ui, stat_tap_init_table(table_summary, COL_COUNT, 0, NULL));
    state_reset();
}

static void
calls_free_item(stat_tap_table *table _U_, guint row _U_, guint column _U_,
                stat_tap_table_item_type *field)
{
    if (field->type == TABLE_ITEM_STRING) {
        g_free((char *)field->value.string_value);
        field->value.string_value = NULL;
    }
}

/* A reset (a new file, a retap) empties both tables and the state. */
static void
calls_reset(stat_tap_table *table)
{
    truncate_rows(table, 0);
    g_free(table->elements);
    table->elements = NULL;
    state_reset();
}

static stat_tap_table_ui calls_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED,
    "SIP Response Guide/Calls and registrations",
    "sipguide.calls",
    "sipguide,calls",
    calls_init,
    calls_packet,
    calls_reset,
    calls_free_item,
    NULL,
    COL_COUNT, calls_fields,
    0, NULL,
    NULL,
    0
};

void
sipguide_calls_register(void)
{
    calls_tap = register_tap("sipguide.calls");
    register_stat_tap_table_ui(&calls_ui);
}
