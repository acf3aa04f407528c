/* ims_peer.h
 * Shared declarations of the ims_peer freeDiameter extension, the Diameter
 * peer of the IMS live tests: an HSS for Cx and a PCRF for Rx that answers
 * with the results a test case's configuration file asks for.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IMS_PEER_H
#define IMS_PEER_H

#include <freeDiameter/extension.h>

#define IMS_VENDOR_3GPP 10415
#define IMS_APP_CX 16777216
#define IMS_APP_RX 16777236

/* Dictionary objects the handlers use (ims_peer_dict.c). */
struct ims_dict {
    struct dict_object *vendor_3gpp;
    struct dict_object *app_cx, *app_rx;
    struct dict_object *cmd_uar, *cmd_sar, *cmd_lir, *cmd_mar;
    struct dict_object *cmd_aar, *cmd_str, *cmd_asr, *cmd_rar;
    /* base protocol */
    struct dict_object *session_id, *origin_host, *origin_realm;
    struct dict_object *destination_host, *destination_realm;
    struct dict_object *auth_application_id, *auth_session_state;
    struct dict_object *vendor_specific_application_id, *vendor_id;
    struct dict_object *experimental_result, *experimental_result_code;
    struct dict_object *user_name, *re_auth_request_type;
    /* Cx */
    struct dict_object *public_identity, *server_name;
    struct dict_object *sip_number_auth_items, *sip_auth_data_item;
    struct dict_object *sip_item_number, *sip_authentication_scheme;
    struct dict_object *sip_digest_authenticate, *digest_realm, *digest_qop;
    struct dict_object *digest_algorithm, *digest_ha1, *user_data;
    /* Rx */
    struct dict_object *subscription_id, *subscription_id_data;
    struct dict_object *af_charging_identifier, *abort_cause, *specific_action;
};

extern struct ims_dict ims_dict;

/* Defines what the extension needs and the loaded dictionaries lack. */
int ims_dict_init(void);

/* One "answer" rule of the configuration: requests of a command whose key
 * (Public-Identity for Cx, Subscription-Id-Data for Rx) matches get this
 * result instead of success. */
struct ims_rule {
    char command[4];        /* UAR, MAR, SAR, LIR, AAR */
    char *key;              /* an identity, or "*" for any */
    int experimental;       /* 1: Experimental-Result (3GPP), 0: Result-Code */
    uint32_t code;
};

struct ims_user {
    char *private_id;
    char *ha1;              /* MD5(private:realm:password) in hex */
};

struct ims_conf {
    char *realm;            /* Digest realm of the MAA */
    char *server_name;      /* Server-Name of the UAA and LIA */
    struct ims_user users[16];
    int n_users;
    struct ims_rule rules[16];
    int n_rules;
    int abort_after;        /* seconds after a successful AAA: send an ASR (0: never) */
    int reauth_after;       /* seconds after a successful AAA: send a RAR (0: never) */
};

extern struct ims_conf ims_conf;

/* Reads the configuration file; 0 on success. */
int ims_conf_read(const char *path);

/* The rule for this command and key, or NULL (success). */
const struct ims_rule *ims_conf_rule(const char *command, const char *key);

/* The Digest-HA1 of a private identity, or NULL. */
const char *ims_conf_ha1(const char *private_id);

#endif
