/* sipguide-headers.h
 * Finds, in the bytes of one SIP message, its start line, the header
 * lines the guide reads and its body, the way Wireshark's SIP dissector
 * delimits them: full and compact names without case, folded lines,
 * several lines of one name, the blank line before the body.  Reading the
 * bytes once costs far less than asking Wireshark for an item per value.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_HEADERS_H
#define SIPGUIDE_HEADERS_H

#include <wireshark.h>

/* The headers the guide reads. */
typedef enum {
    SIPGUIDE_H_ACCEPT,
    SIPGUIDE_H_ALLOW,
    SIPGUIDE_H_AUTHORIZATION,
    SIPGUIDE_H_CALL_ID,
    SIPGUIDE_H_CONTACT,
    SIPGUIDE_H_CONTENT_ENCODING,
    SIPGUIDE_H_CONTENT_LENGTH,
    SIPGUIDE_H_CONTENT_TYPE,
    SIPGUIDE_H_CSEQ,
    SIPGUIDE_H_EVENT,
    SIPGUIDE_H_EXPIRES,
    SIPGUIDE_H_FROM,
    SIPGUIDE_H_MAX_FORWARDS,
    SIPGUIDE_H_MIN_EXPIRES,
    SIPGUIDE_H_MIN_SE,
    SIPGUIDE_H_P_CHARGING_VECTOR,
    SIPGUIDE_H_PROXY_AUTHENTICATE,
    SIPGUIDE_H_PROXY_AUTHORIZATION,
    SIPGUIDE_H_REASON,
    SIPGUIDE_H_REQUIRE,
    SIPGUIDE_H_RESPONSE_SOURCE,
    SIPGUIDE_H_RETRY_AFTER,
    SIPGUIDE_H_RSEQ,
    SIPGUIDE_H_SECURITY_SERVER,
    SIPGUIDE_H_SUBSCRIPTION_STATE,
    SIPGUIDE_H_TO,
    SIPGUIDE_H_UNSUPPORTED,
    SIPGUIDE_H_VIA,
    SIPGUIDE_H_WARNING,
    SIPGUIDE_H_WWW_AUTHENTICATE,
    SIPGUIDE_H_COUNT
} sipguide_hdr_t;

/* Header lines a message holds without allocating; more take memory from
 * the scope given to sipguide_headers_scan(). */
#define SIPGUIDE_HEADERS_INLINE 24

/* One header line; offsets from the start of the message. */
typedef struct {
    gint   line;        /* the line's first byte (its name) */
    gint   next;        /* the next line's first byte (line ends and folds included) */
    gint   value;       /* the value: after the colon and the blanks after it ... */
    gint   end;         /* ... to the end of the line, its line end excluded */
    guint  hdr;         /* sipguide_hdr_t */
    guint  same;        /* the index of the next line of the same header */
} sipguide_hline_t;

typedef enum {
    SIPGUIDE_START_OTHER,       /* neither: a continuation of an earlier message */
    SIPGUIDE_START_REQUEST,
    SIPGUIDE_START_STATUS
} sipguide_start_t;

typedef struct {
    sipguide_start_t kind;
    gint    start_len;      /* the start line without its line end */
    gint    method_len;     /* a request's method is the first method_len bytes */
    guint32 code;           /* a response's Status-Code */
    gint    cseq_method;    /* the first CSeq's method: its offset in the value, -1 none */
    gboolean cseq_seq;      /* that CSeq gives its number (sipguide_headers_cseq_method) */
    gint    body;           /* where the body starts, -1 when there is none */
    gint    body_len;
    guint   nlines;         /* lines of the headers below, in message order */
    sipguide_hline_t *lines;
    guint   count[SIPGUIDE_H_COUNT];    /* lines of each header */
    guint   first[SIPGUIDE_H_COUNT];    /* the index of its first line, when it has one */
    /* Room for the usual message. */
    sipguide_hline_t inline_lines[SIPGUIDE_HEADERS_INLINE];
} sipguide_headers_t;

/* Whether a version other than SIP/2.0 is refused, as the SIP dissector's
 * preference "strict_sip_version" says (its default: yes). */
void sipguide_headers_set_strict_version(gboolean strict);

/* Read the message p[0, len): every loop stops at len.  A message with
 * more lines than the inline room takes memory from 'scope'. */
void sipguide_headers_scan(const guint8 *p, gint len, wmem_allocator_t *scope,
                           sipguide_headers_t *h);

/* The same, read only as far as a basic guide needs: a request's start
 * line, a response's up to its first CSeq.  FALSE when it stopped there;
 * sipguide_headers_scan() then reads the rest. */
gboolean sipguide_headers_scan_basic(const guint8 *p, gint len, wmem_allocator_t *scope,
                                     sipguide_headers_t *h);

/* Where the method of a CSeq value v[0, len) starts (*method), as the SIP
 * dissector finds it: from the first letter after the number to the end
 * of the value; *seq tells whether it gives the number (something follows
 * it).  FALSE when there is no method, or one longer than the dissector
 * keeps; then it reads no further header of the message.  'scope' holds
 * a converted copy of a value that is not ASCII for the time of the call. */
gboolean sipguide_headers_cseq_method(wmem_allocator_t *scope, const guint8 *v, gint len,
                                      gint *method, gboolean *seq);

/* How long the message that starts at p[0] is, where a stream holds
 * several: to the blank line after its headers and a body of Content-Length
 * bytes (the last such header), as the SIP dissector delimits it; without
 * a blank line or Content-Length, to the end of the data. */
gint sipguide_headers_message_length(const guint8 *p, gint len);

/* The i-th line of header 'hdr' (0 = first), NULL when there is none. */
const sipguide_hline_t *sipguide_headers_nth(const sipguide_headers_t *h, sipguide_hdr_t hdr, guint i);

#endif /* SIPGUIDE_HEADERS_H */
