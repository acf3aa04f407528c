/* ims_peer_conf.c
 * Reads the configuration file of the ims_peer extension: one directive a
 * line, '#' starts a comment.
 *
 *   realm REALM                     Digest realm of the authentication data (MAA)
 *   server-name SIP-URI             the S-CSCF named in UAA and LIA
 *   user PRIVATE-ID HA1             a subscriber: private identity and the hex
 *                                   MD5 of "PRIVATE-ID:REALM:PASSWORD"
 *   answer CMD KEY RESULT           CMD is UAR, MAR, SAR, LIR or AAR; KEY the
 *                                   Public-Identity (Cx) or Subscription-Id-Data
 *                                   (Rx), or * for any; RESULT 3gpp:CODE (an
 *                                   Experimental-Result, Vendor-Id 10415) or
 *                                   base:CODE (a Result-Code)
 *   abort-after-aaa SECONDS         after a successful AAA, send an ASR with
 *                                   Abort-Cause BEARER_RELEASED
 *   reauth-after-aaa SECONDS        after a successful AAA, send a RAR with
 *                                   Specific-Action INDICATION_OF_LOSS_OF_BEARER
 *
 * A request that no rule names is answered with success.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ims_peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ims_conf ims_conf;

static int parse_result(const char *text, struct ims_rule *rule)
{
    char *end;
    unsigned long code;
    if (strncmp(text, "3gpp:", 5) == 0)
        rule->experimental = 1;
    else if (strncmp(text, "base:", 5) == 0)
        rule->experimental = 0;
    else
        return -1;
    code = strtoul(text + 5, &end, 10);
    if (*end || code < 1000 || code > 5999)
        return -1;
    rule->code = (uint32_t)code;
    return 0;
}

int ims_conf_read(const char *path)
{
    FILE *f;
    char line[512];
    int number = 0;

    if (!path) {
        fd_log_error("ims_peer: no configuration file given");
        return EINVAL;
    }
    f = fopen(path, "r");
    if (!f) {
        fd_log_error("ims_peer: cannot open %s", path);
        return errno;
    }
    while (fgets(line, sizeof line, f)) {
        char *words[5] = {0};
        int n = 0;
        char *save = NULL, *w;
        number++;
        *strchrnul(line, '#') = '\0';
        for (w = strtok_r(line, " \t\r\n", &save); w && n < 5; w = strtok_r(NULL, " \t\r\n", &save))
            words[n++] = w;
        if (n == 0)
            continue;
        if (n == 2 && strcmp(words[0], "realm") == 0) {
            ims_conf.realm = strdup(words[1]);
        } else if (n == 2 && strcmp(words[0], "server-name") == 0) {
            ims_conf.server_name = strdup(words[1]);
        } else if (n == 3 && strcmp(words[0], "user") == 0 && ims_conf.n_users < 16) {
            ims_conf.users[ims_conf.n_users].private_id = strdup(words[1]);
            ims_conf.users[ims_conf.n_users].ha1 = strdup(words[2]);
            ims_conf.n_users++;
        } else if (n == 4 && strcmp(words[0], "answer") == 0 && ims_conf.n_rules < 16
                   && strlen(words[1]) == 3) {
            struct ims_rule *rule = &ims_conf.rules[ims_conf.n_rules];
            if (parse_result(words[3], rule) != 0)
                goto bad;
            memcpy(rule->command, words[1], 4);
            rule->key = strdup(words[2]);
            ims_conf.n_rules++;
        } else if (n == 2 && strcmp(words[0], "abort-after-aaa") == 0) {
            ims_conf.abort_after = atoi(words[1]);
        } else if (n == 2 && strcmp(words[0], "reauth-after-aaa") == 0) {
            ims_conf.reauth_after = atoi(words[1]);
        } else {
            goto bad;
        }
    }
    fclose(f);
    if (!ims_conf.realm || !ims_conf.server_name) {
        fd_log_error("ims_peer: %s needs 'realm' and 'server-name'", path);
        return EINVAL;
    }
    return 0;
bad:
    fd_log_error("ims_peer: %s:%d: not a valid directive", path, number);
    fclose(f);
    return EINVAL;
}

const struct ims_rule *ims_conf_rule(const char *command, const char *key)
{
    int i;
    for (i = 0; i < ims_conf.n_rules; i++) {
        const struct ims_rule *r = &ims_conf.rules[i];
        if (strcmp(r->command, command) == 0
            && (strcmp(r->key, "*") == 0 || (key && strcmp(r->key, key) == 0)))
            return r;
    }
    return NULL;
}

const char *ims_conf_ha1(const char *private_id)
{
    int i;
    for (i = 0; i < ims_conf.n_users; i++)
        if (strcmp(ims_conf.users[i].private_id, private_id) == 0)
            return ims_conf.users[i].ha1;
    return NULL;
}
