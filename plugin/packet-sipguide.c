/* packet-sipguide.c
 * The SIP Response Guide protocol: a post-dissector that adds, under every
 * SIP response of a frame, what the code means, its IMS context and what to
 * check next.  Registration and the way of a packet live here: extract the
 * SIP values (sipguide-extract.c), update the transaction and dialog model
 * on the first reading (sipguide-model.c), diagnose each response
 * (sipguide-diagnose.c), then draw it (sipguide-draw.c) and count it
 * (sipguide-stats.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/column-utils.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/tap.h>
#include <epan/tfs.h>

#include "compat.h"
#include "packet-sipguide.h"
#include "sipguide-batch.h"
#include "sipguide-calls.h"
#include "sipguide-catalog.h"
#include "sipguide-diagnose.h"
#include "sipguide-draw.h"
#include "sipguide-extract.h"
#include "sipguide-fields.h"
#include "sipguide-flow.h"
#include "sipguide-frames.h"
#include "sipguide-intern.h"
#include "sipguide-model.h"
#include "sipguide-pdus.h"
#include "sipguide-prime.h"
#include "sipguide-quote.h"
#include "sipguide-stats.h"
#include "sipguide-userhints.h"
#include "sipguide-values.h"

int proto_sipguide = -1;

int hf_sipguide_code = -1;
int hf_sipguide_class = -1;
int hf_sipguide_class_meaning = -1;
int hf_sipguide_registered = -1;
int hf_sipguide_handled_as = -1;
int hf_sipguide_phrase = -1;
int hf_sipguide_meaning = -1;
int hf_sipguide_method = -1;
int hf_sipguide_category = -1;
int hf_sipguide_scope = -1;
int hf_sipguide_retry = -1;
int hf_sipguide_reference = -1;
int hf_sipguide_ims_procedure = -1;
int hf_sipguide_ims_element = -1;
int hf_sipguide_ims_reference = -1;
int hf_sipguide_hint = -1;
int hf_sipguide_headers = -1;
int hf_sipguide_related = -1;
int hf_sipguide_related_why = -1;
int hf_sipguide_evidence = -1;
int hf_sipguide_reason_protocol = -1;
int hf_sipguide_reason_cause = -1;
int hf_sipguide_reason_text = -1;
int hf_sipguide_retry_after = -1;
int hf_sipguide_warning_code = -1;
int hf_sipguide_min_se = -1;
int hf_sipguide_min_expires = -1;
int hf_sipguide_auth_algorithm = -1;
int hf_sipguide_alt_service_type = -1;
int hf_sipguide_alt_service_action = -1;
int hf_sipguide_response_source = -1;
int hf_sipguide_request_in = -1;
int hf_sipguide_response_time = -1;
int hf_sipguide_cancel_in = -1;
int hf_sipguide_crossing_in = -1;
int hf_sipguide_auth_retry_in = -1;
int hf_sipguide_auth_verdict = -1;
int hf_sipguide_auth_rejected_in = -1;
int hf_sipguide_auth_challenge_in = -1;
int hf_sipguide_retransmission_of = -1;
int hf_sipguide_duplicate_of = -1;
int hf_sipguide_also_seen_in = -1;
int hf_sipguide_fork_first_in = -1;
int hf_sipguide_dialog_invite_in = -1;
int hf_sipguide_dialog_ended_in = -1;
int hf_sipguide_dialog_other_in = -1;
int hf_sipguide_subscription_in = -1;
int hf_sipguide_subscription_ended_in = -1;
int hf_sipguide_transaction_note = -1;
int hf_sipguide_site_hint = -1;
int hf_sipguide_flow = -1;
int hf_sipguide_body = -1;
int hf_sipguide_cause = -1;
int hf_sipguide_meant_for = -1;
int hf_sipguide_method_note = -1;
int hf_sipguide_received_phrase = -1;
int hf_sipguide_ack_in = -1;
int hf_sipguide_ack_other_hop_in = -1;
int hf_sipguide_reason_inherited_in = -1;
int hf_sipguide_auth_challenges = -1;
int hf_sipguide_auth_resyncs = -1;
int hf_sipguide_auth_first_rejected_in = -1;
int hf_sipguide_call_outcome = -1;
int hf_sipguide_call_summary = -1;
int hf_sipguide_registration_outcome = -1;
int hf_sipguide_registration_summary = -1;
int hf_sipguide_request_outcome = -1;
int hf_sipguide_request_final_in = -1;
int hf_sipguide_request_copies = -1;
int hf_sipguide_request_invite_final_in = -1;
int hf_sipguide_request_given_up_in = -1;
int hf_sipguide_request_failed_over_in = -1;
int hf_sipguide_request_icmp_error_in = -1;
int hf_sipguide_diameter_in = -1;
int hf_sipguide_diameter_candidate_in = -1;
int hf_sipguide_diameter_application = -1;
int hf_sipguide_diameter_result = -1;
int hf_sipguide_diameter_abort_cause = -1;
int hf_sipguide_diameter_specific_action = -1;

/* The fields that depend on the code and the CSeq method alone.  Every
 * other field may change with what the model knows of the request (a
 * re-INVITE, an Event package, a body) or of its transaction: a run that
 * asks for none of them needs only the plain guide. */
static int *const hf_sipguide_basic[] = {
    &hf_sipguide_code, &hf_sipguide_class, &hf_sipguide_class_meaning, &hf_sipguide_registered,
    &hf_sipguide_handled_as, &hf_sipguide_phrase, &hf_sipguide_method, &hf_sipguide_reference
};

gint ett_sipguide = -1;
gint ett_sipguide_class = -1;
gint ett_sipguide_ims = -1;
gint ett_sipguide_troubleshooting = -1;
gint ett_sipguide_text = -1;
gint ett_sipguide_evidence = -1;
gint ett_sipguide_transaction = -1;

expert_field ei_sipguide_response_chat = EI_INIT;
expert_field ei_sipguide_response_note = EI_INIT;
expert_field ei_sipguide_response_warn = EI_INIT;
expert_field ei_sipguide_code_invalid = EI_INIT;
expert_field ei_sipguide_code_unregistered = EI_INIT;
expert_field ei_sipguide_evidence_contradicts = EI_INIT;
expert_field ei_sipguide_evidence_malformed = EI_INIT;
expert_field ei_sipguide_retransmission = EI_INIT;
expert_field ei_sipguide_duplicate = EI_INIT;
expert_field ei_sipguide_auth_rejected = EI_INIT;
expert_field ei_sipguide_time_inconsistent = EI_INIT;
expert_field ei_sipguide_auth_loop = EI_INIT;
expert_field ei_sipguide_ack_missing = EI_INIT;
expert_field ei_sipguide_request_timeout = EI_INIT;
expert_field ei_sipguide_request_no_final = EI_INIT;
expert_field ei_sipguide_request_copies = EI_INIT;
expert_field ei_sipguide_request_icmp_error = EI_INIT;

