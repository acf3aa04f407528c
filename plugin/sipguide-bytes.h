/* sipguide-bytes.h
 * Scans of a message's bytes that test many bytes at once: the first of a
 * few byte values (a line's end, a header name's end, the delimiters of a
 * Via), whether a text is plain ASCII or a label Wireshark keeps as it is,
 * and the last bytes of a text as a word for the hashes that read a word
 * at a time.  The scans go sixteen
 * bytes at a time where SSE2 is, eight with word arithmetic elsewhere,
 * each byte tested for every value without a branch: a short line then
 * costs one branch the processor did not foresee, where a loop over its
 * bytes, or a search for each value, costs several.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_BYTES_H
#define SIPGUIDE_BYTES_H

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <wireshark.h>

#define SIPGUIDE_BYTES_ONES G_GUINT64_CONSTANT(0x0101010101010101)
#define SIPGUIDE_BYTES_HIGH G_GUINT64_CONSTANT(0x8080808080808080)

/* Up to six byte values; a shorter set repeats one of them. */
typedef struct {
    guint8 v[6];
} sipguide_byteset_t;

/* The first byte of [q, e) that is in 'set', or NULL. */
static inline const guint8 *
sipguide_find_first_of(const guint8 *q, const guint8 *e, const sipguide_byteset_t *set)
{
    const guint8 *v = set->v;

#ifdef __SSE2__
    const __m128i s0 = _mm_set1_epi8((char)v[0]), s1 = _mm_set1_epi8((char)v[1]);
    const __m128i s2 = _mm_set1_epi8((char)v[2]), s3 = _mm_set1_epi8((char)v[3]);
    const __m128i s4 = _mm_set1_epi8((char)v[4]), s5 = _mm_set1_epi8((char)v[5]);

    for (; e - q >= 16; q += 16) {
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i any = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, s0), _mm_cmpeq_epi8(b, s1)),
                                   _mm_or_si128(_mm_cmpeq_epi8(b, s2), _mm_cmpeq_epi8(b, s3)));
        int hit = _mm_movemask_epi8(_mm_or_si128(any, _mm_or_si128(_mm_cmpeq_epi8(b, s4),
                                                                    _mm_cmpeq_epi8(b, s5))));
        if (hit != 0)
            return q + __builtin_ctz((unsigned)hit);
    }
#endif
    for (; e - q >= 8; q += 8) {
        guint64 w, hit = 0;
        int i;

        memcpy(&w, q, 8);
        w = GUINT64_FROM_LE(w);         /* the first byte lowest */
        /* The lowest byte of w equal to a value zeroes that byte of x and
         * sets its high bit below; a false one can only stand above a
         * true one. */
        for (i = 0; i < 6; i++) {
            guint64 x = w ^ (SIPGUIDE_BYTES_ONES * v[i]);
            hit |= (x - SIPGUIDE_BYTES_ONES) & ~x;
        }
        hit &= SIPGUIDE_BYTES_HIGH;
        if (hit != 0)
            return q + (__builtin_ctzll(hit) >> 3);
    }
    for (; q < e; q++) {
        if (*q == v[0] || *q == v[1] || *q == v[2] || *q == v[3] || *q == v[4] || *q == v[5])
            return q;
    }
    return NULL;
}

/* The n bytes at p (n < 8) as a word, the first lowest and the rest zero.
 * With 'behind' (the 8 - n bytes before p may be read too) they are read
 * as the eight bytes that end where they end, shifted, instead of copied
 * by their count (a call to memcpy). */
static inline guint64
sipguide_bytes_tail(const guint8 *p, gsize n, gboolean behind)
{
    guint64 w = 0;

    if (n == 0)
        return 0;
    if (behind) {
        memcpy(&w, p + n - 8, 8);
        return GUINT64_FROM_LE(w) >> (8 * (8 - n));
    }
    memcpy(&w, p, n);
    return GUINT64_FROM_LE(w);
}

/* Whether p[0, len) holds only bytes 1 to 0x7f: no byte above 0x7f, no
 * NUL.  The last piece is read where the text ends, over bytes already
 * seen. */
static inline gboolean
sipguide_plain_text(const guint8 *p, gint len)
{
    gint i = 0;

#ifdef __SSE2__
    if (len >= 16) {
        const __m128i zero = _mm_setzero_si128();
        for (;; i += 16) {
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + MIN(i, len - 16)));
            if ((_mm_movemask_epi8(b) | _mm_movemask_epi8(_mm_cmpeq_epi8(b, zero))) != 0)
                return FALSE;
            if (i + 16 >= len)
                return TRUE;
        }
    }
#endif
    if (len >= 8) {
        for (;; i += 8) {
            guint64 w;
            memcpy(&w, p + MIN(i, len - 8), 8);
            if (((w | ((w - SIPGUIDE_BYTES_ONES) & ~w)) & SIPGUIDE_BYTES_HIGH) != 0)
                return FALSE;
            if (i + 8 >= len)
                return TRUE;
        }
    }
    for (; i < len; i++) {
        if ((guint8)(p[i] - 1) >= 0x7f)
            return FALSE;
    }
    return TRUE;
}

/* Whether Wireshark keeps the bytes s[0, len) of a label as they are:
 * printable ASCII, and UTF-8 characters but the C1 controls.  From 4.2 on
 * it escapes the control characters (C0, DEL as \x7F, C1) and ends a
 * label at a byte that starts no UTF-8 character; 4.0 keeps any byte,
 * and then these labels are the same too.  Sixteen bytes are tested at a
 * time where SSE2 is, the last sixteen over bytes already seen. */
static inline gboolean
sipguide_kept_in_label(const guint8 *s, size_t len)
{
    size_t i = 0;

    for (;;) {
        gunichar c;

#ifdef __SSE2__
        if (len >= 16) {
            const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
            size_t at = len - i >= 16 ? i : len - 16;
            __m128i b;
            unsigned odd;

            if (i >= len)
                return TRUE;
            /* A byte below 0x20 as a signed byte is a control or a byte of
             * a multibyte character; those before i are seen already. */
            b = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
            odd = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(b, space),
                                                           _mm_cmpeq_epi8(b, del)));
            odd &= 0xffffu << (i - at);
            if (odd == 0) {
                i = at + 16;
                continue;
            }
            i = at + (size_t)__builtin_ctz(odd);
        }
#endif
        for (; i < len && s[i] >= 0x20 && s[i] < 0x7f; i++)
            ;
        if (i >= len)
            return TRUE;
        if (s[i] < 0x80)
            return FALSE;
        c = g_utf8_get_char_validated((const gchar *)s + i, (gssize)(len - i));
        if (c == (gunichar)-1 || c == (gunichar)-2 || c <= 0x9f)
            return FALSE;
        i += (size_t)g_utf8_skip[s[i]];
    }
}

#endif /* SIPGUIDE_BYTES_H */
