/* catalog-gen.c
 * Reads the knowledge files of data/, checks every entry and writes the C
 * table the plugin is built with and, on request, the Markdown reference.
 * Every problem is reported as "file:line: what is wrong" and fails the run.
 *
 * Usage: catalog-gen --data DIR [--c FILE] [--markdown FILE]
 *                    [--check-complete] [--require FILE]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "../plugin/sipguide-catalog.h"

#define MAX_LIST_ITEMS 16

/* ---------------------------------------------------------------------- */
/* Errors */

static unsigned error_count;

static void G_GNUC_PRINTF(3, 4)
report(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    if (line > 0)
        fprintf(stderr, "%s:%d: ", file, line);
    else
        fprintf(stderr, "%s: ", file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    error_count++;
}

/* ---------------------------------------------------------------------- */
/* Generic reading: sections of "key = value" pairs */

typedef struct {
    char *key;
    GString *value;
    int line;
} pair_t;

typedef struct {
    char *header;       /* text between the brackets */
    int line;
    GPtrArray *pairs;   /* pair_t */
} section_t;

typedef struct {
    char *path;
    GPtrArray *sections;
} file_t;

static gboolean
is_blank(const char *s)
{
    for (; *s; s++) {
        if (!g_ascii_isspace(*s))
            return FALSE;
    }
    return TRUE;
}

static file_t *
read_file(const char *path)
{
    char *contents = NULL;
    gsize length = 0;
    GError *err = NULL;
    file_t *f;
    char **lines;
    section_t *current = NULL;
    pair_t *last = NULL;
    int i;

    if (!g_file_get_contents(path, &contents, &length, &err)) {
        report(path, 0, "cannot read: %s", err->message);
        g_error_free(err);
        return NULL;
    }
    f = g_new0(file_t, 1);
    f->path = g_strdup(path);
    f->sections = g_ptr_array_new();
    if (strlen(contents) != length) {
        report(path, 0, "contains a NUL byte");
        g_free(contents);
        return f;
    }
    if (!g_utf8_validate(contents, -1, NULL)) {
        report(path, 0, "is not valid UTF-8");
        g_free(contents);
        return f;
    }

    lines = g_strsplit(contents, "\n", -1);
    for (i = 0; lines[i] != NULL; i++) {
        int line = i + 1;
        char *text = lines[i];
        char *stripped;
        size_t len = strlen(text);

        if (len > 0 && text[len - 1] == '\r')
            text[--len] = '\0';
        if (is_blank(text))
            continue;
        stripped = g_strstrip(g_strdup(text));
        if (stripped[0] == '#') {
            g_free(stripped);
            continue;
        }
        if (text[0] == ' ' || text[0] == '\t') {
            /* Continuation of the previous value. */
            if (last == NULL)
                report(path, line, "indented line continues nothing (no key before it)");
            else {
                g_string_append_c(last->value, ' ');
                g_string_append(last->value, stripped);
            }
        } else if (stripped[0] == '[') {
            size_t slen = strlen(stripped);
            if (slen < 3 || stripped[slen - 1] != ']') {
                report(path, line, "malformed section header '%s'", stripped);
                last = NULL;
                current = NULL;
            } else {
                current = g_new0(section_t, 1);
                current->header = g_strstrip(g_strndup(stripped + 1, slen - 2));
                current->line = line;
                current->pairs = g_ptr_array_new();
                g_ptr_array_add(f->sections, current);
                last = NULL;
            }
        } else {
            char *eq = strchr(stripped, '=');
            if (eq == NULL) {
                report(path, line, "expected 'key = value', a [section] or an indented continuation");
                last = NULL;
            } else if (current == NULL) {
                report(path, line, "key outside of any [section]");
                last = NULL;
            } else {
                pair_t *p = g_new0(pair_t, 1);
                p->key = g_strstrip(g_strndup(stripped, eq - stripped));
                p->value = g_string_new(NULL);
                g_string_append(p->value, g_strstrip(eq + 1));
                p->line = line;
                if (p->key[0] == '\0') {
                    report(path, line, "empty key before '='");
                    last = NULL;
                } else {
                    g_ptr_array_add(current->pairs, p);
                    last = p;
                }
            }
        }
        g_free(stripped);
    }
    g_strfreev(lines);
    g_free(contents);
    return f;
}

/* ---------------------------------------------------------------------- */
/* Vocabulary */

static const char *const vocab_names[SIPGUIDE_VOCAB_COUNT] = {
    "category", "procedure", "element", "scope", "retry", "severity", "call-outcome",
    "registration-outcome"
};

typedef struct {
    char *token;
    char *description;
} term_t;

static GPtrArray *vocab[SIPGUIDE_VOCAB_COUNT];   /* term_t */
static char *vocab_path;

static int
vocab_find(sipguide_vocab_t v, const char *token)
{
    guint i;

    for (i = 0; i < vocab[v]->len; i++) {
        term_t *t = g_ptr_array_index(vocab[v], i);
        if (strcmp(t->token, token) == 0)
            return (int)i;
    }
    return SIPGUIDE_NONE;
}

static gboolean
valid_token(const char *s)
{
    if (*s == '\0')
        return FALSE;
    for (; *s; s++) {
        if (!g_ascii_isalnum(*s) && *s != '-')
            return FALSE;
    }
    return TRUE;
}

static void
load_vocabulary(const char *data_dir)
{
    file_t *f;
    guint i, j;
    int v;
    static const char *const severity_order[] = { "chat", "note", "warn" };

    vocab_path = g_build_filename(data_dir, "vocabulary.txt", NULL);
    for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++)
        vocab[v] = g_ptr_array_new();
    f = read_file(vocab_path);
    if (f == NULL)
        return;
    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        int which = -1;
        for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++) {
            if (strcmp(s->header, vocab_names[v]) == 0)
                which = v;
        }
        if (which < 0) {
            report(f->path, s->line, "unknown vocabulary [%s]", s->header);
            continue;
        }
        if (vocab[which]->len > 0) {
            report(f->path, s->line, "vocabulary [%s] appears twice", s->header);
            continue;
        }
        for (j = 0; j < s->pairs->len; j++) {
            pair_t *p = g_ptr_array_index(s->pairs, j);
            term_t *t;
            if (!valid_token(p->key)) {
                report(f->path, p->line, "token '%s' may hold only letters, digits and '-'", p->key);
                continue;
            }
            if (vocab_find(which, p->key) != SIPGUIDE_NONE) {
                report(f->path, p->line, "token '%s' appears twice in [%s]", p->key, s->header);
                continue;
            }
            if (p->value->len == 0)
                report(f->path, p->line, "token '%s' has no description", p->key);
            if (vocab[which]->len >= 250) {
                report(f->path, p->line, "too many tokens in [%s]", s->header);
                continue;
            }
            t = g_new0(term_t, 1);
            t->token = g_strdup(p->key);
            t->description = g_strdup(p->value->str);
            g_ptr_array_add(vocab[which], t);
        }
    }
    for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++) {
        if (vocab[v]->len == 0)
            report(f->path, 0, "vocabulary [%s] is missing or empty", vocab_names[v]);
    }
    /* The plugin maps severities to expert levels by position. */
    if (vocab[SIPGUIDE_VOCAB_SEVERITY]->len > 0) {
        gboolean ok = vocab[SIPGUIDE_VOCAB_SEVERITY]->len == G_N_ELEMENTS(severity_order);
        for (j = 0; ok && j < G_N_ELEMENTS(severity_order); j++) {
            term_t *t = g_ptr_array_index(vocab[SIPGUIDE_VOCAB_SEVERITY], j);
            ok = strcmp(t->token, severity_order[j]) == 0;
        }
        if (!ok)
            report(f->path, 0, "[severity] must list exactly chat, note, warn in this order");
    }
}

/* ---------------------------------------------------------------------- */
/* Entries */

typedef struct {
    GPtrArray *methods;     /* char *: methods named by the selector */
    gboolean other;
    sipguide_tri_t in_dialog, sdp, t38, credentials;
    char *event;
    sipguide_tri_t expires_zero, max_forwards_zero, aka, stale, own_phrase;
    char *alt_service;
} gselector_t;

typedef struct {
    const char *file;
    int line;
    char *method;           /* the selector as written; NULL: code or class section */
    gselector_t sel;
    unsigned set;
    char *meaning;
    char *flow, *body;
    GPtrArray *causes;      /* char * */
    int category, scope, severity;
    int call_outcome, reg_outcome;
    GArray *retry, *procedures, *elements;     /* unsigned char */
    GPtrArray *ims_refs, *hints;               /* char * */
    char *headers;
    GArray *related_codes;                     /* int */
    GArray *related_lines;                     /* int */
    GPtrArray *related_texts;                  /* char * */
} gsection_t;

typedef struct {
    int code;
    gboolean registered;
    char *phrase;
    char *rfc;
    int rfc_other_line;     /* 'rfc' names no RFC: allowed only with 'registered = no' */
    GPtrArray *answers;     /* char *; empty: any method */
    int answers_line;
    gsection_t base;
    GPtrArray *variants;    /* gsection_t */
} gcode_t;

typedef struct {
    char *name;
    int handled_as;     /* 0 when unset */
    int handled_as_line;
    gsection_t s;
} gclass_t;

static gcode_t *codes[SIPGUIDE_CODE_MAX + 1];
static gclass_t classes[7];
static char *classes_path;

enum key_kind {
    K_TEXT, K_VOCAB, K_RFC, K_REGISTERED, K_IMS_REF, K_HEADERS, K_RELATED, K_NAME, K_HANDLED_AS,
    K_ANSWERS
};

/* Where a key may stand. */
#define IN_CODE    1u
#define IN_METHOD  2u
#define IN_CLASS   4u

typedef struct {
    const char *name;
    enum key_kind kind;
    int vocab;          /* for K_VOCAB */
    gboolean repeat;
    unsigned where;
    unsigned bit;       /* SIPGUIDE_KEY_* or 0 */
} keydef_t;

static const keydef_t keydefs[] = {
    { "phrase",     K_TEXT,       -1, FALSE, IN_CODE, 0 },
    { "rfc",        K_RFC,        -1, FALSE, IN_CODE, 0 },
    { "registered", K_REGISTERED, -1, FALSE, IN_CODE, 0 },
    { "name",       K_NAME,       -1, FALSE, IN_CLASS, 0 },
    { "handled-as", K_HANDLED_AS, -1, FALSE, IN_CLASS, 0 },
    { "meaning",    K_TEXT,       -1, FALSE, IN_CODE | IN_METHOD | IN_CLASS, SIPGUIDE_KEY_MEANING },
    { "category",   K_VOCAB, SIPGUIDE_VOCAB_CATEGORY,  FALSE, IN_CODE | IN_METHOD, SIPGUIDE_KEY_CATEGORY },
    { "scope",      K_VOCAB, SIPGUIDE_VOCAB_SCOPE,     FALSE, IN_CODE | IN_METHOD | IN_CLASS, SIPGUIDE_KEY_SCOPE },
    { "retry",      K_VOCAB, SIPGUIDE_VOCAB_RETRY,     TRUE,  IN_CODE | IN_METHOD | IN_CLASS, SIPGUIDE_KEY_RETRY },
    { "severity",   K_VOCAB, SIPGUIDE_VOCAB_SEVERITY,  FALSE, IN_CODE | IN_METHOD | IN_CLASS, SIPGUIDE_KEY_SEVERITY },
    { "procedure",  K_VOCAB, SIPGUIDE_VOCAB_PROCEDURE, TRUE,  IN_CODE | IN_METHOD, SIPGUIDE_KEY_PROCEDURE },
    { "element",    K_VOCAB, SIPGUIDE_VOCAB_ELEMENT,   TRUE,  IN_CODE | IN_METHOD, SIPGUIDE_KEY_ELEMENT },
    { "call-outcome", K_VOCAB, SIPGUIDE_VOCAB_CALL_OUTCOME, FALSE, IN_CODE | IN_METHOD | IN_CLASS, 0 },
    { "registration-outcome", K_VOCAB, SIPGUIDE_VOCAB_REG_OUTCOME, FALSE, IN_CODE | IN_METHOD | IN_CLASS, 0 },
    { "ims-ref",    K_IMS_REF,    -1, TRUE,  IN_CODE | IN_METHOD, SIPGUIDE_KEY_IMS_REF },
    { "headers",    K_HEADERS,    -1, FALSE, IN_CODE | IN_METHOD, SIPGUIDE_KEY_HEADERS },
    { "related",    K_RELATED,    -1, TRUE,  IN_CODE | IN_METHOD, SIPGUIDE_KEY_RELATED },
    { "hint",       K_TEXT,       -1, TRUE,  IN_CODE | IN_METHOD, SIPGUIDE_KEY_HINT },
    { "cause",      K_TEXT,       -1, TRUE,  IN_CODE | IN_METHOD, SIPGUIDE_KEY_CAUSE },
    { "flow",       K_TEXT,       -1, FALSE, IN_CODE | IN_METHOD, SIPGUIDE_KEY_FLOW },
    { "body",       K_TEXT,       -1, FALSE, IN_CODE | IN_METHOD, SIPGUIDE_KEY_BODY },
    { "answers",    K_ANSWERS,    -1, FALSE, IN_CODE, 0 },
};

static const keydef_t *
find_key(const char *name)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(keydefs); i++) {
        if (strcmp(keydefs[i].name, name) == 0)
            return &keydefs[i];
    }
    return NULL;
}