static dissector_handle_t sipguide_handle;
static int sipguide_tap = -1;
static int expert_tap = -1;     /* Wireshark's own, for Analyze > Expert Information and -z expert */

/* The fields through which a filter or a column reads expert items:
 * Wireshark's own and the guide's; looked up at file start. */
static const char *const expert_field_names[] = {
    "_ws.expert", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group",
    "sipguide.response.normal", "sipguide.response.failure", "sipguide.response.unusual",
    "sipguide.code.invalid", "sipguide.code.unregistered", "sipguide.evidence.contradicts",
    "sipguide.evidence.malformed", "sipguide.retransmission", "sipguide.duplicate",
    "sipguide.auth.rejected", "sipguide.time.inconsistent", "sipguide.auth.loop",
    "sipguide.ack.missing", "sipguide.request.timeout", "sipguide.request.no_final",
    "sipguide.request.odd_copies"
};
static header_field_info *expert_fields[G_N_ELEMENTS(expert_field_names)];

/* Whether the first tree of this file has decided what the run needs. */
static gboolean needs_decided;
static gboolean later_decided;
/* Whether the first pass reads the messages through taps (sipguide-pdus.h). */
static gboolean first_pass_taps;

/* Preferences: what the guide shows, and the timer it assumes. */
sipguide_epan_bool_t pref_show_ims = TRUE;
sipguide_epan_bool_t pref_show_hints = TRUE;
sipguide_epan_bool_t pref_show_evidence = TRUE;
sipguide_epan_bool_t pref_show_transaction = TRUE;
sipguide_epan_bool_t pref_info_column = FALSE;
static guint pref_t1_ms = 500;

/* Class names come from data/classes.txt; filled at registration. */
static value_string sipguide_class_vals[8];

static const true_false_string tfs_sipguide_registered = {
    "Yes (IANA SIP Response Codes registry)",
    "No (not in the IANA SIP Response Codes registry)"
};

/* ---------------------------------------------------------------------- */
/* What the first pass learns about a frame, kept for later passes: the
 * facts of each message, then (where later passes come) where each lies. */

typedef struct {
    guint            count;
    sipguide_facts_t facts[];     /* one per SIP message, requests too */
} sipguide_frame_t;

static sipguide_where_t *
frame_where(sipguide_frame_t *frame)
{
    return (sipguide_where_t *)&frame->facts[frame->count];
}

/* The first reading of a frame with its SIP values: the facts of every
 * message, from the model when the run has one, kept for later passes
 * unless the program reads each frame once, with where each message lies
 * (found in pinfo's data sources when 'where' is NULL). */
static sipguide_frame_t *
remember_frame(packet_info *pinfo, const sipguide_msgs_t *msgs, gboolean model,
               const sipguide_where_t *where)
{
    gboolean keep = !sipguide_prime_single_pass();
    gsize facts_size = sizeof(sipguide_frame_t) + msgs->count * sizeof(sipguide_facts_t);
    sipguide_frame_t *frame = NULL;
    guint32 handle = 0;
    guint i;

    if (keep)
        frame = (sipguide_frame_t *)sipguide_frames_alloc(
            facts_size + msgs->count * sizeof(sipguide_where_t), &handle);
    if (frame == NULL) {
        keep = FALSE;
        frame = (sipguide_frame_t *)wmem_alloc(pinfo->pool, facts_size);
    }
    frame->count = msgs->count;
    for (i = 0; i < msgs->count; i++) {
        const sipguide_msg_t *m = &msgs->msgs[i];
        sipguide_facts_init(&frame->facts[i], m->response, m->code,
                            sipguide_intern(sipguide_msg_method(m)));
        if (keep && where != NULL)
            frame_where(frame)[i] = where[i];
        else if (keep)
            sipguide_where_of(pinfo, m, &frame_where(frame)[i]);
    }
    if (model)
        sipguide_model_frame(pinfo, msgs, frame->facts, keep);
    if (keep)
        sipguide_frames_set(pinfo->num, handle);
    return frame;
}

/* A frame of a first pass read through taps, once its dissection is over:
 * unless the post-dissector read it already, from protocol items, it is
 * kept for a batch (sipguide-batch.h). */
static void
remember_from_taps(packet_info *pinfo, const sipguide_span_t *sip, guint nsip,
                   sipguide_span_t *diameter, guint ndiameter, guint16 ip_id)
{
    if (sipguide_frames_get(pinfo->num) == NULL)
        sipguide_batch_add(pinfo, sip, nsip, diameter, ndiameter, ip_id);
}

/* A frame of a batch, read. */
static void
remember_from_batch(packet_info *pinfo, const sipguide_msgs_t *msgs, const sipguide_where_t *where)
{
    remember_frame(pinfo, msgs, TRUE, where);
}

/* A later pass: the messages where the first pass found them.  FALSE when
 * one of them cannot be found so. */
static gboolean
read_remembered(packet_info *pinfo, sipguide_frame_t *frame, int need, sipguide_msgs_t *msgs)
{
    sipguide_span_t *spans = frame->count > 0
                           ? wmem_alloc_array(pinfo->pool, sipguide_span_t, frame->count) : NULL;
    guint i;

    for (i = 0; i < frame->count; i++) {
        if (!sipguide_where_span(pinfo, &frame_where(frame)[i], &spans[i]))
            return FALSE;
    }
    sipguide_extract_spans(pinfo, need, spans, frame->count, NULL, 0, 0, msgs);
    return TRUE;
}

/* Feed the statistics: one tap record per response, from its result. */
static void
tap_response(packet_info *pinfo, const sipguide_result_t *r)
{
    sipguide_tap_info_t *info = wmem_new0(pinfo->pool, sipguide_tap_info_t);

    info->code = r->code;
    info->method = r->method;
    info->guide = &r->guide;
    tap_queue_packet(sipguide_tap, pinfo, info);
}

/* Feed the calls table: one tap record per modelled message, with the
 * outcome of a response's result. */
