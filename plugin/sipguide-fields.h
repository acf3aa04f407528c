/* sipguide-fields.h
 * The guide's registered ids (protocol, fields, subtrees, expert items)
 * and preferences, defined and registered in packet-sipguide.c and drawn
 * by sipguide-draw.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_FIELDS_H
#define SIPGUIDE_FIELDS_H

#include <epan/expert.h>

#include "compat.h"

extern int proto_sipguide;

extern int hf_sipguide_code;
extern int hf_sipguide_class;
extern int hf_sipguide_class_meaning;
extern int hf_sipguide_registered;
extern int hf_sipguide_handled_as;
extern int hf_sipguide_phrase;
extern int hf_sipguide_meaning;
extern int hf_sipguide_method;
extern int hf_sipguide_category;
extern int hf_sipguide_scope;
extern int hf_sipguide_retry;
extern int hf_sipguide_reference;
extern int hf_sipguide_ims_procedure;
extern int hf_sipguide_ims_element;
extern int hf_sipguide_ims_reference;
extern int hf_sipguide_hint;
extern int hf_sipguide_headers;
extern int hf_sipguide_related;
extern int hf_sipguide_related_why;
extern int hf_sipguide_evidence;
extern int hf_sipguide_reason_protocol;
extern int hf_sipguide_reason_cause;
extern int hf_sipguide_reason_text;
extern int hf_sipguide_retry_after;
extern int hf_sipguide_warning_code;
extern int hf_sipguide_min_se;
extern int hf_sipguide_min_expires;
extern int hf_sipguide_auth_algorithm;
extern int hf_sipguide_alt_service_type;
extern int hf_sipguide_alt_service_action;
extern int hf_sipguide_response_source;
extern int hf_sipguide_request_in;
extern int hf_sipguide_response_time;
extern int hf_sipguide_cancel_in;
extern int hf_sipguide_crossing_in;
extern int hf_sipguide_auth_retry_in;
extern int hf_sipguide_auth_verdict;
extern int hf_sipguide_auth_rejected_in;
extern int hf_sipguide_auth_challenge_in;
extern int hf_sipguide_retransmission_of;
extern int hf_sipguide_duplicate_of;
extern int hf_sipguide_also_seen_in;
extern int hf_sipguide_fork_first_in;
extern int hf_sipguide_dialog_invite_in;
extern int hf_sipguide_dialog_ended_in;
extern int hf_sipguide_dialog_other_in;
extern int hf_sipguide_subscription_in;
extern int hf_sipguide_subscription_ended_in;
extern int hf_sipguide_transaction_note;
extern int hf_sipguide_site_hint;
extern int hf_sipguide_flow;
extern int hf_sipguide_body;
extern int hf_sipguide_cause;
extern int hf_sipguide_meant_for;
extern int hf_sipguide_method_note;
extern int hf_sipguide_received_phrase;
extern int hf_sipguide_ack_in;
extern int hf_sipguide_ack_other_hop_in;
extern int hf_sipguide_reason_inherited_in;
extern int hf_sipguide_auth_challenges;
extern int hf_sipguide_auth_resyncs;
extern int hf_sipguide_auth_first_rejected_in;
extern int hf_sipguide_call_outcome;
extern int hf_sipguide_call_summary;
extern int hf_sipguide_registration_outcome;
extern int hf_sipguide_registration_summary;
extern int hf_sipguide_request_outcome;
extern int hf_sipguide_request_final_in;
extern int hf_sipguide_request_copies;
extern int hf_sipguide_request_invite_final_in;
extern int hf_sipguide_request_given_up_in;
extern int hf_sipguide_request_failed_over_in;
extern int hf_sipguide_request_icmp_error_in;
extern int hf_sipguide_diameter_in;
extern int hf_sipguide_diameter_candidate_in;
extern int hf_sipguide_diameter_application;
extern int hf_sipguide_diameter_result;
extern int hf_sipguide_diameter_abort_cause;
extern int hf_sipguide_diameter_specific_action;

extern gint ett_sipguide;
extern gint ett_sipguide_class;
extern gint ett_sipguide_ims;
extern gint ett_sipguide_troubleshooting;
extern gint ett_sipguide_text;
extern gint ett_sipguide_evidence;
extern gint ett_sipguide_transaction;

extern expert_field ei_sipguide_response_chat;
extern expert_field ei_sipguide_response_note;
extern expert_field ei_sipguide_response_warn;
extern expert_field ei_sipguide_code_invalid;
extern expert_field ei_sipguide_code_unregistered;
extern expert_field ei_sipguide_evidence_contradicts;
extern expert_field ei_sipguide_evidence_malformed;
extern expert_field ei_sipguide_retransmission;
extern expert_field ei_sipguide_duplicate;
extern expert_field ei_sipguide_auth_rejected;
extern expert_field ei_sipguide_time_inconsistent;
extern expert_field ei_sipguide_auth_loop;
extern expert_field ei_sipguide_ack_missing;
extern expert_field ei_sipguide_request_timeout;
extern expert_field ei_sipguide_request_no_final;
extern expert_field ei_sipguide_request_copies;
extern expert_field ei_sipguide_request_icmp_error;

/* Preferences: which parts the guide shows. */
extern sipguide_epan_bool_t pref_show_ims;
extern sipguide_epan_bool_t pref_show_hints;
extern sipguide_epan_bool_t pref_show_evidence;
extern sipguide_epan_bool_t pref_show_transaction;
extern sipguide_epan_bool_t pref_info_column;

#endif /* SIPGUIDE_FIELDS_H */