static void
section_init(gsection_t *s, const char *file, int line, const char *method)
{
    memset(s, 0, sizeof(*s));
    s->file = file;
    s->line = line;
    s->method = method != NULL ? g_strdup(method) : NULL;
    s->sel.methods = g_ptr_array_new();
    s->causes = g_ptr_array_new();
    s->category = s->scope = s->severity = SIPGUIDE_NONE;
    s->call_outcome = s->reg_outcome = SIPGUIDE_NONE;
    s->retry = g_array_new(FALSE, FALSE, 1);
    s->procedures = g_array_new(FALSE, FALSE, 1);
    s->elements = g_array_new(FALSE, FALSE, 1);
    s->ims_refs = g_ptr_array_new();
    s->hints = g_ptr_array_new();
    s->related_codes = g_array_new(FALSE, FALSE, sizeof(int));
    s->related_lines = g_array_new(FALSE, FALSE, sizeof(int));
    s->related_texts = g_ptr_array_new();
}

/* Free text: no control characters, and '{' only as "{method}". */
static gboolean
check_text(const char *file, int line, const char *key, const char *text)
{
    const char *p;

    if (*text == '\0') {
        report(file, line, "'%s' has an empty value", key);
        return FALSE;
    }
    for (p = text; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            report(file, line, "'%s' holds a control character", key);
            return FALSE;
        }
        if (*p == '{' && strncmp(p, "{method}", 8) != 0) {
            report(file, line, "'%s': '{' may only start the placeholder {method}", key);
            return FALSE;
        }
        if (*p == '}' && (p - text < 7 || strncmp(p - 7, "{method}", 8) != 0)) {
            report(file, line, "'%s': stray '}'", key);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean
check_rfc(const char *file, int line, const char *value)
{
    const char *p = value;

    if (strncmp(p, "RFC ", 4) != 0 || !g_ascii_isdigit(p[4])) {
        report(file, line, "'rfc' must start with 'RFC ' and a number, got '%s'", value);
        return FALSE;
    }
    for (p += 4; g_ascii_isdigit(*p); p++)
        ;
    if (*p != '\0' && *p != ' ') {
        report(file, line, "'rfc': the RFC number must be followed by a space or nothing, got '%s'", value);
        return FALSE;
    }
    return check_text(file, line, "rfc", value);
}

static gboolean
check_ims_ref(const char *file, int line, const char *value)
{
    const char *p = value;

    /* "3GPP TS nn.nnn" */
    if (strncmp(p, "3GPP TS ", 8) != 0 || !g_ascii_isdigit(p[8]) || !g_ascii_isdigit(p[9])
        || p[10] != '.' || !g_ascii_isdigit(p[11]) || !g_ascii_isdigit(p[12])
        || !g_ascii_isdigit(p[13]) || (p[14] != '\0' && p[14] != ' ')) {
        report(file, line, "'ims-ref' must start with '3GPP TS nn.nnn', got '%s'", value);
        return FALSE;
    }
    return check_text(file, line, "ims-ref", value);
}

static gboolean
check_headers(const char *file, int line, const char *value)
{
    char **names = g_strsplit(value, ",", -1);
    gboolean ok = TRUE;
    int i;

    for (i = 0; names[i] != NULL && ok; i++) {
        const char *n = g_strstrip(names[i]);
        const char *p;
        if (*n == '\0') {
            report(file, line, "'headers' has an empty name (check the commas)");
            ok = FALSE;
        }
        for (p = n; ok && *p; p++) {
            if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.' && *p != '_') {
                report(file, line, "'headers': '%s' is not a header name", n);
                ok = FALSE;
            }
        }
    }
    g_strfreev(names);
    return ok;
}

static gboolean valid_method(const char *m);

/* Apply one pair to a section; 'where' says what kind of section it is. */
static void
apply_pair(gsection_t *s, unsigned where, const pair_t *p, gcode_t *code, gclass_t *klass)
{
    const keydef_t *k = find_key(p->key);
    const char *file = s->file;
    const char *value = p->value->str;
    int idx;

    if (k == NULL) {
        report(file, p->line, "unknown key '%s'", p->key);
        return;
    }
    if (!(k->where & where)) {
        report(file, p->line, "key '%s' is not allowed in a %s section", p->key,
               where == IN_CLASS ? "class" : where == IN_METHOD ? "method" : "code");
        return;
    }
    if (*value == '\0') {
        report(file, p->line, "'%s' has an empty value", p->key);
        return;
    }
    if (!k->repeat && k->bit != 0 && (s->set & k->bit)) {
        report(file, p->line, "'%s' is set twice in this section", p->key);
        return;
    }
    s->set |= k->bit;

    switch (k->kind) {
    case K_NAME:
        if (klass->name != NULL)
            report(file, p->line, "'name' is set twice in this section");
        else if (check_text(file, p->line, p->key, value))
            klass->name = g_strdup(value);
        break;
    case K_HANDLED_AS: {
        char *end = NULL;
        long hc = strtol(value, &end, 10);
        if (klass->handled_as != 0)
            report(file, p->line, "'handled-as' is set twice in this section");
        else if (*end != '\0' || hc < SIPGUIDE_CODE_MIN || hc > SIPGUIDE_CODE_MAX)
            report(file, p->line, "'handled-as' must be a code from 100 to 699, got '%s'", value);
        else {
            klass->handled_as = (int)hc;
            klass->handled_as_line = p->line;
        }
        break;
    }
    case K_TEXT:
        if (!check_text(file, p->line, p->key, value))
            break;
        if (strcmp(k->name, "phrase") == 0) {
            if (code->phrase != NULL)
                report(file, p->line, "'phrase' is set twice in this section");
            else
                code->phrase = g_strdup(value);
        } else if (strcmp(k->name, "meaning") == 0) {
            s->meaning = g_strdup(value);
        } else if (strcmp(k->name, "flow") == 0) {
            s->flow = g_strdup(value);
        } else if (strcmp(k->name, "body") == 0) {
            s->body = g_strdup(value);
        } else if (strcmp(k->name, "cause") == 0) {
            if (s->causes->len >= MAX_LIST_ITEMS)
                report(file, p->line, "more than %d causes", MAX_LIST_ITEMS);
            else
                g_ptr_array_add(s->causes, g_strdup(value));
        } else {
            if (s->hints->len >= MAX_LIST_ITEMS)
                report(file, p->line, "more than %d hints", MAX_LIST_ITEMS);
            else
                g_ptr_array_add(s->hints, g_strdup(value));
        }
        break;
    case K_ANSWERS:
        if (code->answers_line != 0) {
            report(file, p->line, "'answers' is set twice in this section");
        } else if (strcmp(value, "any") != 0) {
            char **names = g_strsplit(value, ",", -1);
            int i;
            code->answers_line = p->line;
            for (i = 0; names[i] != NULL; i++) {
                char *m = g_strstrip(names[i]);
                if (!valid_method(m))
                    report(file, p->line, "'answers': '%s' is not an upper-case SIP method name", m);
                else
                    g_ptr_array_add(code->answers, g_strdup(m));
            }
            g_strfreev(names);
        } else {
            code->answers_line = p->line;
        }
        break;
    case K_RFC:
        if (code->rfc != NULL)
            report(file, p->line, "'rfc' is set twice in this section");
        else if (strncmp(value, "RFC ", 4) != 0) {
            /* A code outside the registry may be defined by an implementation;
             * whether it is one is known once the section is read. */
            if (check_text(file, p->line, "rfc", value)) {
                code->rfc = g_strdup(value);
                code->rfc_other_line = p->line;
            }
        } else if (check_rfc(file, p->line, value))
            code->rfc = g_strdup(value);
        break;
    case K_REGISTERED:
        if (strcmp(value, "yes") == 0)
            code->registered = TRUE;
        else if (strcmp(value, "no") == 0)
            code->registered = FALSE;
        else
            report(file, p->line, "'registered' must be 'yes' or 'no', got '%s'", value);
        break;
    case K_VOCAB:
        idx = vocab_find(k->vocab, value);
        if (idx == SIPGUIDE_NONE) {
            report(file, p->line, "unknown %s '%s' (allowed: see [%s] in %s)",
                   vocab_names[k->vocab], value, vocab_names[k->vocab], vocab_path);
            break;
        }
        if (k->repeat) {
            GArray *list = k->vocab == SIPGUIDE_VOCAB_RETRY ? s->retry
                         : k->vocab == SIPGUIDE_VOCAB_PROCEDURE ? s->procedures : s->elements;
            unsigned char c = (unsigned char)idx;
            guint i;
            for (i = 0; i < list->len; i++) {
                if (g_array_index(list, unsigned char, i) == c)
                    report(file, p->line, "%s '%s' is listed twice", vocab_names[k->vocab], value);
            }
            if (list->len >= MAX_LIST_ITEMS)
                report(file, p->line, "too many '%s' values", p->key);
            else
                g_array_append_val(list, c);
        } else if (k->vocab == SIPGUIDE_VOCAB_CATEGORY) {
            s->category = idx;
        } else if (k->vocab == SIPGUIDE_VOCAB_SCOPE) {
            s->scope = idx;
        } else if (k->vocab == SIPGUIDE_VOCAB_CALL_OUTCOME) {
            s->call_outcome = idx;
        } else if (k->vocab == SIPGUIDE_VOCAB_REG_OUTCOME) {
            s->reg_outcome = idx;
        } else {
            s->severity = idx;
        }
        break;
    case K_IMS_REF:
        if (check_ims_ref(file, p->line, value)) {
            if (s->ims_refs->len >= MAX_LIST_ITEMS)
                report(file, p->line, "too many 'ims-ref' values");
            else
                g_ptr_array_add(s->ims_refs, g_strdup(value));
        }
        break;
    case K_HEADERS:
        if (check_headers(file, p->line, value))
            s->headers = g_strdup(value);
        break;
    case K_RELATED: {
        const char *bar = strchr(value, '|');
        char *num, *why;
        char *end = NULL;
        long rc;
        if (bar == NULL) {
            report(file, p->line, "'related' must be 'CODE | why the difference matters'");
            break;
        }
        num = g_strstrip(g_strndup(value, bar - value));
        why = g_strstrip(g_strdup(bar + 1));
        rc = strtol(num, &end, 10);
        if (*num == '\0' || *end != '\0' || rc < SIPGUIDE_CODE_MIN || rc > SIPGUIDE_CODE_MAX)
            report(file, p->line, "'related': '%s' is not a code from 100 to 699", num);
        else if (check_text(file, p->line, "related", why)) {
            int line = p->line;
            int c = (int)rc;
            if (s->related_texts->len >= MAX_LIST_ITEMS)
                report(file, p->line, "too many 'related' values");
            else {
                g_array_append_val(s->related_codes, c);
                g_array_append_val(s->related_lines, line);
                g_ptr_array_add(s->related_texts, g_strdup(why));
            }
        }
        g_free(num);
        g_free(why);
        break;
    }
    }
}

/* Whether the section names a key at all (valid or not): a key that is
 * present but wrong is reported once, where it stands. */
static gboolean
has_key(const section_t *s, const char *key)
{
    guint i;

    for (i = 0; i < s->pairs->len; i++) {
        if (strcmp(((pair_t *)g_ptr_array_index(s->pairs, i))->key, key) == 0)
            return TRUE;
    }
    return FALSE;
}

static gboolean
valid_method(const char *m)
{
    if (*m == '\0')
        return FALSE;
    for (; *m; m++) {
        if (!g_ascii_isupper(*m) && *m != '-' && *m != '_')
            return FALSE;
    }
    return TRUE;
}

/* The types of a 3GPP alternative-service body a selector may name
 * (3GPP TS 24.229 §7.6): the plugin reads exactly these. */
static const char *const alt_service_types[] = { "emergency", "restoration" };

/* The qualifiers of data/README.md, as the messages list them. */
#define QUALIFIER_LIST "in-dialog, initial, sdp, no-sdp, t38, event=PACKAGE, credentials, " \
    "no-credentials, expires=0, max-forwards=0, aka, digest, stale, alt-service=TYPE, " \
    "own-phrase, other-phrase"

/* Whether a word is a qualifier that describes the response rather than
 * its request: data/methods.txt may not use it. */
static gboolean
response_qualifier(const char *w)
{
    return strcmp(w, "aka") == 0 || strcmp(w, "digest") == 0 || strcmp(w, "stale") == 0
           || strncmp(w, "alt-service=", 12) == 0 || strcmp(w, "own-phrase") == 0
           || strcmp(w, "other-phrase") == 0;
}

/* Whether a word names a qualifier at all (right or wrong): a section whose
 * first word is one names no method. */
static gboolean
qualifier_word(const char *w)
{
    static const char *const words[] = {
        "in-dialog", "initial", "sdp", "no-sdp", "t38", "credentials", "no-credentials", "expires=0",
        "max-forwards=0", "aka", "digest", "stale", "own-phrase", "other-phrase"
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(words); i++) {
        if (strcmp(w, words[i]) == 0)
            return TRUE;
    }
    return strncmp(w, "event=", 6) == 0 || strncmp(w, "alt-service=", 12) == 0;
}

/* Set a yes/no qualifier once; FALSE when it is set already. */
static gboolean
set_tri(sipguide_tri_t *slot, sipguide_tri_t value)
{
    if (*slot != SIPGUIDE_TRI_UNKNOWN)
        return FALSE;
    *slot = value;
    return TRUE;
}

/* One qualifier word; FALSE (reported) when it is none or repeats one. */
static gboolean
parse_qualifier(const char *file, int line, const char *w, gboolean methods_only, gselector_t *sel)
{
    gboolean ok;
    guint i;

    if (methods_only && response_qualifier(w)) {
        report(file, line, "'%s' describes the response, not the request: a method rule cannot use it", w);
        return FALSE;
    }
    if (strcmp(w, "in-dialog") == 0)
        ok = set_tri(&sel->in_dialog, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "initial") == 0)
        ok = set_tri(&sel->in_dialog, SIPGUIDE_TRI_NO);
    else if (strcmp(w, "sdp") == 0)
        ok = set_tri(&sel->sdp, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "no-sdp") == 0)
        ok = set_tri(&sel->sdp, SIPGUIDE_TRI_NO);
    else if (strcmp(w, "t38") == 0)
        ok = set_tri(&sel->t38, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "credentials") == 0)
        ok = set_tri(&sel->credentials, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "no-credentials") == 0)
        ok = set_tri(&sel->credentials, SIPGUIDE_TRI_NO);
    else if (strcmp(w, "expires=0") == 0)
        ok = set_tri(&sel->expires_zero, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "max-forwards=0") == 0)
        ok = set_tri(&sel->max_forwards_zero, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "aka") == 0)
        ok = set_tri(&sel->aka, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "digest") == 0)
        ok = set_tri(&sel->aka, SIPGUIDE_TRI_NO);
    else if (strcmp(w, "stale") == 0)
        ok = set_tri(&sel->stale, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "own-phrase") == 0)
        ok = set_tri(&sel->own_phrase, SIPGUIDE_TRI_YES);
    else if (strcmp(w, "other-phrase") == 0)
        ok = set_tri(&sel->own_phrase, SIPGUIDE_TRI_NO);
    else if (strncmp(w, "event=", 6) == 0 && sel->event == NULL && valid_token(w + 6)) {
        sel->event = g_strdup(w + 6);
        ok = TRUE;
    } else if (strncmp(w, "alt-service=", 12) == 0 && sel->alt_service == NULL) {
        for (i = 0; i < G_N_ELEMENTS(alt_service_types); i++) {
            if (strcmp(w + 12, alt_service_types[i]) == 0)
                break;
        }
        if (i == G_N_ELEMENTS(alt_service_types)) {
            report(file, line, "'%s': the alternative-service type must be emergency or restoration", w);
            return FALSE;
        }
        sel->alt_service = g_strdup(w + 12);
        ok = TRUE;
    } else
        ok = FALSE;
    if (!ok)
        report(file, line, "'%s' is not a qualifier (" QUALIFIER_LIST ") or repeats one", w);
    return ok;
}