static void
tap_calls(packet_info *pinfo, const sipguide_msg_t *m, const sipguide_facts_t *f,
          const sipguide_result_t *r)
{
    sipguide_calls_tap_t *t;
    sipguide_values_t v;

    if (!(f->flags & SIPGUIDE_FACT_MODELLED) || !sipguide_values_read(m, pinfo, &v))
        return;
    t = wmem_new0(pinfo->pool, sipguide_calls_tap_t);
    t->response = v.response;
    t->code = v.code;
    t->method = v.method;
    t->call_id = sipguide_values_string(&v, v.call_id);
    t->from_tag = sipguide_values_string(&v, v.from_tag);
    t->to_tag = sipguide_values_string(&v, v.to_tag);
    t->from_uri = sipguide_values_string(&v, v.from_uri);
    t->to_uri = sipguide_values_string(&v, v.to_uri);
    sipguide_hop_of_frame(pinfo, &t->hop);
    t->us = sipguide_model_arrival_us(pinfo);
    t->request_in = sipguide_facts_get(f, SIPGUIDE_LINK_REQUEST_IN);
    t->copy = (f->flags & (SIPGUIDE_FACT_DUPLICATE | SIPGUIDE_FACT_RESENT)) != 0;
    t->resent = (f->flags & SIPGUIDE_FACT_RESENT) != 0;
    t->call_outcome = r != NULL ? r->call_outcome : SIPGUIDE_NONE;
    t->reg_outcome = r != NULL ? r->reg_outcome : SIPGUIDE_NONE;
    t->category = r != NULL ? r->guide.category : SIPGUIDE_NONE;
    t->phrase = r != NULL ? r->phrase : NULL;
    t->diameter_frame = r != NULL ? r->diameter_frame : 0;
    t->diameter_data = r != NULL ? r->diameter_data : 0;
    t->diameter_elsewhere = r != NULL && r->diameter_elsewhere;
    t->nreasons = v.nreasons;
    memcpy(t->reasons, v.reasons, sizeof(t->reasons));
    /* A failure without a Reason of its own: the one it inherits. */
    if (t->response && t->code >= 300 && t->nreasons == 0) {
        guint i;
        for (i = 0; i < f->nlinks && t->nreasons < G_N_ELEMENTS(t->reasons); i++) {
            const sipguide_link_t *l = sipguide_facts_nth(f, i);
            guint32 kind = SIPGUIDE_LINK_KIND(l->kind);
            if (kind == SIPGUIDE_LINK_REASON_EARLY || kind == SIPGUIDE_LINK_REASON_CANCEL) {
                t->reasons[t->nreasons++] = SIPGUIDE_LINK_DATA(l->kind);
                t->reasons_from = l->frame;
            }
        }
    }
    tap_queue_packet(sipguide_calls_tap(), pinfo, t);
}

/* Whether this dissection reads expert items: always where the tree is
 * shown; elsewhere the expert tap, a filter on an expert field or an
 * Expert column. */
static gboolean
expert_wanted(packet_info *pinfo)
{
    guint i;

    if (expert_tap > 0 && have_tap_listener(expert_tap))
        return TRUE;
    for (i = 0; i < G_N_ELEMENTS(expert_fields); i++) {
        if (expert_fields[i] != NULL && expert_fields[i]->ref_type != HF_REF_TYPE_NONE)
            return TRUE;
    }
    return col_get_text(pinfo->cinfo, COL_EXPERT) != NULL;
}

/* Whether the labels of this tree are read.  tshark -T fields builds a
 * tree as if to show it, and prints only the chosen fields; there only
 * those fields are added, unless the guide's own item is asked for (its
 * label is its value). */
static gboolean
tree_shown(proto_tree *tree)
{
    return SIPGUIDE_TREE_VISIBLE(tree)
           && (!sipguide_prime_labels_unread()
               || proto_registrar_get_nth(proto_sipguide)->ref_type == HF_REF_TYPE_DIRECT);
}

/* Which of the guide's fields the run asks for (a filter, -e, a column):
 * none, only those of the code and the CSeq method (hf_sipguide_basic),
 * or others too. */
typedef enum { FIELDS_NONE, FIELDS_BASIC, FIELDS_OTHER } fields_asked_t;

static fields_asked_t
fields_asked(void)
{
    fields_asked_t asked = FIELDS_NONE;
    header_field_info *hfi;
    void *cookie = NULL;
    guint i;

    for (hfi = proto_get_first_protocol_field(proto_sipguide, &cookie); hfi != NULL;
         hfi = proto_get_next_protocol_field(proto_sipguide, &cookie)) {
        gboolean basic = FALSE;

        if (hfi->ref_type == HF_REF_TYPE_NONE)
            continue;
        for (i = 0; i < G_N_ELEMENTS(hf_sipguide_basic) && !basic; i++)
            basic = hfi->id == *hf_sipguide_basic[i];
        if (!basic)
            return FIELDS_OTHER;
        asked = FIELDS_BASIC;
    }
    return asked;
}

/* What this run needs the guide to read.  Everything, except in a tshark
 * run that reads each frame once and asks only for fields of the code and
 * the CSeq method (hf_sipguide_basic), no expert info, no labels and no
 * statistics: the set of asked-for fields does not change within such a
 * run.  The statistics count the guide's category and procedure, which
 * depend on the request (a re-INVITE, credentials ...): they need the
 * model, so that they count what the drawn guide shows.  A first pass read
 * through taps asks for nothing unless it draws the guide (a filter or a
 * column on it when the GUI opens a file). */
static sipguide_need_t
run_needs(proto_tree *tree, packet_info *pinfo)
{
    if (first_pass_taps)
        return proto_field_is_referenced(tree, proto_sipguide) || tree_shown(tree)
               || expert_wanted(pinfo) || have_tap_listener(sipguide_tap) || pref_info_column
               || (sipguide_calls_tap() > 0 && have_tap_listener(sipguide_calls_tap()))
               ? SIPGUIDE_NEED_ALL : SIPGUIDE_NEED_NOTHING;
    if (!sipguide_prime_single_pass() || tree_shown(tree) || expert_wanted(pinfo)
        || have_tap_listener(sipguide_tap))
        return SIPGUIDE_NEED_ALL;
    return fields_asked() == FIELDS_OTHER ? SIPGUIDE_NEED_ALL : SIPGUIDE_NEED_BASIC;
}