/* Parse a selector: "other", or "M1,M2,..." then qualifiers, or (in a
 * code file) qualifiers alone, from words[0..n-1].  With 'methods_only'
 * (data/methods.txt) "other" and a selector without a method are not
 * allowed. */
static gboolean
parse_selector(const char *file, int line, char **words, int n, gboolean methods_only,
               gselector_t *sel)
{
    int i, first = 1;
    char **names;

    if (n < 1) {
        report(file, line, "a section needs a method");
        return FALSE;
    }
    if (strcmp(words[0], "other") == 0 && !methods_only) {
        sel->other = TRUE;
        if (n > 1) {
            report(file, line, "[CODE other] takes no qualifiers");
            return FALSE;
        }
        return TRUE;
    }
    if (!methods_only && qualifier_word(words[0])) {
        first = 0;          /* no method: the qualifiers alone */
    } else {
        names = g_strsplit(words[0], ",", -1);
        for (i = 0; names[i] != NULL; i++) {
            if (!valid_method(names[i])) {
                report(file, line, "method '%s' must be an upper-case SIP method name", names[i]);
                g_strfreev(names);
                return FALSE;
            }
            g_ptr_array_add(sel->methods, g_strdup(names[i]));
        }
        g_strfreev(names);
        if (methods_only && sel->methods->len != 1) {
            report(file, line, "a method rule names exactly one method");
            return FALSE;
        }
    }
    for (i = first; i < n; i++) {
        if (!parse_qualifier(file, line, words[i], methods_only, sel))
            return FALSE;
    }
    return TRUE;
}

static gboolean
qualifier_free(const gselector_t *sel)
{
    return sel->in_dialog == SIPGUIDE_TRI_UNKNOWN && sel->sdp == SIPGUIDE_TRI_UNKNOWN
           && sel->t38 == SIPGUIDE_TRI_UNKNOWN
           && sel->event == NULL && sel->credentials == SIPGUIDE_TRI_UNKNOWN
           && sel->expires_zero == SIPGUIDE_TRI_UNKNOWN
           && sel->max_forwards_zero == SIPGUIDE_TRI_UNKNOWN && sel->aka == SIPGUIDE_TRI_UNKNOWN
           && sel->stale == SIPGUIDE_TRI_UNKNOWN && sel->alt_service == NULL
           && sel->own_phrase == SIPGUIDE_TRI_UNKNOWN;
}

/* Parse "NNN" or "NNN SELECTOR"; returns the code or -1.  *method gets the
 * selector as written (NULL for the code section). */
static int
parse_code_header(const char *file, int line, const char *header, char **method,
                  gselector_t *sel)
{
    char **parts = g_strsplit(header, " ", -1);
    int n = 0, code = -1;
    guint count = 0, i;

    *method = NULL;
    /* Drop empty words (several spaces). */
    for (i = 0; parts[i] != NULL; i++) {
        if (*parts[i] != '\0')
            parts[count++] = parts[i];
        else
            g_free(parts[i]);
    }
    parts[count] = NULL;
    if (count < 1 || strlen(parts[0]) != 3
        || !g_ascii_isdigit(parts[0][0]) || !g_ascii_isdigit(parts[0][1])
        || !g_ascii_isdigit(parts[0][2])) {
        report(file, line, "section must be [CODE] or [CODE METHOD] with a 3-digit code, got [%s]", header);
        g_strfreev(parts);
        return -1;
    }
    n = atoi(parts[0]);
    if (n < SIPGUIDE_CODE_MIN || n > SIPGUIDE_CODE_MAX) {
        report(file, line, "code %d is outside 100..699", n);
    } else if (count >= 2) {
        if (sel == NULL) {
            if (count == 2 && valid_method(parts[1])) {
                code = n;
                *method = g_strdup(parts[1]);
            } else {
                report(file, line, "'%s' must be an upper-case SIP method name", parts[1]);
            }
        } else if (parse_selector(file, line, parts + 1, (int)count - 1, FALSE, sel)) {
            code = n;
            *method = g_strjoinv(" ", parts + 1);
        }
    } else {
        code = n;
    }
    g_strfreev(parts);
    return code;
}

static void
load_code_file(const char *path)
{
    file_t *f = read_file(path);
    char *base = g_path_get_basename(path);
    int file_class = 0;
    int last_code = 0;
    gcode_t *current = NULL;
    guint i, j;

    /* "4xx.txt" holds only 4xx codes. */
    if (base[0] >= '1' && base[0] <= '6' && base[1] == 'x' && base[2] == 'x')
        file_class = base[0] - '0';
    g_free(base);
    if (f == NULL)
        return;

    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        char *method = NULL;
        gselector_t sel;
        int code;
        gsection_t *target;
        unsigned where;

        memset(&sel, 0, sizeof(sel));
        sel.methods = g_ptr_array_new();
        code = parse_code_header(f->path, s->line, s->header, &method, &sel);

        if (code < 0) {
            current = NULL;
            continue;
        }
        if (file_class != 0 && code / 100 != file_class) {
            report(f->path, s->line, "code %d does not belong in a %dxx file", code, file_class);
            g_free(method);
            current = NULL;
            continue;
        }
        if (method == NULL) {
            if (codes[code] != NULL) {
                report(f->path, s->line, "code %d is defined twice (first at %s:%d)", code,
                       codes[code]->base.file, codes[code]->base.line);
                current = NULL;
                continue;
            }
            if (code <= last_code)
                report(f->path, s->line, "code %d is out of order: codes must ascend (it follows %d)",
                       code, last_code);
            last_code = code;
            current = g_new0(gcode_t, 1);
            current->code = code;
            current->registered = TRUE;
            current->answers = g_ptr_array_new();
            current->variants = g_ptr_array_new();
            section_init(&current->base, f->path, s->line, NULL);
            codes[code] = current;
            target = &current->base;
            where = IN_CODE;
        } else {
            if (current == NULL || current->code != code) {
                report(f->path, s->line, "method section [%d %s] must follow the section [%d]",
                       code, method, code);
                g_free(method);
                continue;
            }
            for (j = 0; j < current->variants->len; j++) {
                gsection_t *v = g_ptr_array_index(current->variants, j);
                if (strcmp(v->method, method) == 0)
                    report(f->path, s->line, "method section [%d %s] is defined twice", code, method);
            }
            target = g_new0(gsection_t, 1);
            section_init(target, f->path, s->line, method);
            target->sel = sel;
            g_ptr_array_add(current->variants, target);
            where = IN_METHOD;
            g_free(method);
        }
        for (j = 0; j < s->pairs->len; j++)
            apply_pair(target, where, g_ptr_array_index(s->pairs, j), current, NULL);

        if (where == IN_CODE) {
            if (!has_key(s, "phrase"))
                report(f->path, s->line, "code %d has no 'phrase'", code);
            if (!has_key(s, "rfc"))
                report(f->path, s->line, "code %d has no 'rfc'", code);
            else if (current->rfc_other_line != 0 && current->registered)
                report(f->path, current->rfc_other_line,
                       "'rfc' must start with 'RFC ' and a number, got '%s' (only a code with "
                       "'registered = no' may name another source)", current->rfc);
            if (!has_key(s, "meaning"))
                report(f->path, s->line, "code %d has no 'meaning'", code);
        } else if (target->set == 0 && target->call_outcome == SIPGUIDE_NONE
                   && target->reg_outcome == SIPGUIDE_NONE) {
            report(f->path, s->line, "method section [%d %s] sets nothing", code, target->method);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Method rules (data/methods.txt) */

typedef struct {
    char *label;
    int line;
    gselector_t sel;
    GArray *procedures;     /* unsigned char */
    GPtrArray *ims_refs;    /* char * */
    gboolean offer;
    sipguide_tri_t in_dialog;
    char *note;
} gmethod_t;

static GPtrArray *methods;  /* gmethod_t, in file order */
static char *methods_path;

/* The base rule [METHOD] of a method, or NULL. */
static gmethod_t *
method_base(const char *name)
{
    guint i;

    for (i = 0; methods != NULL && i < methods->len; i++) {
        gmethod_t *m = g_ptr_array_index(methods, i);
        if (qualifier_free(&m->sel) && strcmp(g_ptr_array_index(m->sel.methods, 0), name) == 0)
            return m;
    }
    return NULL;
}

static gboolean
has_clause(GPtrArray *refs)
{
    guint i;

    for (i = 0; i < refs->len; i++) {
        if (strstr(g_ptr_array_index(refs, i), "\xc2\xa7") != NULL)
            return TRUE;
    }
    return FALSE;
}

static void
load_methods(const char *data_dir)
{
    file_t *f;
    guint i, j;

    methods = g_ptr_array_new();
    methods_path = g_build_filename(data_dir, "methods.txt", NULL);
    f = read_file(methods_path);
    if (f == NULL)
        return;
    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        char **words = g_strsplit(s->header, " ", -1);
        gmethod_t *m = g_new0(gmethod_t, 1);
        gboolean have_offer = FALSE, have_dialog = FALSE;

        m->label = g_strdup(s->header);
        m->line = s->line;
        m->sel.methods = g_ptr_array_new();
        m->procedures = g_array_new(FALSE, FALSE, 1);
        m->ims_refs = g_ptr_array_new();
        m->in_dialog = SIPGUIDE_TRI_UNKNOWN;
        if (!parse_selector(f->path, s->line, words, (int)g_strv_length(words), TRUE, &m->sel)) {
            g_strfreev(words);
            continue;
        }
        g_strfreev(words);
        for (j = 0; j < methods->len; j++) {
            gmethod_t *o = g_ptr_array_index(methods, j);
            if (strcmp(o->label, m->label) == 0)
                report(f->path, s->line, "rule [%s] is defined twice (first at line %d)", m->label, o->line);
        }
        if (qualifier_free(&m->sel) == FALSE
            && method_base(g_ptr_array_index(m->sel.methods, 0)) == NULL)
            report(f->path, s->line, "rule [%s] must follow the rule [%s]", m->label,
                   (char *)g_ptr_array_index(m->sel.methods, 0));
        for (j = 0; j < s->pairs->len; j++) {
            pair_t *p = g_ptr_array_index(s->pairs, j);
            const char *v = p->value->str;
            if (strcmp(p->key, "procedure") == 0) {
                int idx = vocab_find(SIPGUIDE_VOCAB_PROCEDURE, v);
                if (idx == SIPGUIDE_NONE)
                    report(f->path, p->line, "unknown procedure '%s' (allowed: see [procedure] in %s)", v, vocab_path);
                else {
                    unsigned char c = (unsigned char)idx;
                    g_array_append_val(m->procedures, c);
                }
            } else if (strcmp(p->key, "ims-ref") == 0) {
                if (check_ims_ref(f->path, p->line, v))
                    g_ptr_array_add(m->ims_refs, g_strdup(v));
            } else if (strcmp(p->key, "offer") == 0 || strcmp(p->key, "dialog") == 0) {
                gboolean is_offer = p->key[0] == 'o';
                if (!qualifier_free(&m->sel))
                    report(f->path, p->line, "'%s' belongs in the rule [%s] itself", p->key,
                           (char *)g_ptr_array_index(m->sel.methods, 0));
                else if (is_offer && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)) {
                    m->offer = strcmp(v, "yes") == 0;
                    have_offer = TRUE;
                } else if (!is_offer && strcmp(v, "inside") == 0) {
                    m->in_dialog = SIPGUIDE_TRI_YES;
                    have_dialog = TRUE;
                } else if (!is_offer && strcmp(v, "outside") == 0) {
                    m->in_dialog = SIPGUIDE_TRI_NO;
                    have_dialog = TRUE;
                } else if (!is_offer && strcmp(v, "either") == 0) {
                    have_dialog = TRUE;
                } else
                    report(f->path, p->line, "'%s' must be %s, got '%s'", p->key,
                           is_offer ? "yes or no" : "inside, outside or either", v);
            } else if (strcmp(p->key, "note") == 0) {
                if (check_text(f->path, p->line, "note", v))
                    m->note = g_strdup(v);
            } else {
                report(f->path, p->line, "unknown key '%s' in a method rule", p->key);
            }
        }
        if (qualifier_free(&m->sel) && (!have_offer || !have_dialog))
            report(f->path, s->line, "rule [%s] needs 'offer' and 'dialog'", m->label);
        if (m->procedures->len > 0 && !has_clause(m->ims_refs))
            report(f->path, s->line, "rule [%s] names a procedure but no 'ims-ref' with a clause (\xc2\xa7)",
                   m->label);
        g_ptr_array_add(methods, m);
    }
    if (methods->len == 0)
        report(methods_path, 0, "holds no method rule");
}

static void
load_classes(const char *data_dir)
{
    file_t *f;
    guint i, j;
    int c;

    classes_path = g_build_filename(data_dir, "classes.txt", NULL);
    f = read_file(classes_path);
    if (f == NULL)
        return;
    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        gclass_t *k;
        if (strlen(s->header) != 3 || s->header[0] < '1' || s->header[0] > '6'
            || s->header[1] != 'x' || s->header[2] != 'x') {
            report(f->path, s->line, "class section must be [1xx] .. [6xx], got [%s]", s->header);
            continue;
        }
        c = s->header[0] - '0';
        k = &classes[c];
        if (k->s.file != NULL) {
            report(f->path, s->line, "class [%s] is defined twice", s->header);
            continue;
        }
        section_init(&k->s, f->path, s->line, NULL);
        for (j = 0; j < s->pairs->len; j++)
            apply_pair(&k->s, IN_CLASS, g_ptr_array_index(s->pairs, j), NULL, k);
        if (!has_key(s, "name"))
            report(f->path, s->line, "class [%s] has no 'name'", s->header);
        if (!has_key(s, "handled-as"))
            report(f->path, s->line, "class [%s] has no 'handled-as'", s->header);
        else if (k->handled_as != 0 && k->handled_as / 100 != c)
            report(f->path, k->handled_as_line, "class [%s]: 'handled-as' %d is not of this class",
                   s->header, k->handled_as);
        if (!has_key(s, "meaning"))
            report(f->path, s->line, "class [%s] has no 'meaning'", s->header);
        if (!has_key(s, "scope"))
            report(f->path, s->line, "class [%s] has no 'scope'", s->header);
        if (!has_key(s, "severity"))
            report(f->path, s->line, "class [%s] has no 'severity'", s->header);
        if (!has_key(s, "retry"))
            report(f->path, s->line, "class [%s] has no 'retry'", s->header);
        /* A final class says what it does to a call and a registration; a
         * provisional response ends neither. */
        if (s->header[0] != '1' && !has_key(s, "call-outcome"))
            report(f->path, s->line, "class [%s] has no 'call-outcome'", s->header);
        if (s->header[0] != '1' && !has_key(s, "registration-outcome"))
            report(f->path, s->line, "class [%s] has no 'registration-outcome'", s->header);
        if (s->header[0] == '1' && (has_key(s, "call-outcome") || has_key(s, "registration-outcome")))
            report(f->path, s->line, "class [%s] is provisional: it has no outcome", s->header);
    }
    for (c = 1; c <= 6; c++) {
        if (classes[c].s.file == NULL)
            report(f->path, 0, "class [%dxx] is missing", c);
    }
}

static void
load_codes(const char *data_dir)
{
    char *dir = g_build_filename(data_dir, "codes", NULL);
    GDir *d;
    GError *err = NULL;
    const char *name;
    GPtrArray *names = g_ptr_array_new();
    guint i;

    d = g_dir_open(dir, 0, &err);
    if (d == NULL) {
        report(dir, 0, "cannot open: %s", err->message);
        g_error_free(err);
        return;
    }
    while ((name = g_dir_read_name(d)) != NULL) {
        if (g_str_has_suffix(name, ".txt"))
            g_ptr_array_add(names, g_strdup(name));
    }
    g_dir_close(d);
    /* A fixed order, whatever the directory order. */
    for (i = 0; i + 1 < names->len; i++) {
        guint j;
        for (j = i + 1; j < names->len; j++) {
            if (strcmp(g_ptr_array_index(names, i), g_ptr_array_index(names, j)) > 0) {
                gpointer t = names->pdata[i];
                names->pdata[i] = names->pdata[j];
                names->pdata[j] = t;
            }
        }
    }
    if (names->len == 0)
        report(dir, 0, "holds no *.txt file");
    for (i = 0; i < names->len; i++) {
        char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
        load_code_file(path);
    }
}

/* ---------------------------------------------------------------------- */
/* Cause tables (data/causes.txt) and sentences (data/evidence.txt) */

typedef struct {
    const char *section;
    unsigned base;          /* lowest number */
    unsigned size;          /* numbers base .. base+size-1 */
    gboolean with_codes;    /* "name | code code ..." */
} table_def_t;

static const table_def_t table_defs[SIPGUIDE_CAUSES_COUNT] = {
    { "q850",          0,   128, TRUE  },
    { "release-cause", 0,   64,  FALSE },
    { "failure-cause", 0,   64,  FALSE },
    { "warning",       300, 100, FALSE },
};

typedef struct {
    char *name;
    GArray *codes;          /* unsigned short */
} gcause_t;

static gcause_t *causes[SIPGUIDE_CAUSES_COUNT];   /* arrays of table size */
static int q850_unlisted;
static char *q850_unlisted_name;
static char *texts[SIPGUIDE_TEXT_COUNT];

static const char *const text_names[SIPGUIDE_TEXT_COUNT] = {
#define SIPGUIDE_TEXT_NAME(id, name, placeholders) name,
    SIPGUIDE_TEXTS(SIPGUIDE_TEXT_NAME)
#undef SIPGUIDE_TEXT_NAME
};

static const char *const text_placeholders[SIPGUIDE_TEXT_COUNT] = {
#define SIPGUIDE_TEXT_PLACEHOLDERS(id, name, placeholders) placeholders,
    SIPGUIDE_TEXTS(SIPGUIDE_TEXT_PLACEHOLDERS)
#undef SIPGUIDE_TEXT_PLACEHOLDERS
};

static const char *
skip_ws_c(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static void
load_causes(const char *data_dir)
{
    char *path = g_build_filename(data_dir, "causes.txt", NULL);
    file_t *f = read_file(path);
    guint i, j;
    int t;

    for (t = 0; t < SIPGUIDE_CAUSES_COUNT; t++)
        causes[t] = g_new0(gcause_t, table_defs[t].size);
    if (f == NULL)
        return;
    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        int which = -1;
        for (t = 0; t < SIPGUIDE_CAUSES_COUNT; t++) {
            if (strcmp(s->header, table_defs[t].section) == 0)
                which = t;
        }
        if (which < 0) {
            report(f->path, s->line, "unknown table [%s]", s->header);
            continue;
        }
        for (j = 0; j < s->pairs->len; j++) {
            pair_t *p = g_ptr_array_index(s->pairs, j);
            const table_def_t *d = &table_defs[which];
            char *end = NULL, *name, *bar;
            long n;
            gcause_t *c;

            if (which == SIPGUIDE_CAUSES_Q850 && strcmp(p->key, "unlisted") == 0) {
                bar = strchr(p->value->str, '|');
                n = strtol(p->value->str, &end, 10);
                if (bar == NULL || *skip_ws_c(end) != '|' || n < SIPGUIDE_CODE_MIN || n > SIPGUIDE_CODE_MAX)
                    report(f->path, p->line, "'unlisted' must be 'CODE | name', CODE from 100 to 699");
                else {
                    q850_unlisted = (int)n;
                    q850_unlisted_name = g_strstrip(g_strdup(bar + 1));
                    check_text(f->path, p->line, "unlisted", q850_unlisted_name);
                }
                continue;
            }
            n = strtol(p->key, &end, 10);
            if (*p->key == '\0' || *end != '\0' || n < (long)d->base || n >= (long)(d->base + d->size)) {
                report(f->path, p->line, "[%s]: '%s' is not a number from %u to %u", s->header,
                       p->key, d->base, d->base + d->size - 1);
                continue;
            }
            c = &causes[which][n - d->base];
            if (c->name != NULL) {
                report(f->path, p->line, "[%s]: %ld is listed twice", s->header, n);
                continue;
            }
            bar = strchr(p->value->str, '|');
            if (d->with_codes != (bar != NULL)) {
                report(f->path, p->line, d->with_codes ? "[%s]: expected 'name | codes'"
                       : "[%s]: expected a name without '|'", s->header);
                continue;
            }
            name = g_strstrip(bar ? g_strndup(p->value->str, bar - p->value->str)
                                  : g_strdup(p->value->str));
            if (!check_text(f->path, p->line, "name", name))
                continue;
            c->name = name;
            c->codes = g_array_new(FALSE, FALSE, sizeof(unsigned short));
            if (bar != NULL) {
                char **parts = g_strsplit(g_strstrip(g_strdup(bar + 1)), " ", -1);
                int k;
                for (k = 0; parts[k] != NULL; k++) {
                    long rc;
                    if (*parts[k] == '\0' || strcmp(parts[k], "-") == 0)
                        continue;
                    rc = strtol(parts[k], &end, 10);
                    if (*end != '\0' || rc < SIPGUIDE_CODE_MIN || rc > SIPGUIDE_CODE_MAX) {
                        report(f->path, p->line, "'%s' is not a code from 100 to 699", parts[k]);
                    } else {
                        unsigned short us = (unsigned short)rc;
                        g_array_append_val(c->codes, us);
                    }
                }
                g_strfreev(parts);
            }
        }
    }
    if (q850_unlisted == 0)
        report(f->path, 0, "[q850] has no 'unlisted' code");
}

/* Is {name} one of the placeholders listed in 'allowed'? */
static gboolean
placeholder_allowed(const char *allowed, const char *name, size_t len)
{
    const char *p = allowed;

    while (*p) {
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, name, len) == 0)
            return TRUE;
        p += n;
        while (*p == ' ')
            p++;
    }
    return FALSE;
}