/* What the later passes of a tshark -2 run need the guide to read, told
 * by the first frame of the second pass (the set of asked-for fields does
 * not change from one frame to the next there), and what a later pass of
 * the GUI needs, told by each dissection: the facts of every message are
 * remembered, so only what drawing reads from the message itself, nothing
 * when no guide is drawn and nothing is counted. */
static sipguide_need_t
later_needs(proto_tree *tree, packet_info *pinfo)
{
    sipguide_need_t need = SIPGUIDE_NEED_NOTHING;

    if ((sipguide_calls_tap() > 0 && have_tap_listener(sipguide_calls_tap()))
        || tree_shown(tree) || expert_wanted(pinfo))
        return SIPGUIDE_NEED_DRAW;
    /* The statistics and the Info column count and name codes: the plain
     * guide, whose site hints read the reason phrase and Warning texts. */
    if (have_tap_listener(sipguide_tap) || pref_info_column
        || proto_field_is_referenced(tree, proto_sipguide))
        need = SIPGUIDE_NEED_BASIC;
    switch (fields_asked()) {
    case FIELDS_OTHER: return SIPGUIDE_NEED_DRAW;
    case FIELDS_BASIC: return SIPGUIDE_NEED_BASIC;
    default:           return need;
    }
}

typedef enum { FRAME_NO_SIP, FRAME_SIP, FRAME_QUOTE } frame_sip_t;

/* Whether the SIP dissector ran on this frame, or (when the model reads
 * everything) the Diameter one.  Their layer is near the end of the list,
 * and protocol ids compare faster than names.  A message quoted in an
 * ICMP error is no message of the frame: the host that sent the error did
 * not take it, and Wireshark leaves such quotes out of its own SIP
 * statistics and export too; the model only learns that its request came
 * back (read_quote). */
static frame_sip_t
frame_sip(const packet_info *pinfo)
{
    static int proto_icmp = -2, proto_icmpv6 = -2;
    const int proto_sip = sipguide_sip_field_ids[SIPGUIDE_SF_SIP];
    const int proto_diameter = sipguide_prime_armed() == SIPGUIDE_NEED_ALL
                               ? sipguide_sip_field_ids[SIPGUIDE_SF_DIAMETER] : -1;
    wmem_list_frame_t *layer;
    gboolean found = FALSE;

    if (proto_sip < 0 || pinfo->layers == NULL)
        return FRAME_NO_SIP;
    if (proto_icmp == -2) {
        proto_icmp = proto_get_id_by_filter_name("icmp");
        proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    }
    for (layer = wmem_list_tail(pinfo->layers); layer != NULL; layer = wmem_list_frame_prev(layer)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(layer));
        if (id == proto_sip || (id == proto_diameter && proto_diameter > 0))
            found = TRUE;
        else if (found && id > 0 && (id == proto_icmp || id == proto_icmpv6))
            return FRAME_QUOTE;
    }
    return found ? FRAME_SIP : FRAME_NO_SIP;
}

/* The last frame whose quote the model read: the post-dissector and the
 * taps may both see a frame's first reading. */
static guint32 quote_read_in;

/* A frame read for the first time that is an ICMP error quoting a SIP
 * message: the model learns that the message came back. */
static void
read_quote(packet_info *pinfo, tvbuff_t *tvb)
{
    sipguide_quote_t q;
    sipguide_msgs_t msgs;

    if (pinfo->num <= quote_read_in || !sipguide_quote_find(tvb, &q))
        return;
    quote_read_in = pinfo->num;
    memset(&msgs, 0, sizeof(msgs));
    sipguide_extract_spans(pinfo, SIPGUIDE_NEED_ALL, &q.span, 1, NULL, 0, 0, &msgs);
    if (msgs.count == 1)
        sipguide_model_quote(pinfo, &msgs.msgs[0], &q);
}

/* A first pass read through taps: a frame with no exported message that
 * may quote one. */
static void
quote_from_taps(packet_info *pinfo, tvbuff_t *tvb)
{
    if (frame_sip(pinfo) == FRAME_QUOTE) {
        sipguide_batch_flush();
        read_quote(pinfo, tvb);
    }
}