static void
load_texts(const char *data_dir)
{
    char *path = g_build_filename(data_dir, "evidence.txt", NULL);
    file_t *f = read_file(path);
    guint i, j;
    int t;

    if (f == NULL)
        return;
    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        int which = -1;
        for (t = 0; t < SIPGUIDE_TEXT_COUNT; t++) {
            if (strcmp(s->header, text_names[t]) == 0)
                which = t;
        }
        if (which < 0) {
            report(f->path, s->line, "unknown sentence [%s] (the plugin uses no such section)", s->header);
            continue;
        }
        if (texts[which] != NULL) {
            report(f->path, s->line, "sentence [%s] appears twice", s->header);
            continue;
        }
        for (j = 0; j < s->pairs->len; j++) {
            pair_t *p = g_ptr_array_index(s->pairs, j);
            const char *v = p->value->str, *open;
            if (strcmp(p->key, "text") != 0) {
                report(f->path, p->line, "unknown key '%s' (a sentence has only 'text')", p->key);
                continue;
            }
            if (texts[which] != NULL) {
                report(f->path, p->line, "'text' is set twice in this section");
                continue;
            }
            if (*v == '\0') {
                report(f->path, p->line, "'text' has an empty value");
                continue;
            }
            for (open = strchr(v, '{'); open != NULL; open = strchr(open + 1, '{')) {
                const char *close = strchr(open, '}');
                if (close == NULL) {
                    report(f->path, p->line, "unclosed '{'");
                    break;
                }
                if (!placeholder_allowed(text_placeholders[which], open + 1, close - open - 1))
                    report(f->path, p->line, "[%s] has no placeholder {%.*s} (allowed: %s)",
                           s->header, (int)(close - open - 1), open + 1,
                           *text_placeholders[which] ? text_placeholders[which] : "none");
            }
            texts[which] = g_strdup(v);
        }
        if (texts[which] == NULL)
            report(f->path, s->line, "sentence [%s] has no 'text'", s->header);
    }
    for (t = 0; t < SIPGUIDE_TEXT_COUNT; t++) {
        if (texts[t] == NULL && f->sections->len > 0) {
            gboolean defined = FALSE;
            for (i = 0; i < f->sections->len; i++)
                defined |= strcmp(((section_t *)g_ptr_array_index(f->sections, i))->header, text_names[t]) == 0;
            if (!defined)
                report(f->path, 0, "sentence [%s] is missing", text_names[t]);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Diameter tables (data/diameter.txt) */

/* Section names, in the order of sipguide_diam_table_t. */
static const char *const diam_table_names[SIPGUIDE_DIAM_COUNT] = {
    "base", "cx", "rx", "sh", "abort-cause", "specific-action"
};

typedef struct {
    unsigned code;
    int line;
    char *name, *meaning, *sip, *ref;
    char *outcome;          /* a token of both outcome vocabularies, or NULL */
    char *after_success;    /* or NULL */
} gdiam_t;

static GArray *diam[SIPGUIDE_DIAM_COUNT];     /* gdiam_t, ascending */
static char *diam_path;

/* Plain text shown as it is: no control characters, no braces. */
static gboolean
check_diam_text(const char *file, int line, const char *key, const char *text)
{
    const char *p;

    if (*text == '\0') {
        report(file, line, "'%s' has an empty value", key);
        return FALSE;
    }
    for (p = text; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            report(file, line, "'%s' holds a control character", key);
            return FALSE;
        }
        if (*p == '{' || *p == '}') {
            report(file, line, "'%s' may not hold '{' or '}' (the text is shown as it is)", key);
            return FALSE;
        }
    }
    return TRUE;
}

/* "RFC nnnn §x.y" or "3GPP TS nn.nnn §x.y", then optionally more words. */
static gboolean
check_diam_ref(const char *file, int line, const char *value)
{
    const char *p = value;
    gboolean form = FALSE;

    if (strncmp(p, "RFC ", 4) == 0 && g_ascii_isdigit(p[4])) {
        for (p += 4; g_ascii_isdigit(*p); p++)
            ;
        form = *p == ' ' || *p == '\0';
    } else if (strncmp(p, "3GPP TS ", 8) == 0) {
        form = g_ascii_isdigit(p[8]) && g_ascii_isdigit(p[9]) && p[10] == '.'
               && g_ascii_isdigit(p[11]) && g_ascii_isdigit(p[12]) && g_ascii_isdigit(p[13])
               && (p[14] == ' ' || p[14] == '\0');
    }
    if (!form) {
        report(file, line, "'ref' must start with 'RFC nnnn' or '3GPP TS nn.nnn', got '%s'", value);
        return FALSE;
    }
    if (strstr(value, "\xc2\xa7") == NULL) {
        report(file, line, "'ref' names no clause (\xc2\xa7), got '%s'", value);
        return FALSE;
    }
    return check_diam_text(file, line, "ref", value);
}

/* The registered name: capitals, digits, '_' and '-', starting with a letter. */
static gboolean
check_diam_name(const char *file, int line, const char *value)
{
    const char *p;
    gboolean ok = g_ascii_isupper(value[0]);

    for (p = value; ok && *p; p++)
        ok = g_ascii_isupper(*p) || g_ascii_isdigit(*p) || *p == '_' || *p == '-';
    if (!ok)
        report(file, line, "'name' must be the registered name (capitals, digits, '_', '-'), got '%s'",
               value);
    return ok;
}

/* 'outcome': what the value makes of a call or a registration whose
 * failure it explains, a token of both outcome vocabularies. */
static gboolean
check_diam_outcome(const char *file, int line, const char *value)
{
    if (vocab_find(SIPGUIDE_VOCAB_CALL_OUTCOME, value) == SIPGUIDE_NONE
        || vocab_find(SIPGUIDE_VOCAB_REG_OUTCOME, value) == SIPGUIDE_NONE) {
        report(file, line, "'outcome' must be a token of both [call-outcome] and [registration-outcome] "
               "in %s, got '%s'", vocab_path, value);
        return FALSE;
    }
    return TRUE;
}

/* "[TABLE CODE]": the table's index and the code, or -1. */
static int
parse_diam_header(const char *file, int line, const char *header, unsigned *code)
{
    char **words = g_strsplit(header, " ", -1);
    int which = -1, t;
    guint n = g_strv_length(words);
    const char *num;
    char *end = NULL;
    guint64 value;

    if (n != 2 || *words[0] == '\0' || *words[1] == '\0') {
        report(file, line, "section must be [TABLE CODE], got [%s]", header);
        g_strfreev(words);
        return -1;
    }
    for (t = 0; t < SIPGUIDE_DIAM_COUNT; t++) {
        if (strcmp(words[0], diam_table_names[t]) == 0)
            which = t;
    }
    if (which < 0) {
        report(file, line, "unknown table '%s' (tables: base, cx, rx, sh, abort-cause, specific-action)",
               words[0]);
        g_strfreev(words);
        return -1;
    }
    num = words[1];
    value = g_ascii_strtoull(num, &end, 10);
    if (!g_ascii_isdigit(num[0]) || *end != '\0' || strlen(num) > 10 || value > G_MAXUINT32) {
        report(file, line, "[%s]: '%s' is not a number", header, num);
        which = -1;
    } else if (which <= SIPGUIDE_DIAM_SH && (value < 1000 || value > 5999)) {
        report(file, line, "[%s]: a result code has 1 to 5 as its thousands digit (RFC 6733 \xc2\xa7" "7.1)",
               header);
        which = -1;
    } else {
        *code = (unsigned)value;
    }
    g_strfreev(words);
    return which;
}

static void
load_diameter(const char *data_dir)
{
    file_t *f;
    guint i, j;
    int t;
    unsigned last[SIPGUIDE_DIAM_COUNT] = { 0 };
    gboolean any[SIPGUIDE_DIAM_COUNT] = { FALSE };

    for (t = 0; t < SIPGUIDE_DIAM_COUNT; t++)
        diam[t] = g_array_new(FALSE, TRUE, sizeof(gdiam_t));
    diam_path = g_build_filename(data_dir, "diameter.txt", NULL);
    f = read_file(diam_path);
    if (f == NULL)
        return;
    for (i = 0; i < f->sections->len; i++) {
        section_t *s = g_ptr_array_index(f->sections, i);
        gdiam_t e;
        gboolean duplicate = FALSE;
        unsigned code = 0;
        int which = parse_diam_header(f->path, s->line, s->header, &code);

        if (which < 0)
            continue;
        for (j = 0; j < diam[which]->len; j++) {
            gdiam_t *o = &g_array_index(diam[which], gdiam_t, j);
            if (o->code == code) {
                report(f->path, s->line, "[%s] appears twice (first at line %d)", s->header, o->line);
                duplicate = TRUE;
            }
        }
        if (!duplicate && any[which] && code < last[which])
            report(f->path, s->line, "[%s] is out of order: the values of a table must ascend (it follows %u)",
                   s->header, last[which]);
        memset(&e, 0, sizeof(e));
        e.code = code;
        e.line = s->line;
        for (j = 0; j < s->pairs->len; j++) {
            pair_t *p = g_ptr_array_index(s->pairs, j);
            const char *v = p->value->str;
            char **slot = strcmp(p->key, "name") == 0 ? &e.name
                        : strcmp(p->key, "meaning") == 0 ? &e.meaning
                        : strcmp(p->key, "sip") == 0 ? &e.sip
                        : strcmp(p->key, "ref") == 0 ? &e.ref
                        : strcmp(p->key, "outcome") == 0 ? &e.outcome
                        : strcmp(p->key, "after-success") == 0 ? &e.after_success : NULL;
            gboolean ok;

            if (slot == NULL) {
                report(f->path, p->line, "unknown key '%s' (a Diameter value has name, meaning, sip, ref, "
                       "outcome and after-success)", p->key);
                continue;
            }
            if ((slot == &e.outcome || slot == &e.after_success) && which > SIPGUIDE_DIAM_SH) {
                report(f->path, p->line, "'%s' belongs to a result code, not to [%s]", p->key,
                       diam_table_names[which]);
                continue;
            }
            if (*slot != NULL) {
                report(f->path, p->line, "'%s' is set twice in this section", p->key);
                continue;
            }
            if (slot == &e.name)
                ok = *v != '\0' ? check_diam_name(f->path, p->line, v)
                                : check_diam_text(f->path, p->line, p->key, v);
            else if (slot == &e.ref)
                ok = *v != '\0' ? check_diam_ref(f->path, p->line, v)
                                : check_diam_text(f->path, p->line, p->key, v);
            else if (slot == &e.outcome)
                ok = *v != '\0' ? check_diam_outcome(f->path, p->line, v)
                                : check_diam_text(f->path, p->line, p->key, v);
            else
                ok = check_diam_text(f->path, p->line, p->key, v);
            *slot = g_strdup(ok ? v : "");
        }
        if (e.name == NULL)
            report(f->path, s->line, "[%s] has no 'name'", s->header);
        if (e.meaning == NULL)
            report(f->path, s->line, "[%s] has no 'meaning'", s->header);
        if (e.ref == NULL)
            report(f->path, s->line, "[%s] has no 'ref'", s->header);
        if (duplicate)
            continue;
        if (!any[which] || code > last[which])
            last[which] = code;
        any[which] = TRUE;
        /* Keep each table sorted even when the data is not, so that the
         * checks after this one see every value once. */
        for (j = 0; j < diam[which]->len && g_array_index(diam[which], gdiam_t, j).code < code; j++)
            ;
        g_array_insert_val(diam[which], j, e);
    }
    for (t = 0; t < SIPGUIDE_DIAM_COUNT; t++) {
        if (diam[t]->len == 0)
            report(f->path, 0, "table [%s] has no value", diam_table_names[t]);
    }
}

/* References between entries can only be checked once all are read. */
static void
check_related(const gsection_t *s, int own)
{
    guint i;

    for (i = 0; i < s->related_codes->len; i++) {
        int rc = g_array_index(s->related_codes, int, i);
        int line = g_array_index(s->related_lines, int, i);
        if (rc == own)
            report(s->file, line, "'related' points to the code itself (%d)", rc);
        else if (codes[rc] == NULL)
            report(s->file, line, "'related' points to %d, which has no entry", rc);
        else if (!codes[rc]->registered)
            report(s->file, line, "'related' points to %d, which is not a registered code", rc);
    }
}

static void
check_methods_known(const char *file, int line, GPtrArray *names, const char *what)
{
    guint i;

    for (i = 0; i < names->len; i++) {
        const char *m = g_ptr_array_index(names, i);
        if (method_base(m) == NULL)
            report(file, line, "%s names %s, which has no rule in %s", what, m, methods_path);
        else if (strcmp(m, "ACK") == 0)
            report(file, line, "%s names ACK, which is never answered", what);
    }
}

static gboolean
names_method(GPtrArray *names, const char *method)
{
    guint i;

    for (i = 0; i < names->len; i++) {
        if (strcmp(g_ptr_array_index(names, i), method) == 0)
            return TRUE;
    }
    return FALSE;
}

static gboolean
same_string(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static gboolean
same_qualifiers(const gselector_t *a, const gselector_t *b)
{
    return a->in_dialog == b->in_dialog && a->sdp == b->sdp && a->t38 == b->t38
           && a->credentials == b->credentials && same_string(a->event, b->event) && a->expires_zero == b->expires_zero
           && a->max_forwards_zero == b->max_forwards_zero && a->aka == b->aka
           && a->stale == b->stale && same_string(a->alt_service, b->alt_service)
           && a->own_phrase == b->own_phrase;
}

static void
check_selectors(gcode_t *e)
{
    guint i, j, k, l;

    check_methods_known(e->base.file, e->answers_line, e->answers, "'answers'");
    for (i = 0; i < e->variants->len; i++) {
        gsection_t *v = g_ptr_array_index(e->variants, i);
        check_methods_known(v->file, v->line, v->sel.methods, "the section");
        /* An outcome is that of a call (an initial INVITE) or of a
         * registration: a section naming methods must name that one. */
        if (v->call_outcome != SIPGUIDE_NONE && (v->sel.other || (v->sel.methods->len > 0
                                                 && !names_method(v->sel.methods, "INVITE"))))
            report(v->file, v->line, "[%d %s] sets 'call-outcome' but does not apply to INVITE",
                   e->code, v->method);
        if (v->reg_outcome != SIPGUIDE_NONE && (v->sel.other || (v->sel.methods->len > 0
                                                && !names_method(v->sel.methods, "REGISTER"))))
            report(v->file, v->line, "[%d %s] sets 'registration-outcome' but does not apply to REGISTER",
                   e->code, v->method);
        if (v->sel.other && e->answers->len == 0)
            report(v->file, v->line, "[%d other] never applies: code %d has no 'answers' list",
                   e->code, e->code);
        for (j = 0; j < i; j++) {
            gsection_t *w = g_ptr_array_index(e->variants, j);
            if (v->sel.other || w->sel.other || !same_qualifiers(&v->sel, &w->sel))
                continue;
            if (v->sel.methods->len == 0 && w->sel.methods->len == 0)
                report(v->file, v->line, "[%d %s] overlaps [%d %s] (line %d)", e->code, v->method,
                       e->code, w->method, w->line);
            for (k = 0; k < v->sel.methods->len; k++) {
                for (l = 0; l < w->sel.methods->len; l++) {
                    if (strcmp(g_ptr_array_index(v->sel.methods, k), g_ptr_array_index(w->sel.methods, l)) == 0)
                        report(v->file, v->line, "[%d %s] overlaps [%d %s] (line %d) for %s", e->code,
                               v->method, e->code, w->method, w->line,
                               (char *)g_ptr_array_index(v->sel.methods, k));
                }
            }
        }
    }
}

/* An IMS statement needs a 3GPP reference with its clause: a section that
 * names a procedure other than 'any', or an element other than 'any' and
 * 'proxy' (any SIP proxy, inside IMS or not), must carry an ims-ref with a
 * '§'.  A method section without references of its own shows those of its
 * code section and may rely on their clause; one with its own list shows
 * only that list, so the clause must be in it. */
static void
check_clause_section(const gsection_t *s, const gsection_t *base, int code)
{
    int any_p = vocab_find(SIPGUIDE_VOCAB_PROCEDURE, "any");
    int any_e = vocab_find(SIPGUIDE_VOCAB_ELEMENT, "any");
    int proxy_e = vocab_find(SIPGUIDE_VOCAB_ELEMENT, "proxy");
    gboolean ims = FALSE;
    guint i;

    for (i = 0; i < s->procedures->len; i++)
        ims |= g_array_index(s->procedures, unsigned char, i) != any_p;
    for (i = 0; i < s->elements->len; i++)
        ims |= g_array_index(s->elements, unsigned char, i) != any_e
               && g_array_index(s->elements, unsigned char, i) != proxy_e;
    if (!ims || has_clause(s->ims_refs)
        || (base != NULL && s->ims_refs->len == 0 && has_clause(base->ims_refs)))
        return;
    if (s->method != NULL)
        report(s->file, s->line, "[%d %s] names an IMS procedure or element but no 'ims-ref' with a clause (\xc2\xa7)",
               code, s->method);
    else
        report(s->file, s->line, "code %d names an IMS procedure or element but no 'ims-ref' with a clause (\xc2\xa7)",
               code);
}

static void
check_clauses(void)
{
    int c;
    guint i;

    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        if (codes[c] == NULL)
            continue;
        check_clause_section(&codes[c]->base, NULL, c);
        for (i = 0; i < codes[c]->variants->len; i++)
            check_clause_section(g_ptr_array_index(codes[c]->variants, i), &codes[c]->base, c);
    }
}

static void
check_references(void)
{
    int c;
    guint i;

    for (c = 1; c <= 6; c++) {
        int h = classes[c].handled_as;
        if (h != 0 && (codes[h] == NULL || !codes[h]->registered))
            report(classes_path, classes[c].handled_as_line,
                   "'handled-as' points to %d, which has no registered entry", h);
    }

    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        if (codes[c] == NULL)
            continue;
        check_related(&codes[c]->base, c);
        for (i = 0; i < codes[c]->variants->len; i++)
            check_related(g_ptr_array_index(codes[c]->variants, i), c);
        check_selectors(codes[c]);
    }
}

/* The coverage rules of a complete knowledge base. */
static void
check_complete_section(const gsection_t *s, int code, gboolean is_variant)
{
    const char *what = is_variant ? "method section" : "code";
    char label[64];

    if (is_variant)
        g_snprintf(label, sizeof(label), "[%d %s]", code, s->method);
    else
        g_snprintf(label, sizeof(label), "%d", code);
    if (is_variant) {
        if (s->set & SIPGUIDE_KEY_HINT && s->hints->len < 2)
            report(s->file, s->line, "%s %s replaces the hints with fewer than 2", what, label);
        if (!(s->set & SIPGUIDE_KEY_MEANING) && !(s->set & SIPGUIDE_KEY_HINT))
            report(s->file, s->line, "%s %s changes neither meaning nor hints", what, label);
        return;
    }
    if (s->category == SIPGUIDE_NONE)
        report(s->file, s->line, "%s %s has no 'category'", what, label);
    if (s->scope == SIPGUIDE_NONE)
        report(s->file, s->line, "%s %s has no 'scope'", what, label);
    if (s->retry->len == 0)
        report(s->file, s->line, "%s %s has no 'retry'", what, label);
    if (s->elements->len == 0)
        report(s->file, s->line, "%s %s has no 'element'", what, label);
    if (s->headers == NULL)
        report(s->file, s->line, "%s %s has no 'headers'", what, label);
    if (s->hints->len < 2 || s->hints->len > 5)
        report(s->file, s->line, "%s %s has %u hints; 2 to 5 are required", what, label, s->hints->len);
    if (s->causes->len < 1 || s->causes->len > 5)
        report(s->file, s->line, "%s %s has %u causes; 1 to 5 are required", what, label, s->causes->len);
    if (s->flow == NULL)
        report(s->file, s->line, "%s %s has no 'flow'", what, label);
    if (s->body == NULL)
        report(s->file, s->line, "%s %s has no 'body'", what, label);
}

static void
check_complete(void)
{
    int c;
    guint i;

    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        if (codes[c] == NULL || !codes[c]->registered)
            continue;
        check_complete_section(&codes[c]->base, c, FALSE);
        if (codes[c]->answers_line == 0)
            report(codes[c]->base.file, codes[c]->base.line, "code %d has no 'answers'", c);
        else if (codes[c]->answers->len > 0) {
            gboolean other = FALSE;
            for (i = 0; i < codes[c]->variants->len; i++) {
                gsection_t *v = g_ptr_array_index(codes[c]->variants, i);
                other |= v->sel.other && (v->set & SIPGUIDE_KEY_MEANING);
            }
            if (!other)
                report(codes[c]->base.file, codes[c]->base.line,
                       "code %d answers only some methods but has no [%d other] with a 'meaning'", c, c);
        }
        for (i = 0; i < codes[c]->variants->len; i++)
            check_complete_section(g_ptr_array_index(codes[c]->variants, i), c, TRUE);
    }
}

/* Each line of FILE is "CODE" (a registered code that must have an entry)
 * or "CODE METHOD" (a method section that must exist). */
static void
check_required(const char *path)
{
    char *contents = NULL;
    char **lines;
    int i;
    gboolean listed[SIPGUIDE_CODE_MAX + 1] = { FALSE };

    if (!g_file_get_contents(path, &contents, NULL, NULL)) {
        report(path, 0, "cannot read");
        return;
    }
    lines = g_strsplit(contents, "\n", -1);
    for (i = 0; lines[i] != NULL; i++) {
        char *method = NULL;
        char *l = g_strstrip(lines[i]);
        int code;
        if (*l == '\0' || *l == '#')
            continue;
        code = parse_code_header(path, i + 1, l, &method, NULL);
        if (code < 0)
            continue;
        if (codes[code] == NULL) {
            report(path, i + 1, "code %d has no entry in data/", code);
        } else if (method == NULL) {
            listed[code] = TRUE;
            if (!codes[code]->registered)
                report(codes[code]->base.file, codes[code]->base.line,
                       "code %d is registered but marked 'registered = no'", code);
        } else {
            guint j;
            gboolean found = FALSE;
            for (j = 0; j < codes[code]->variants->len; j++) {
                gsection_t *v = g_ptr_array_index(codes[code]->variants, j);
                if (strcmp(v->method, method) == 0)
                    found = TRUE;
            }
            if (!found)
                report(path, i + 1, "method section [%d %s] is missing in data/", code, method);
        }
        g_free(method);
    }
    for (i = SIPGUIDE_CODE_MIN; i <= SIPGUIDE_CODE_MAX; i++) {
        if (codes[i] != NULL && codes[i]->registered && !listed[i])
            report(codes[i]->base.file, codes[i]->base.line,
                   "code %d is marked registered but is not in %s", i, path);
    }
    g_strfreev(lines);
    g_free(contents);
}

/* ---------------------------------------------------------------------- */
/* C output */

static void
c_string(GString *out, const char *s)
{
    if (s == NULL) {
        g_string_append(out, "NULL");
        return;
    }
    g_string_append_c(out, '"');
    for (; *s; s++) {
        switch (*s) {
        case '"':  g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '?':  g_string_append(out, "\\?"); break;   /* no trigraphs */
        default:   g_string_append_c(out, *s); break;
        }
    }
    g_string_append_c(out, '"');
}

static void
c_terms(GString *out, const char *name, GArray *list)
{
    guint i;

    if (list->len == 0)
        return;
    g_string_append_printf(out, "static const unsigned char %s[] = {", name);
    for (i = 0; i < list->len; i++)
        g_string_append_printf(out, "%s%u", i ? ", " : " ", g_array_index(list, unsigned char, i));
    g_string_append(out, " };\n");
}

static void
c_texts(GString *out, const char *name, GPtrArray *list)
{
    guint i;

    if (list->len == 0)
        return;
    g_string_append_printf(out, "static const char *const %s[] = {\n", name);
    for (i = 0; i < list->len; i++) {
        g_string_append(out, "    ");
        c_string(out, g_ptr_array_index(list, i));
        g_string_append(out, ",\n");
    }
    g_string_append(out, "};\n");
}

/* The arrays a section points to, named after PREFIX. */
static void
c_section_arrays(GString *out, const char *prefix, const gsection_t *s)
{
    char name[96];
    guint i;

    g_snprintf(name, sizeof(name), "%s_retry", prefix);
    c_terms(out, name, s->retry);
    g_snprintf(name, sizeof(name), "%s_procedures", prefix);
    c_terms(out, name, s->procedures);
    g_snprintf(name, sizeof(name), "%s_elements", prefix);
    c_terms(out, name, s->elements);
    g_snprintf(name, sizeof(name), "%s_ims_refs", prefix);
    c_texts(out, name, s->ims_refs);
    g_snprintf(name, sizeof(name), "%s_hints", prefix);
    c_texts(out, name, s->hints);
    g_snprintf(name, sizeof(name), "%s_causes", prefix);
    c_texts(out, name, s->causes);
    g_snprintf(name, sizeof(name), "%s_methods", prefix);
    c_texts(out, name, s->sel.methods);
    if (s->related_texts->len > 0) {
        g_string_append_printf(out, "static const sipguide_related_t %s_related[] = {\n", prefix);
        for (i = 0; i < s->related_texts->len; i++) {
            g_string_append_printf(out, "    { %d, ", g_array_index(s->related_codes, int, i));
            c_string(out, g_ptr_array_index(s->related_texts, i));
            g_string_append(out, " },\n");
        }
        g_string_append(out, "};\n");
    }
}

static void
c_list_ref(GString *out, const char *prefix, const char *suffix, guint len)
{
    if (len == 0)
        g_string_append(out, "{ 0, NULL }");
    else
        g_string_append_printf(out, "{ %u, %s_%s }", len, prefix, suffix);
}

static const char *
c_tri(sipguide_tri_t t)
{
    return t == SIPGUIDE_TRI_YES ? "SIPGUIDE_TRI_YES" : t == SIPGUIDE_TRI_NO ? "SIPGUIDE_TRI_NO"
                                                                              : "SIPGUIDE_TRI_UNKNOWN";
}

static void
c_selector(GString *out, const char *prefix, const gselector_t *sel)
{
    g_string_append(out, "{ ");
    if (sel->methods->len > 0)
        g_string_append_printf(out, "%u, %s_methods", sel->methods->len, prefix);
    else
        g_string_append(out, "0, NULL");
    g_string_append_printf(out, ", %s, %s, ", sel->other ? "TRUE" : "FALSE", c_tri(sel->in_dialog));
    c_string(out, sel->event);
    g_string_append_printf(out, ", %s, %s, %s, %s, %s, %s, %s, ", c_tri(sel->sdp), c_tri(sel->t38),
                           c_tri(sel->credentials),
                           c_tri(sel->expires_zero), c_tri(sel->max_forwards_zero), c_tri(sel->aka),
                           c_tri(sel->stale));
    c_string(out, sel->alt_service);
    g_string_append_printf(out, ", %s }", c_tri(sel->own_phrase));
}

static void
c_section(GString *out, const char *prefix, const gsection_t *s)
{
    g_string_append(out, "{ ");
    c_string(out, s->method);
    g_string_append(out, ", ");
    c_selector(out, prefix, &s->sel);
    g_string_append_printf(out, ", 0x%04x,\n      ", s->set);
    c_string(out, s->meaning);
    g_string_append_printf(out, ",\n      %d, %d, %d, ", s->category, s->scope, s->severity);
    c_list_ref(out, prefix, "retry", s->retry->len);
    g_string_append(out, ", ");
    c_list_ref(out, prefix, "procedures", s->procedures->len);
    g_string_append(out, ", ");
    c_list_ref(out, prefix, "elements", s->elements->len);
    g_string_append(out, ",\n      ");
    c_list_ref(out, prefix, "ims_refs", s->ims_refs->len);
    g_string_append(out, ", ");
    c_string(out, s->headers);
    if (s->related_texts->len > 0)
        g_string_append_printf(out, ", %u, %s_related, ", s->related_texts->len, prefix);
    else
        g_string_append(out, ", 0, NULL, ");
    c_list_ref(out, prefix, "hints", s->hints->len);
    g_string_append(out, ",\n      ");
    c_list_ref(out, prefix, "causes", s->causes->len);
    g_string_append(out, ", ");
    c_string(out, s->flow);
    g_string_append(out, ", ");
    c_string(out, s->body);
    g_string_append_printf(out, ", %d, %d }", s->call_outcome, s->reg_outcome);
}