static int
dissect_sipguide(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sipguide_frame_t *frame;
    sipguide_msgs_t msgs;
    guint i, want = 0;
    sipguide_need_t need;
    gboolean readable, drawn, tapped, calls, shown = FALSE, want_expert = FALSE, later_known, same;

    /* A first reading without a tree: the taps read the frame, if anything
     * does (the GUI's first pass calls this for every frame). */
    if (tree == NULL && !PINFO_FD_VISITED(pinfo))
        return 0;
    /* The frames kept for a batch are read before anything reads what they
     * teach: a later pass, or a first reading from protocol items. */
    if (sipguide_batch_pending()
        && (PINFO_FD_VISITED(pinfo) || (tree != NULL && sipguide_prime_armed() == SIPGUIDE_NEED_ALL)))
        sipguide_batch_flush();
    frame = (sipguide_frame_t *)sipguide_frames_get(pinfo->num);
    /* No tree: nothing in this run can show or filter on the guide, but for
     * a later pass (the GUI's Expert Information, the calls table), where
     * the guide's expert info and records need none. */
    if (tree == NULL
        && (frame == NULL
            || !((expert_tap > 0 && have_tap_listener(expert_tap))
                 || (sipguide_calls_tap() > 0 && have_tap_listener(sipguide_calls_tap())))))
        return 0;
    memset(&msgs, 0, sizeof(msgs));
    if (SIPGUIDE_TREE_VISIBLE(tree) && sipguide_prime_labels_unread())
        sipguide_prime_printed_fields();
    /* The first tree of a file's first pass decides what the run needs. */
    if (!needs_decided && tree != NULL && !PINFO_FD_VISITED(pinfo)) {
        needs_decided = TRUE;
        sipguide_prime_arm(run_needs(tree, pinfo));
    }
    /* The first frame of tshark's second pass decides what the later
     * passes read: the model was fed by the first, and its records go. */
    if (!later_decided && PINFO_FD_VISITED(pinfo) && sipguide_prime_batch_two_pass()) {
        later_decided = TRUE;
        sipguide_model_close();
        sipguide_prime_later_passes(later_needs(tree, pinfo));
    }

    if (frame == NULL) {
        frame_sip_t sip = frame_sip(pinfo);

        if (sip == FRAME_QUOTE && !PINFO_FD_VISITED(pinfo)) {
            if (sipguide_prime_armed() == SIPGUIDE_NEED_ALL)
                read_quote(pinfo, tvb);
            if (sipguide_pdus_checking())
                sipguide_pdus_check_quote(pinfo, tvb);
        }
        if (sip != FRAME_SIP)
            return 0;
    }
    /* A first pass read through taps that does not draw the guide leaves
     * the frame to them, which read it once it is complete. */
    if (frame == NULL && first_pass_taps && sipguide_prime_armed() != SIPGUIDE_NEED_ALL)
        return 0;
    drawn = proto_field_is_referenced(tree, proto_sipguide) || pref_info_column
            || (expert_tap > 0 && have_tap_listener(expert_tap));
    if (frame != NULL && !drawn && !have_tap_listener(sipguide_tap)
        && !have_tap_listener(sipguide_calls_tap()))
        return 0;

    /* Extract the SIP values, update the model on the first reading,
     * diagnose each response, then draw it and count it.  A later pass
     * finds the messages where the first pass did. */
    need = frame == NULL || !PINFO_FD_VISITED(pinfo) ? sipguide_prime_armed()
         : sipguide_prime_batch_two_pass() ? sipguide_prime_armed() : later_needs(tree, pinfo);
    readable = (frame != NULL && PINFO_FD_VISITED(pinfo) && read_remembered(pinfo, frame, (int)need, &msgs))
               || sipguide_extract(tree, pinfo, (int)need, &msgs);
    if (readable && frame == NULL && sipguide_pdus_checking())
        sipguide_pdus_check(pinfo, &msgs);
    if (frame == NULL) {
        /* A frame of Diameter alone feeds the model and keeps an empty
         * record, so that later passes do not feed it again. */
        if (!readable || (msgs.count == 0 && msgs.ndiameter == 0))
            return 0;
        frame = remember_frame(pinfo, &msgs, sipguide_prime_armed() == SIPGUIDE_NEED_ALL, NULL);
    }
    /* This pass's messages are the remembered ones when it reads as many. */
    same = readable && msgs.count == frame->count;
    tapped = have_tap_listener(sipguide_tap);
    calls = sipguide_calls_tap() > 0 && have_tap_listener(sipguide_calls_tap()) && same;
    /* A pass that neither draws nor counts (the first of tshark -2 without
     * a filter on the guide) only feeds the model. */
    if (!drawn && !tapped && !calls)
        return 0;
    if (drawn) {
        shown = tree_shown(tree);
        want_expert = !shown && expert_wanted(pinfo);
        if (need >= SIPGUIDE_NEED_DRAW)
            want = (pref_show_evidence ? SIPGUIDE_WANT_EVIDENCE : 0)
                   | (pref_show_transaction ? SIPGUIDE_WANT_TRANSACTION : 0);
    }
    later_known = PINFO_FD_VISITED(pinfo) && sipguide_model_seen_after(pinfo->num);

    for (i = 0; i < frame->count; i++) {
        const sipguide_facts_t *f = &frame->facts[i];
        const sipguide_msg_t *m = NULL;
        sipguide_result_t *r;

        if (!(f->flags & SIPGUIDE_FACT_RESPONSE)) {
            /* A request: what the capture says of its fate. */
            sipguide_request_result_t *q;

            if (calls)
                tap_calls(pinfo, &msgs.msgs[i], f, NULL);
            if (!drawn)
                continue;
            q = wmem_new(pinfo->pool, sipguide_request_result_t);
            if (sipguide_flow_request(pinfo, f, q))
                sipguide_draw_request(tree, pinfo, tvb, q, same ? &msgs.msgs[i] : NULL, shown,
                                      want_expert);
            continue;
        }
        if (same && msgs.msgs[i].code == f->code)
            m = &msgs.msgs[i];
        r = wmem_new(pinfo->pool, sipguide_result_t);
        sipguide_diagnose_response(pinfo, f, m, want, later_known, r);
        if (tapped && !r->duplicate)
            tap_response(pinfo, r);
        if (calls)
            tap_calls(pinfo, m != NULL ? m : &msgs.msgs[i], f, r);
        if (drawn)
            sipguide_draw_response(tree, pinfo, tvb, r, m, shown, want_expert);
    }
    return drawn ? tvb_captured_length(tvb) : 0;
}

/* ---------------------------------------------------------------------- */
/* Registration */

static void
sipguide_prefs_apply(void)
{
    sipguide_model_set_t1(pref_t1_ms);
    /* The Info column is filled in runs that build no tree otherwise (a
     * plain tshark summary): ask for the SIP fields, which makes one. */
    if (pref_info_column)
        sipguide_prime_arm(SIPGUIDE_NEED_BASIC);
}

static void
sipguide_cleanup(void)
{
    sipguide_batch_drop();
    sipguide_frames_reset();
    sipguide_pdus_file_end();
}

/* Wireshark ends: the plugin is unloaded after this, and what its globals
 * held would be lost, not freed. */
static void
sipguide_shutdown(void)
{
    sipguide_batch_shutdown();
    sipguide_model_shutdown();
    sipguide_extract_shutdown();
    sipguide_userhints_shutdown();
}

static void
sipguide_init(void)
{
    guint i;

    /* Wireshark registers its expert tap and fields after the hand-off
     * routines. */
    if (expert_tap <= 0)
        expert_tap = find_tap_id("expert");
    for (i = 0; i < G_N_ELEMENTS(expert_field_names); i++)
        expert_fields[i] = proto_registrar_get_byname(expert_field_names[i]);
    needs_decided = FALSE;
    later_decided = FALSE;
    quote_read_in = 0;
    sipguide_frames_reset();
    sipguide_diagnose_file_start();
    sipguide_extract_file_start();
    first_pass_taps = sipguide_prime_file_start();
    sipguide_batch_start(remember_from_batch);
    if (first_pass_taps)
        sipguide_pdus_listen(remember_from_taps, quote_from_taps);
    else if (sipguide_pdus_checking())
        sipguide_pdus_listen(NULL, NULL);
    else
        sipguide_pdus_stop();
    sipguide_model_set_t1(pref_t1_ms);
    sipguide_model_file_start();
}