static gboolean
write_c(const char *path)
{
    GString *out = g_string_new(NULL);
    GError *err = NULL;
    int v, c, count = 0;
    guint i, j;
    int index[SIPGUIDE_CODE_MAX - SIPGUIDE_CODE_MIN + 1];
    gboolean ok;

    g_string_append(out,
        "/* Generated by tools/catalog-gen.c from data/. Do not edit: edit data/ instead.\n"
        " *\n"
        " * SPDX-License-Identifier: GPL-2.0-or-later\n"
        " */\n\n"
        "#include \"sipguide-catalog-data.h\"\n\n");

    for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++) {
        g_string_append_printf(out, "static const sipguide_term_t vocab_%d[] = {\n", v);
        for (i = 0; i < vocab[v]->len; i++) {
            term_t *t = g_ptr_array_index(vocab[v], i);
            g_string_append(out, "    { ");
            c_string(out, t->token);
            g_string_append(out, ", ");
            c_string(out, t->description);
            g_string_append(out, " },\n");
        }
        g_string_append(out, "};\n");
    }
    g_string_append(out, "\nconst sipguide_term_t *const sipguide_data_vocab[SIPGUIDE_VOCAB_COUNT] = {\n");
    for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++)
        g_string_append_printf(out, "    vocab_%d,  /* [%s] */\n", v, vocab_names[v]);
    g_string_append(out, "};\n\nconst unsigned sipguide_data_vocab_size[SIPGUIDE_VOCAB_COUNT] = {\n");
    for (v = 0; v < SIPGUIDE_VOCAB_COUNT; v++)
        g_string_append_printf(out, "    %u,\n", vocab[v]->len);
    g_string_append(out, "};\n\n");

    for (c = 1; c <= 6; c++) {
        char prefix[32];
        g_snprintf(prefix, sizeof(prefix), "class%d", c);
        c_section_arrays(out, prefix, &classes[c].s);
    }
    g_string_append(out, "\nconst sipguide_class_t sipguide_data_classes[7] = {\n    { NULL, NULL, 0, -1, -1, { 0, NULL }, -1, -1 },\n");
    for (c = 1; c <= 6; c++) {
        char prefix[32];
        g_snprintf(prefix, sizeof(prefix), "class%d", c);
        g_string_append(out, "    { ");
        c_string(out, classes[c].name);
        g_string_append(out, ",\n      ");
        c_string(out, classes[c].s.meaning);
        g_string_append_printf(out, ",\n      %d, %d, %d, ", classes[c].handled_as,
                               classes[c].s.scope, classes[c].s.severity);
        c_list_ref(out, prefix, "retry", classes[c].s.retry->len);
        g_string_append_printf(out, ", %d, %d },\n", classes[c].s.call_outcome, classes[c].s.reg_outcome);
    }
    g_string_append(out, "};\n\n");

    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        gcode_t *e = codes[c];
        char prefix[48];
        if (e == NULL)
            continue;
        g_snprintf(prefix, sizeof(prefix), "c%d", c);
        c_section_arrays(out, prefix, &e->base);
        g_snprintf(prefix, sizeof(prefix), "c%d_answers", c);
        c_texts(out, prefix, e->answers);
        g_snprintf(prefix, sizeof(prefix), "c%d", c);
        for (i = 0; i < e->variants->len; i++) {
            g_snprintf(prefix, sizeof(prefix), "c%d_v%u", c, i);
            c_section_arrays(out, prefix, g_ptr_array_index(e->variants, i));
        }
        if (e->variants->len > 0) {
            g_string_append_printf(out, "static const sipguide_section_t c%d_variants[] = {\n", c);
            for (i = 0; i < e->variants->len; i++) {
                g_snprintf(prefix, sizeof(prefix), "c%d_v%u", c, i);
                g_string_append(out, "    ");
                c_section(out, prefix, g_ptr_array_index(e->variants, i));
                g_string_append(out, ",\n");
            }
            g_string_append(out, "};\n");
        }
        g_string_append(out, "\n");
    }

    g_string_append(out, "const sipguide_code_t sipguide_data_codes[] = {\n");
    for (i = 0; i < G_N_ELEMENTS(index); i++)
        index[i] = -1;
    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        gcode_t *e = codes[c];
        char prefix[48];
        if (e == NULL)
            continue;
        index[c - SIPGUIDE_CODE_MIN] = count++;
        g_snprintf(prefix, sizeof(prefix), "c%d", c);
        g_string_append_printf(out, "    { %d, %s, ", c, e->registered ? "TRUE" : "FALSE");
        c_string(out, e->phrase);
        g_string_append(out, ", ");
        c_string(out, e->rfc);
        g_string_append(out, ", ");
        if (e->answers->len > 0)
            g_string_append_printf(out, "{ %u, c%d_answers }", e->answers->len, c);
        else
            g_string_append(out, "{ 0, NULL }");
        g_string_append(out, ",\n      ");
        c_section(out, prefix, &e->base);
        if (e->variants->len > 0)
            g_string_append_printf(out, ",\n      %u, c%d_variants },\n", e->variants->len, c);
        else
            g_string_append(out, ",\n      0, NULL },\n");
    }
    if (count == 0)
        g_string_append(out, "    { 0, FALSE, NULL, NULL, { 0, NULL }, { NULL, { 0, NULL, FALSE, SIPGUIDE_TRI_UNKNOWN, NULL, SIPGUIDE_TRI_UNKNOWN }, 0, NULL, -1, -1, -1, { 0, NULL }, { 0, NULL }, { 0, NULL }, { 0, NULL }, NULL, 0, NULL, { 0, NULL }, { 0, NULL }, NULL, NULL }, 0, NULL }\n");
    g_string_append(out, "};\n\n");
    g_string_append_printf(out, "const unsigned sipguide_data_code_count = %d;\n\n", count);
    g_string_append(out, "const short sipguide_data_code_index[SIPGUIDE_CODE_MAX - SIPGUIDE_CODE_MIN + 1] = {\n");
    for (i = 0; i < G_N_ELEMENTS(index); i += 10) {
        g_string_append(out, "   ");
        for (j = i; j < i + 10 && j < G_N_ELEMENTS(index); j++)
            g_string_append_printf(out, " %d,", index[j]);
        g_string_append_printf(out, "  /* %u */\n", i + SIPGUIDE_CODE_MIN);
    }
    g_string_append(out, "};\n");

    for (i = 0; i < methods->len; i++) {
        gmethod_t *m = g_ptr_array_index(methods, i);
        char prefix[32];
        g_snprintf(prefix, sizeof(prefix), "m%u", i);
        g_snprintf(prefix, sizeof(prefix), "m%u_methods", i);
        c_texts(out, prefix, m->sel.methods);
        g_snprintf(prefix, sizeof(prefix), "m%u_procedures", i);
        c_terms(out, prefix, m->procedures);
        g_snprintf(prefix, sizeof(prefix), "m%u_ims_refs", i);
        c_texts(out, prefix, m->ims_refs);
    }
    g_string_append(out, "\nconst sipguide_method_t sipguide_data_methods[] = {\n");
    for (i = 0; i < methods->len; i++) {
        gmethod_t *m = g_ptr_array_index(methods, i);
        char prefix[32];
        g_snprintf(prefix, sizeof(prefix), "m%u", i);
        g_string_append(out, "    { ");
        c_string(out, m->label);
        g_string_append(out, ", ");
        c_selector(out, prefix, &m->sel);
        g_string_append(out, ",\n      ");
        c_list_ref(out, prefix, "procedures", m->procedures->len);
        g_string_append(out, ", ");
        c_list_ref(out, prefix, "ims_refs", m->ims_refs->len);
        g_string_append_printf(out, ", %s, %s, ", m->offer ? "TRUE" : "FALSE", c_tri(m->in_dialog));
        c_string(out, m->note);
        g_string_append(out, " },\n");
    }
    if (methods->len == 0)
        g_string_append(out, "    { NULL, { 0, NULL, FALSE, SIPGUIDE_TRI_UNKNOWN, NULL, SIPGUIDE_TRI_UNKNOWN, SIPGUIDE_TRI_UNKNOWN }, { 0, NULL }, { 0, NULL }, FALSE, SIPGUIDE_TRI_UNKNOWN, NULL }\n");
    g_string_append_printf(out, "};\nconst unsigned sipguide_data_method_count = %u;\n", methods->len);
    g_string_append_printf(out, "const int sipguide_data_category_cancelled = %d;\n",
                           vocab_find(SIPGUIDE_VOCAB_CATEGORY, "cancelled"));

    g_string_append(out, "\nconst char *const sipguide_data_texts[SIPGUIDE_TEXT_COUNT] = {\n");
    for (i = 0; i < SIPGUIDE_TEXT_COUNT; i++) {
        g_string_append(out, "    ");
        c_string(out, texts[i]);
        g_string_append(out, ",\n");
    }
    g_string_append(out, "};\n\n");

    for (v = 0; v < SIPGUIDE_CAUSES_COUNT; v++) {
        const table_def_t *d = &table_defs[v];
        for (i = 0; i < d->size; i++) {
            gcause_t *c = &causes[v][i];
            if (c->name == NULL || c->codes->len == 0)
                continue;
            g_string_append_printf(out, "static const unsigned short cause%d_%u[] = {", v, i);
            for (j = 0; j < c->codes->len; j++)
                g_string_append_printf(out, "%s%u", j ? ", " : " ", g_array_index(c->codes, unsigned short, j));
            g_string_append(out, " };\n");
        }
        g_string_append_printf(out, "static const sipguide_cause_t causes%d[%u] = {\n", v, d->size);
        for (i = 0; i < d->size; i++) {
            gcause_t *c = &causes[v][i];
            if (c->name == NULL)
                continue;
            g_string_append_printf(out, "    [%u] = { ", i);
            c_string(out, c->name);
            if (c->codes->len > 0)
                g_string_append_printf(out, ", %u, cause%d_%u },\n", c->codes->len, v, i);
            else
                g_string_append(out, ", 0, NULL },\n");
        }
        g_string_append(out, "};\n");
    }
    g_string_append(out, "\nconst sipguide_cause_t *const sipguide_data_causes[SIPGUIDE_CAUSES_COUNT] = {\n");
    for (v = 0; v < SIPGUIDE_CAUSES_COUNT; v++)
        g_string_append_printf(out, "    causes%d,\n", v);
    g_string_append(out, "};\nconst unsigned sipguide_data_causes_base[SIPGUIDE_CAUSES_COUNT] = {");
    for (v = 0; v < SIPGUIDE_CAUSES_COUNT; v++)
        g_string_append_printf(out, "%s%u", v ? ", " : " ", table_defs[v].base);
    g_string_append(out, " };\nconst unsigned sipguide_data_causes_size[SIPGUIDE_CAUSES_COUNT] = {");
    for (v = 0; v < SIPGUIDE_CAUSES_COUNT; v++)
        g_string_append_printf(out, "%s%u", v ? ", " : " ", table_defs[v].size);
    g_string_append_printf(out, " };\nconst unsigned sipguide_data_q850_unlisted = %d;\n", q850_unlisted);
    g_string_append(out, "const char *const sipguide_data_q850_unlisted_name = ");
    c_string(out, q850_unlisted_name);
    g_string_append(out, ";\n");

    for (v = 0; v < SIPGUIDE_DIAM_COUNT; v++) {
        if (diam[v]->len == 0)
            continue;
        g_string_append_printf(out, "\n/* [%s] */\nstatic const sipguide_diam_entry_t diam%d[] = {\n",
                               diam_table_names[v], v);
        for (i = 0; i < diam[v]->len; i++) {
            gdiam_t *e = &g_array_index(diam[v], gdiam_t, i);
            g_string_append_printf(out, "    { %u, ", e->code);
            c_string(out, e->name);
            g_string_append(out, ",\n      ");
            c_string(out, e->meaning);
            g_string_append(out, ",\n      ");
            c_string(out, e->sip);
            g_string_append(out, ",\n      ");
            c_string(out, e->ref);
            g_string_append(out, ",\n      ");
            c_string(out, e->outcome);
            g_string_append(out, ",\n      ");
            c_string(out, e->after_success);
            g_string_append(out, " },\n");
        }
        g_string_append(out, "};\n");
    }
    g_string_append(out, "\nconst sipguide_diam_entry_t *const sipguide_data_diam[SIPGUIDE_DIAM_COUNT] = {\n");
    for (v = 0; v < SIPGUIDE_DIAM_COUNT; v++) {
        if (diam[v]->len == 0)
            g_string_append(out, "    NULL,\n");
        else
            g_string_append_printf(out, "    diam%d,\n", v);
    }
    g_string_append(out, "};\nconst unsigned sipguide_data_diam_count[SIPGUIDE_DIAM_COUNT] = {");
    for (v = 0; v < SIPGUIDE_DIAM_COUNT; v++)
        g_string_append_printf(out, "%s%u", v ? ", " : " ", diam[v]->len);
    g_string_append(out, " };\n");

    ok = g_file_set_contents(path, out->str, out->len, &err);
    if (!ok) {
        report(path, 0, "cannot write: %s", err->message);
        g_error_free(err);
    }
    g_string_free(out, TRUE);
    return ok;
}

/* ---------------------------------------------------------------------- */
/* Markdown output */

static void
md_text(GString *out, const char *s, gboolean in_table)
{
    for (; s != NULL && *s; s++) {
        if (in_table && *s == '|')
            g_string_append(out, "\\|");
        else if (*s == '*' || *s == '_' || *s == '<' || *s == '`')
            g_string_append_printf(out, "\\%c", *s);
        else
            g_string_append_c(out, *s);
    }
}

static void
md_terms(GString *out, sipguide_vocab_t v, GArray *list)
{
    guint i;

    for (i = 0; i < list->len; i++) {
        term_t *t = g_ptr_array_index(vocab[v], g_array_index(list, unsigned char, i));
        g_string_append_printf(out, "%s%s", i ? ", " : "", t->token);
    }
}

static const char *
token_of(sipguide_vocab_t v, int idx)
{
    if (idx == SIPGUIDE_NONE)
        return "";
    return ((term_t *)g_ptr_array_index(vocab[v], idx))->token;
}