void
proto_register_sipguide(void)
{
    static hf_register_info hf[] = {
        { &hf_sipguide_code,
          { "Status-Code", "sipguide.code",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The Status-Code of the SIP response this guide explains", HFILL }
        },
        { &hf_sipguide_class,
          { "Class", "sipguide.class",
            FT_UINT8, BASE_DEC, VALS(sipguide_class_vals), 0x0,
            "Response class: the first digit of the code (1 provisional .. 6 global failure)", HFILL }
        },
        { &hf_sipguide_class_meaning,
          { "Class meaning", "sipguide.class.meaning",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_registered,
          { "Registered", "sipguide.registered",
            FT_BOOLEAN, BASE_NONE, TFS(&tfs_sipguide_registered), 0x0,
            "Whether the code is in the IANA SIP Response Codes registry", HFILL }
        },
        { &hf_sipguide_handled_as,
          { "Handled as", "sipguide.handled_as",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The code a receiver treats an unregistered code as (RFC 3261 8.1.3.2)", HFILL }
        },
        { &hf_sipguide_phrase,
          { "Registered reason phrase", "sipguide.phrase",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase of the registry; the phrase in a message is free text", HFILL }
        },
        { &hf_sipguide_meaning,
          { "Meaning", "sipguide.meaning",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_method,
          { "Request method", "sipguide.method",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The method of the request this response answers, from CSeq", HFILL }
        },
        { &hf_sipguide_category,
          { "Category", "sipguide.category",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_scope,
          { "Scope", "sipguide.scope",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Whether the response ends one branch of a forked request or all of them", HFILL }
        },
        { &hf_sipguide_retry,
          { "Next step", "sipguide.retry",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What the client should do next", HFILL }
        },
        { &hf_sipguide_reference,
          { "Defined in", "sipguide.reference",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_ims_procedure,
          { "IMS procedure", "sipguide.ims.procedure",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "An IMS procedure in which this response is seen", HFILL }
        },
        { &hf_sipguide_ims_element,
          { "Typically sent by", "sipguide.ims.element",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "An IMS element that typically sends this response", HFILL }
        },
        { &hf_sipguide_ims_reference,
          { "3GPP reference", "sipguide.ims.reference",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_hint,
          { "Hint", "sipguide.hint",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "A troubleshooting check for this response", HFILL }
        },
        { &hf_sipguide_headers,
          { "Headers to inspect", "sipguide.headers",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_related,
          { "Related code", "sipguide.related",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "A code whose difference from this one matters", HFILL }
        },
        { &hf_sipguide_evidence,
          { "Evidence", "sipguide.evidence",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What a header, the body or the transaction says about this response", HFILL }
        },
        { &hf_sipguide_reason_protocol,
          { "Reason protocol", "sipguide.reason.protocol",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Protocol of a Reason header value: SIP, Q.850, RELEASE_CAUSE ...", HFILL }
        },
        { &hf_sipguide_reason_cause,
          { "Reason cause", "sipguide.reason.cause",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Cause of a Reason header value", HFILL }
        },
        { &hf_sipguide_reason_text,
          { "Reason text", "sipguide.reason.text",
            FT_STRING, BASE_NONE, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_retry_after,
          { "Retry-After (s)", "sipguide.retry_after",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Seconds before a retry, from Retry-After", HFILL }
        },
        { &hf_sipguide_warning_code,
          { "Warning code", "sipguide.warning.code",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "warn-code of a Warning header value", HFILL }
        },
        { &hf_sipguide_min_se,
          { "Min-SE (s)", "sipguide.min_se",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_min_expires,
          { "Min-Expires (s)", "sipguide.min_expires",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            NULL, HFILL }
        },
        { &hf_sipguide_auth_algorithm,
          { "Challenge algorithm", "sipguide.auth.algorithm",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "algorithm of WWW-Authenticate or Proxy-Authenticate", HFILL }
        },
        { &hf_sipguide_alt_service_type,
          { "Alternative service type", "sipguide.alt_service.type",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "From an application/3gpp-ims+xml body", HFILL }
        },
        { &hf_sipguide_alt_service_action,
          { "Alternative service action", "sipguide.alt_service.action",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "From an application/3gpp-ims+xml body", HFILL }
        },
        { &hf_sipguide_response_source,
          { "Response-Source", "sipguide.response_source",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The element that generated the response, from Response-Source", HFILL }
        },
        { &hf_sipguide_request_in,
          { "Request in", "sipguide.request_in",
            FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame of the request this response answers", HFILL }
        },
        { &hf_sipguide_response_time,
          { "Response time (ms)", "sipguide.response_time",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Time from the request to this response", HFILL }
        },
        { &hf_sipguide_cancel_in,
          { "CANCEL in", "sipguide.cancel_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The CANCEL that ended the INVITE answered by this 487", HFILL }
        },
        { &hf_sipguide_crossing_in,
          { "Crossing request in", "sipguide.crossing_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "A 491: the INVITE or UPDATE sent the other way in the dialog while its request was "
            "pending (glare)", HFILL }
        },
        { &hf_sipguide_auth_retry_in,
          { "Retried with credentials in", "sipguide.auth_retry_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The request that answered this challenge with credentials", HFILL }
        },
        { &hf_sipguide_auth_verdict,
          { "Challenge verdict", "sipguide.auth.verdict",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What a 401/407 says about the request's credentials: challenge, stale, resync, "
            "rejected or again", HFILL }
        },
        { &hf_sipguide_auth_rejected_in,
          { "Rejected credentials in", "sipguide.auth.rejected_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The request whose credentials this 401/407 rejected", HFILL }
        },
        { &hf_sipguide_auth_challenge_in,
          { "Answered challenge in", "sipguide.auth.challenge_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The earlier challenge whose credentials the request carried", HFILL }
        },
        { &hf_sipguide_duplicate_of,
          { "Duplicate of", "sipguide.duplicate_of",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame this capture duplicate repeats (same bytes on the same hop)", HFILL }
        },
        { &hf_sipguide_also_seen_in,
          { "Also seen in", "sipguide.also_seen_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The same message captured on another hop (another capture point)", HFILL }
        },
        { &hf_sipguide_fork_first_in,
          { "First early dialog in", "sipguide.fork.first_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The first response of another early dialog of the same forked INVITE", HFILL }
        },
        { &hf_sipguide_dialog_ended_in,
          { "Dialog ended in", "sipguide.dialog.ended_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "What ended the dialog a 481 refers to (BYE or a final failure)", HFILL }
        },
        { &hf_sipguide_dialog_other_in,
          { "INVITE of the call in", "sipguide.dialog.call_invite_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "An INVITE of the same Call-ID that did not set up the dialog of the 481's request "
            "(other tags, or no dialog at all)", HFILL }
        },
        { &hf_sipguide_subscription_in,
          { "Subscription in", "sipguide.subscription_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The SUBSCRIBE or REFER that set up the subscription a 481 refers to", HFILL }
        },
        { &hf_sipguide_subscription_ended_in,
          { "Subscription ended in", "sipguide.subscription.ended_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "What ended that subscription (a terminated NOTIFY or an expiry of 0)", HFILL }
        },
        { &hf_sipguide_retransmission_of,
          { "Retransmission of", "sipguide.retransmission_of",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The first copy of this response", HFILL }
        },
        { &hf_sipguide_dialog_invite_in,
          { "Dialog INVITE in", "sipguide.dialog_invite_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The INVITE that set up the dialog a 481 refers to", HFILL }
        },
        { &hf_sipguide_transaction_note,
          { "Transaction", "sipguide.transaction",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What the transaction around the response shows or lacks", HFILL }
        },
        { &hf_sipguide_site_hint,
          { "Site hint", "sipguide.site_hint",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "A hint of your site, from the Site hints table of the preferences", HFILL }
        },
        { &hf_sipguide_flow,
          { "In the flow", "sipguide.flow",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Where in the flow of its request this response appears", HFILL }
        },
        { &hf_sipguide_body,
          { "Body to expect", "sipguide.body",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What body a response of this code to this request carries", HFILL }
        },
        { &hf_sipguide_cause,
          { "Usual cause", "sipguide.cause",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "A usual cause of this response to this request", HFILL }
        },
        { &hf_sipguide_meant_for,
          { "Meant for", "sipguide.meant_for",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The methods the code is meant to answer, when the request is not one of them", HFILL }
        },
        { &hf_sipguide_method_note,
          { "Method note", "sipguide.method_note",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What holds for every response to this method", HFILL }
        },
        { &hf_sipguide_received_phrase,
          { "Received reason phrase", "sipguide.received_phrase",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase of the Status-Line, when it differs from the registered one", HFILL }
        },
        { &hf_sipguide_ack_in,
          { "ACK in", "sipguide.ack_in",
            FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_ACK), 0x0,
            "The ACK of this 2xx to INVITE", HFILL }
        },
        { &hf_sipguide_ack_other_hop_in,
          { "ACK on another hop in", "sipguide.ack.other_hop_in",
            FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_ACK), 0x0,
            "The ACK of this 2xx to INVITE, seen only on another hop (straight to the callee, for example)", HFILL }
        },
        { &hf_sipguide_reason_inherited_in,
          { "Reason inherited from", "sipguide.reason.inherited_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "An earlier 18x or the CANCEL whose Reason explains this final response", HFILL }
        },
        { &hf_sipguide_auth_challenges,
          { "Challenges", "sipguide.auth.challenges",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Challenges of this client (Call-ID, From tag, method; hop) since its last success", HFILL }
        },
        { &hf_sipguide_auth_resyncs,
          { "Re-synchronisations", "sipguide.auth.resyncs",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "IMS-AKA re-synchronisations (auts) of this client since its last success", HFILL }
        },
        { &hf_sipguide_auth_first_rejected_in,
          { "First rejected in", "sipguide.auth.first_rejected_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The first attempt of a challenge loop whose credentials were rejected", HFILL }
        },
        { &hf_sipguide_call_outcome,
          { "Call outcome", "sipguide.call.outcome",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What the final response to an initial INVITE makes of the call", HFILL }
        },
        { &hf_sipguide_call_summary,
          { "Call outcome, why", "sipguide.call.summary",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The response that decides the call's outcome, and what it means", HFILL }
        },
        { &hf_sipguide_registration_outcome,
          { "Registration outcome", "sipguide.registration.outcome",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "What the final response to a REGISTER makes of the registration", HFILL }
        },
        { &hf_sipguide_registration_summary,
          { "Registration outcome, why", "sipguide.registration.summary",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The response that decides the registration's outcome, and what it means", HFILL }
        },
        { &hf_sipguide_request_outcome,
          { "Request outcome", "sipguide.request.outcome",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The fate of a request on its hop: final, provisional-only, timed-out (also when its client gave up on this hop sooner) or capture-ended",
            HFILL }
        },
        { &hf_sipguide_request_final_in,
          { "Final response in", "sipguide.request.final_in",
            FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
            "The final response to this request on its hop", HFILL }
        },
        { &hf_sipguide_request_copies,
          { "Copies sent", "sipguide.request.copies",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "How many times the client sent this request on its hop (1: never resent)", HFILL }
        },
        { &hf_sipguide_request_invite_final_in,
          { "INVITE's final response in", "sipguide.request.invite_final_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "A CANCEL: the final response of the INVITE it cancels", HFILL }
        },
        { &hf_sipguide_request_given_up_in,
          { "Client gave up, answering upstream in", "sipguide.request.given_up_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "An unanswered request: the failure its client, a proxy, answered upstream instead", HFILL }
        },
        { &hf_sipguide_request_failed_over_in,
          { "Client failed over in", "sipguide.request.failed_over_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "An unanswered request: the same request its client sent to another next hop instead",
            HFILL }
        },
        { &hf_sipguide_request_icmp_error_in,
          { "ICMP error in", "sipguide.request.icmp_error_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "A request: the first ICMP or ICMPv6 error that quotes a copy of it (port or host "
            "unreachable, prohibited, too big, time exceeded)", HFILL }
        },
        { &hf_sipguide_diameter_in,
          { "Diameter in", "sipguide.diameter_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The Diameter message (Cx or Rx) that explains this response", HFILL }
        },
        { &hf_sipguide_diameter_candidate_in,
          { "Diameter candidate in", "sipguide.diameter.candidate_in",
            FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "One of two Diameter messages that could explain this response and disagree", HFILL }
        },
        { &hf_sipguide_diameter_application,
          { "Diameter application", "sipguide.diameter.application",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "The Diameter application of that message: Cx, Rx or Sh", HFILL }
        },
        { &hf_sipguide_diameter_result,
          { "Diameter result", "sipguide.diameter.result",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Its Result-Code or Experimental-Result-Code", HFILL }
        },
        { &hf_sipguide_diameter_abort_cause,
          { "Rx Abort-Cause", "sipguide.diameter.abort_cause",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The Abort-Cause of the PCRF's ASR", HFILL }
        },
        { &hf_sipguide_diameter_specific_action,
          { "Rx Specific-Action", "sipguide.diameter.specific_action",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The Specific-Action of the PCRF's RAR", HFILL }
        },
        { &hf_sipguide_related_why,
          { "Difference", "sipguide.related.why",
            FT_STRING, BASE_NONE, NULL, 0x0,
            "Why the difference between the two codes matters", HFILL }
        },
    };

    static gint *ett[] = {
        &ett_sipguide,
        &ett_sipguide_class,
        &ett_sipguide_ims,
        &ett_sipguide_troubleshooting,
        &ett_sipguide_text,
        &ett_sipguide_evidence,
        &ett_sipguide_transaction,
    };

    static ei_register_info ei[] = {
        { &ei_sipguide_response_chat,
          { "sipguide.response.normal", PI_RESPONSE_CODE, PI_CHAT,
            "SIP response in the normal protocol flow", EXPFILL }
        },
        { &ei_sipguide_response_note,
          { "sipguide.response.failure", PI_RESPONSE_CODE, PI_NOTE,
            "SIP failure response of a usual kind", EXPFILL }
        },
        { &ei_sipguide_response_warn,
          { "sipguide.response.unusual", PI_RESPONSE_CODE, PI_WARN,
            "SIP failure response of an unusual or network-side kind", EXPFILL }
        },
        { &ei_sipguide_code_invalid,
          { "sipguide.code.invalid", PI_PROTOCOL, PI_WARN,
            "Status-Code outside 100..699", EXPFILL }
        },
        { &ei_sipguide_code_unregistered,
          { "sipguide.code.unregistered", PI_PROTOCOL, PI_NOTE,
            "Status-Code not in the IANA registry", EXPFILL }
        },
        { &ei_sipguide_evidence_contradicts,
          { "sipguide.evidence.contradicts", PI_PROTOCOL, PI_WARN,
            "A header contradicts the Status-Code", EXPFILL }
        },
        { &ei_sipguide_evidence_malformed,
          { "sipguide.evidence.malformed", PI_MALFORMED, PI_WARN,
            "A header the guide reads is malformed", EXPFILL }
        },
        { &ei_sipguide_retransmission,
          { "sipguide.retransmission", PI_SEQUENCE, PI_NOTE,
            "Retransmitted SIP response", EXPFILL }
        },
        { &ei_sipguide_duplicate,
          { "sipguide.duplicate", PI_SEQUENCE, PI_NOTE,
            "The same packet captured twice", EXPFILL }
        },
        { &ei_sipguide_auth_rejected,
          { "sipguide.auth.rejected", PI_SECURITY, PI_WARN,
            "Credentials rejected: the retry after a challenge was challenged again", EXPFILL }
        },
        { &ei_sipguide_auth_loop,
          { "sipguide.auth.loop", PI_SECURITY, PI_WARN,
            "A challenge loop: credentials rejected again and again", EXPFILL }
        },
        { &ei_sipguide_ack_missing,
          { "sipguide.ack.missing", PI_SEQUENCE, PI_WARN,
            "No ACK for a 2xx to INVITE within 64*T1", EXPFILL }
        },
        { &ei_sipguide_request_timeout,
          { "sipguide.request.timeout", PI_SEQUENCE, PI_WARN,
            "A request nothing answered within 64*T1", EXPFILL }
        },
        { &ei_sipguide_request_no_final,
          { "sipguide.request.no_final", PI_SEQUENCE, PI_NOTE,
            "A request that got no final response", EXPFILL }
        },
        { &ei_sipguide_request_copies,
          { "sipguide.request.odd_copies", PI_SEQUENCE, PI_NOTE,
            "A request resent at intervals T1 doubling does not give", EXPFILL }
        },
        { &ei_sipguide_request_icmp_error,
          { "sipguide.request.icmp_error", PI_SEQUENCE, PI_WARN,
            "A request that came back quoted in an ICMP error", EXPFILL }
        },
        { &ei_sipguide_time_inconsistent,
          { "sipguide.time.inconsistent", PI_SEQUENCE, PI_WARN,
            "The timestamps of a request and its response are inconsistent", EXPFILL }
        },
    };

    expert_module_t *expert_sipguide;
    module_t *module;
    unsigned c;

    for (c = 1; c <= 6; c++) {
        sipguide_class_vals[c - 1].value = c;
        sipguide_class_vals[c - 1].strptr = sipguide_catalog_class(c)->name;
    }

    proto_sipguide = proto_register_protocol("SIP Response Guide", "SIPGUIDE", "sipguide");
    proto_register_field_array(proto_sipguide, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_sipguide = expert_register_protocol(proto_sipguide);
    expert_register_field_array(expert_sipguide, ei, array_length(ei));

    module = prefs_register_protocol(proto_sipguide, sipguide_prefs_apply);
    prefs_register_bool_preference(module, "show_ims_context", "Show IMS context",
        "Show the IMS procedures, typical senders and 3GPP references of each response",
        &pref_show_ims);
    prefs_register_bool_preference(module, "show_hints", "Show troubleshooting hints",
        "Show the hints, headers to inspect, related codes and site hints of each response",
        &pref_show_hints);
    prefs_register_bool_preference(module, "show_evidence", "Show evidence",
        "Show what the response's headers and body say (Reason, Retry-After, Warning ...)",
        &pref_show_evidence);
    prefs_register_bool_preference(module, "show_transaction", "Show transaction links",
        "Show the request, CANCEL, retry and retransmission links of each response",
        &pref_show_transaction);
    prefs_register_bool_preference(module, "info_column", "Add a short guide to the Info column",
        "Append the code and its category to the Info column, e.g. \"[486 reachability]\"",
        &pref_info_column);
    prefs_register_uint_preference(module, "timer_t1", "SIP timer T1 (ms)",
        "The round-trip estimate T1 of RFC 3261 (500 ms by default; some IMS interfaces use "
        "more): how long transactions live, and so how long the guide keeps their records",
        10, &pref_t1_ms);
    sipguide_userhints_register(module);

    sipguide_handle = create_dissector_handle(dissect_sipguide, proto_sipguide);
    register_postdissector(sipguide_handle);
    register_init_routine(sipguide_init);
    register_cleanup_routine(sipguide_cleanup);
    register_shutdown_routine(sipguide_shutdown);
    sipguide_tap = register_tap("sipguide");
    sipguide_stats_register();
    sipguide_calls_register();

    sipguide_model_register();
}

void
proto_reg_handoff_sipguide(void)
{
    sipguide_extract_handoff();
    sipguide_prime_handoff(sipguide_handle);
}