static void
md_section(GString *out, const gsection_t *s)
{
    guint i;

    if (s->meaning) {
        g_string_append(out, "\n");
        md_text(out, s->meaning, FALSE);
        g_string_append(out, "\n\n");
    } else {
        g_string_append(out, "\n");
    }
    if (s->flow) {
        g_string_append(out, "- In the flow: ");
        md_text(out, s->flow, FALSE);
        g_string_append(out, "\n");
    }
    if (s->body) {
        g_string_append(out, "- Body to expect: ");
        md_text(out, s->body, FALSE);
        g_string_append(out, "\n");
    }
    if (s->category != SIPGUIDE_NONE)
        g_string_append_printf(out, "- Category: %s\n", token_of(SIPGUIDE_VOCAB_CATEGORY, s->category));
    if (s->scope != SIPGUIDE_NONE)
        g_string_append_printf(out, "- Scope: %s\n", token_of(SIPGUIDE_VOCAB_SCOPE, s->scope));
    if (s->retry->len) {
        g_string_append(out, "- Retry: ");
        md_terms(out, SIPGUIDE_VOCAB_RETRY, s->retry);
        g_string_append(out, "\n");
    }
    if (s->severity != SIPGUIDE_NONE)
        g_string_append_printf(out, "- Severity: %s\n", token_of(SIPGUIDE_VOCAB_SEVERITY, s->severity));
    if (s->call_outcome != SIPGUIDE_NONE)
        g_string_append_printf(out, "- Call outcome (final response to an initial INVITE): %s\n",
                               token_of(SIPGUIDE_VOCAB_CALL_OUTCOME, s->call_outcome));
    if (s->reg_outcome != SIPGUIDE_NONE)
        g_string_append_printf(out, "- Registration outcome (final response to REGISTER): %s\n",
                               token_of(SIPGUIDE_VOCAB_REG_OUTCOME, s->reg_outcome));
    if (s->procedures->len) {
        g_string_append(out, s->method == NULL ? "- IMS procedures (added to the method's): "
                                               : "- IMS procedures (added for these requests): ");
        md_terms(out, SIPGUIDE_VOCAB_PROCEDURE, s->procedures);
        g_string_append(out, "\n");
    }
    if (s->elements->len) {
        g_string_append(out, "- Typically sent by: ");
        md_terms(out, SIPGUIDE_VOCAB_ELEMENT, s->elements);
        g_string_append(out, "\n");
    }
    for (i = 0; i < s->ims_refs->len; i++) {
        g_string_append(out, "- 3GPP reference: ");
        md_text(out, g_ptr_array_index(s->ims_refs, i), FALSE);
        g_string_append(out, "\n");
    }
    if (s->headers) {
        g_string_append(out, "- Headers to inspect: ");
        md_text(out, s->headers, FALSE);
        g_string_append(out, "\n");
    }
    for (i = 0; i < s->related_texts->len; i++) {
        int rc = g_array_index(s->related_codes, int, i);
        g_string_append_printf(out, "- Related: [%d %s](#%d): ", rc,
                               codes[rc] && codes[rc]->phrase ? codes[rc]->phrase : "", rc);
        md_text(out, g_ptr_array_index(s->related_texts, i), FALSE);
        g_string_append(out, "\n");
    }
    if (s->causes->len) {
        g_string_append(out, "\nUsual causes:\n\n");
        for (i = 0; i < s->causes->len; i++) {
            g_string_append(out, "- ");
            md_text(out, g_ptr_array_index(s->causes, i), FALSE);
            g_string_append(out, "\n");
        }
    }
    if (s->hints->len) {
        g_string_append(out, "\nChecklist:\n\n");
        for (i = 0; i < s->hints->len; i++) {
            g_string_append_printf(out, "%u. ", i + 1);
            md_text(out, g_ptr_array_index(s->hints, i), FALSE);
            g_string_append(out, "\n");
        }
    }
}

static gboolean
write_markdown(const char *path)
{
    GString *out = g_string_new(NULL);
    GError *err = NULL;
    int c;
    guint i;
    gboolean ok;

    g_string_append(out,
        "# SIP response code reference\n\n"
        "Generated from `data/` by `tools/catalog-gen.c`: do not edit this file, edit `data/`\n"
        "and run `cmake --build build --target reference`.\n\n"
        "## Classes\n\n| class | name | meaning | unknown codes handled as | scope | retry | severity |\n|---|---|---|---|---|---|---|\n");
    for (c = 1; c <= 6; c++) {
        g_string_append_printf(out, "| %dxx | ", c);
        md_text(out, classes[c].name, TRUE);
        g_string_append(out, " | ");
        md_text(out, classes[c].s.meaning, TRUE);
        g_string_append_printf(out, " | %d | %s | ", classes[c].handled_as,
                               token_of(SIPGUIDE_VOCAB_SCOPE, classes[c].s.scope));
        md_terms(out, SIPGUIDE_VOCAB_RETRY, classes[c].s.retry);
        g_string_append_printf(out, " | %s |\n", token_of(SIPGUIDE_VOCAB_SEVERITY, classes[c].s.severity));
    }

    g_string_append(out, "\n## Methods\n\nThe IMS procedure of a response comes first from the request it answers "
                    "(`data/methods.txt`); a code adds its own.\n\n"
                    "| request | procedures | 3GPP references | can carry an offer | dialog | note |\n|---|---|---|---|---|---|\n");
    for (i = 0; i < methods->len; i++) {
        gmethod_t *m = g_ptr_array_index(methods, i);
        guint j;
        g_string_append(out, "| ");
        md_text(out, m->label, TRUE);
        g_string_append(out, " | ");
        md_terms(out, SIPGUIDE_VOCAB_PROCEDURE, m->procedures);
        g_string_append(out, " | ");
        for (j = 0; j < m->ims_refs->len; j++) {
            if (j)
                g_string_append(out, "; ");
            md_text(out, g_ptr_array_index(m->ims_refs, j), TRUE);
        }
        if (qualifier_free(&m->sel))
            g_string_append_printf(out, " | %s | %s | ", m->offer ? "yes" : "no",
                                   m->in_dialog == SIPGUIDE_TRI_YES ? "inside"
                                   : m->in_dialog == SIPGUIDE_TRI_NO ? "outside" : "either");
        else
            g_string_append(out, " | | | ");
        md_text(out, m->note, TRUE);
        g_string_append(out, " |\n");
    }

    g_string_append(out, "\n## Codes\n\n| code | phrase | registered | category | answers | defined in |\n|---|---|---|---|---|---|\n");
    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        gcode_t *e = codes[c];
        if (e == NULL)
            continue;
        g_string_append_printf(out, "| [%d](#%d) | ", c, c);
        md_text(out, e->phrase, TRUE);
        g_string_append_printf(out, " | %s | %s | ", e->registered ? "yes" : "no",
                               token_of(SIPGUIDE_VOCAB_CATEGORY, e->base.category));
        if (e->answers->len == 0)
            g_string_append(out, "any");
        for (i = 0; i < e->answers->len; i++)
            g_string_append_printf(out, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(e->answers, i));
        g_string_append(out, " | ");
        md_text(out, e->rfc, TRUE);
        g_string_append(out, " |\n");
    }

    for (c = SIPGUIDE_CODE_MIN; c <= SIPGUIDE_CODE_MAX; c++) {
        gcode_t *e = codes[c];
        if (e == NULL)
            continue;
        g_string_append_printf(out, "\n<a id=\"%d\"></a>\n### %d ", c, c);
        md_text(out, e->phrase, FALSE);
        g_string_append(out, "\n\nDefined in ");
        md_text(out, e->rfc, FALSE);
        if (!e->registered)
            g_string_append(out, ". Not in the IANA registry");
        g_string_append(out, ".\n\nAnswers: ");
        if (e->answers->len == 0)
            g_string_append(out, "any method but ACK");
        else {
            for (i = 0; i < e->answers->len; i++)
                g_string_append_printf(out, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(e->answers, i));
            g_string_append(out, "; not meant for any other method (see *to other methods* below)");
        }
        g_string_append(out, ".\n");
        md_section(out, &e->base);
        for (i = 0; i < e->variants->len; i++) {
            gsection_t *v = g_ptr_array_index(e->variants, i);
            if (v->sel.other)
                g_string_append_printf(out, "\n#### %d to other methods\n", c);
            else if (v->sel.methods->len == 0)
                g_string_append_printf(out, "\n#### %d when %s\n", c, v->method);
            else
                g_string_append_printf(out, "\n#### %d to %s\n", c, v->method);
            md_section(out, v);
        }
    }

    g_string_append(out, "\n## Evidence sentences\n\nWhat the guide says about headers, bodies and transactions "
                    "(`data/evidence.txt`).\n\n| sentence | text |\n|---|---|\n");
    for (i = 0; i < SIPGUIDE_TEXT_COUNT; i++) {
        g_string_append_printf(out, "| %s | ", text_names[i]);
        md_text(out, texts[i], TRUE);
        g_string_append(out, " |\n");
    }
    {
        static const char *const titles[SIPGUIDE_CAUSES_COUNT] = {
            "Q.850 causes (RFC 3398 mapping)", "3GPP RELEASE_CAUSE", "3GPP FAILURE_CAUSE",
            "Warning codes"
        };
        for (c = 0; c < SIPGUIDE_CAUSES_COUNT; c++) {
            g_string_append_printf(out, "\n### %s\n\n| number | name | SIP codes |\n|---|---|---|\n", titles[c]);
            for (i = 0; i < table_defs[c].size; i++) {
                gcause_t *k = &causes[c][i];
                guint j;
                if (k->name == NULL)
                    continue;
                g_string_append_printf(out, "| %u | ", i + table_defs[c].base);
                md_text(out, k->name, TRUE);
                g_string_append(out, " | ");
                for (j = 0; j < k->codes->len; j++)
                    g_string_append_printf(out, "%s%u", j ? ", " : "", g_array_index(k->codes, unsigned short, j));
                g_string_append(out, " |\n");
            }
        }
        g_string_append_printf(out, "\nA Q.850 cause not listed: %d (", q850_unlisted);
        md_text(out, q850_unlisted_name, FALSE);
        g_string_append(out, ").\n");
    }

    {
        static const char *const titles[SIPGUIDE_DIAM_COUNT] = {
            "Result-Code of the base protocol (RFC 6733)",
            "Cx Experimental-Result-Code (3GPP TS 29.229)",
            "Rx Experimental-Result-Code (3GPP TS 29.214)",
            "Sh Experimental-Result-Code (3GPP TS 29.329)",
            "Rx Abort-Cause (3GPP TS 29.214)",
            "Rx Specific-Action (3GPP TS 29.214)"
        };
        g_string_append(out, "\n## Diameter values\n\nThe Diameter answers and requests that explain a SIP "
                        "failure (`data/diameter.txt`). The base Result-Code and the 3GPP "
                        "Experimental-Result-Code (Vendor-Id 10415) are separate number spaces. "
                        "*Outcome* is the outcome of the call or registration whose failure the value "
                        "explains, whatever the SIP code.\n");
        for (c = 0; c < SIPGUIDE_DIAM_COUNT; c++) {
            g_string_append_printf(out, "\n### %s\n\n| value | name | meaning | on the SIP side | reference |\n"
                                   "|---|---|---|---|---|\n", titles[c]);
            for (i = 0; i < diam[c]->len; i++) {
                gdiam_t *e = &g_array_index(diam[c], gdiam_t, i);
                g_string_append_printf(out, "| %u | ", e->code);
                md_text(out, e->name, TRUE);
                g_string_append(out, " | ");
                md_text(out, e->meaning, TRUE);
                if (e->after_success != NULL) {
                    g_string_append(out, "<br>After an earlier success for the same identity: ");
                    md_text(out, e->after_success, TRUE);
                }
                g_string_append(out, " | ");
                md_text(out, e->sip, TRUE);
                if (e->outcome != NULL)
                    g_string_append_printf(out, "%sOutcome: %s.", e->sip != NULL ? "<br>" : "",
                                           e->outcome);
                g_string_append(out, " | ");
                md_text(out, e->ref, TRUE);
                g_string_append(out, " |\n");
            }
        }
    }

    g_string_append(out, "\n## Vocabulary\n");
    for (c = 0; c < SIPGUIDE_VOCAB_COUNT; c++) {
        g_string_append_printf(out, "\n### %s\n\n| token | meaning |\n|---|---|\n", vocab_names[c]);
        for (i = 0; i < vocab[c]->len; i++) {
            term_t *t = g_ptr_array_index(vocab[c], i);
            g_string_append_printf(out, "| %s | ", t->token);
            md_text(out, t->description, TRUE);
            g_string_append(out, " |\n");
        }
    }

    ok = g_file_set_contents(path, out->str, out->len, &err);
    if (!ok) {
        report(path, 0, "cannot write: %s", err->message);
        g_error_free(err);
    }
    g_string_free(out, TRUE);
    return ok;
}

/* ---------------------------------------------------------------------- */

int
main(int argc, char **argv)
{
    const char *data_dir = NULL, *c_out = NULL, *md_out = NULL, *require = NULL;
    gboolean complete = FALSE;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data_dir = argv[++i];
        else if (strcmp(argv[i], "--c") == 0 && i + 1 < argc)
            c_out = argv[++i];
        else if (strcmp(argv[i], "--markdown") == 0 && i + 1 < argc)
            md_out = argv[++i];
        else if (strcmp(argv[i], "--require") == 0 && i + 1 < argc)
            require = argv[++i];
        else if (strcmp(argv[i], "--check-complete") == 0)
            complete = TRUE;
        else {
            fprintf(stderr, "usage: %s --data DIR [--c FILE] [--markdown FILE] "
                    "[--check-complete] [--require FILE]\n", argv[0]);
            return 2;
        }
    }
    if (data_dir == NULL) {
        fprintf(stderr, "%s: --data DIR is required\n", argv[0]);
        return 2;
    }

    load_vocabulary(data_dir);
    if (error_count == 0) {
        load_methods(data_dir);
        load_classes(data_dir);
        load_codes(data_dir);
        load_causes(data_dir);
        load_texts(data_dir);
        load_diameter(data_dir);
        check_references();
        check_clauses();
    }
    if (error_count == 0 && complete)
        check_complete();
    if (error_count == 0 && require != NULL)
        check_required(require);
    if (error_count > 0) {
        fprintf(stderr, "catalog-gen: %u error%s in %s: nothing written\n",
                error_count, error_count == 1 ? "" : "s", data_dir);
        return 1;
    }
    if (c_out != NULL && !write_c(c_out))
        return 1;
    if (md_out != NULL && !write_markdown(md_out))
        return 1;
    return 0;
}
