package io.logpipe.processor.decode.gzip;

import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Decoding tables for DEFLATE's canonical Huffman codes (RFC 1951, 3.2.2). A code is looked up by the next
 * {@code mainBits} input bits (deflate packs codes starting from their most significant bit, so the table is
 * indexed by the bit-reversed code); a code longer than that points to a subtable indexed by its remaining bits.
 *
 * <p>Each entry is an int that carries what the decoder needs next, so a symbol costs one load (libdeflate's
 * layout): bits 0–4 the bits to consume, the code and the extra bits after a length or distance code together,
 * so one shift takes both (bit 5 stays clear: a long shift uses the entry's low six bits as its count); bits 6–9
 * the code's own length, above which the extra bits lie (for a subtable link: the subtable's index bits);
 * bits 10–13 the flags below; bits 16–31 the value (a literal byte, a length or distance base, a code-length
 * symbol or a subtable's start).
 */
final class HuffmanTable {

    static final int LITERAL = 1 << 10;
    static final int SUBTABLE = 1 << 11;
    static final int END_OF_BLOCK = 1 << 12;
    static final int INVALID = 1 << 13;

    static final int MAX_CODE_LENGTH = 15;

    /** What the symbols of a table stand for. */
    enum Alphabet { LITERAL_LENGTH, DISTANCE, CODE_LENGTH }

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257,
        385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        10, 10, 11, 11, 12, 12, 13, 13};

    private final Alphabet alphabet;
    private final int mainBits;
    private int[] entries;
    private final int[] count = new int[MAX_CODE_LENGTH + 1];
    private final int[] nextCode = new int[MAX_CODE_LENGTH + 2];
    private final int[] subBits;
    private final int[] reversedCodes = new int[288];

    HuffmanTable(Alphabet alphabet, int mainBits) {
        this.alphabet = alphabet;
        this.mainBits = mainBits;
        this.entries = new int[1 << mainBits];
        this.subBits = new int[1 << mainBits];
    }

    /** The lookup table; valid until the next {@link #build}. */
    int[] entries() {
        return entries;
    }

    int mainBits() {
        return mainBits;
    }

    /**
     * Builds the table for the code lengths {@code lengths[from, from + symbols)}, refusing what zlib refuses:
     * an over-subscribed set, and an incomplete one unless it is a single one-bit code (or no code at all, whose
     * every lookup is then invalid). The code-length alphabet must be complete.
     */
    void build(byte[] lengths, int from, int symbols) throws ZipException {
        Arrays.fill(count, 0);
        int longest = 0;
        for (int s = 0; s < symbols; s++) {
            int length = lengths[from + s];
            count[length]++;
            longest = Math.max(longest, length);
        }
        count[0] = 0;
        int left = 1;
        for (int length = 1; length <= MAX_CODE_LENGTH; length++) {
            left = (left << 1) - count[length];
            if (left < 0) {
                throw new ZipException("invalid " + name() + " (over-subscribed)");
            }
        }
        if (left > 0 && longest > 0 && (alphabet == Alphabet.CODE_LENGTH || longest != 1)) {
            throw new ZipException("invalid " + name() + " (incomplete)");
        }
        int code = 0;
        for (int length = 1; length <= MAX_CODE_LENGTH; length++) {
            code = (code + count[length - 1]) << 1;
            nextCode[length] = code;
        }
        int mainSize = 1 << mainBits;
        int size = mainSize + assignCodes(lengths, from, symbols);
        if (entries.length < size) {
            entries = new int[size];
        }
        Arrays.fill(entries, 0, size, INVALID);
        int nextSubtable = mainSize;
        for (int prefix = 0; prefix < mainSize; prefix++) {
            if (subBits[prefix] > 0) {
                entries[prefix] = SUBTABLE | mainBits | subBits[prefix] << 6 | nextSubtable << 16;
                nextSubtable += 1 << subBits[prefix];
            }
        }
        for (int s = 0; s < symbols; s++) {
            int length = lengths[from + s];
            if (length == 0) {
                continue;
            }
            int reversed = reversedCodes[s];
            if (length <= mainBits) {
                int entry = entry(s, length);
                for (int i = reversed; i < mainSize; i += 1 << length) {
                    entries[i] = entry;
                }
            } else {
                int link = entries[reversed & (mainSize - 1)];
                int start = link >>> 16;
                int end = start + (1 << ((link >>> 6) & 15));
                int entry = entry(s, length - mainBits);
                for (int i = start + (reversed >>> mainBits); i < end; i += 1 << (length - mainBits)) {
                    entries[i] = entry;
                }
            }
        }
    }

    /**
     * Gives each symbol its canonical code, bit-reversed into {@link #reversedCodes}, and notes in {@link #subBits}
     * how many index bits the subtable behind each main slot needs (0: none).
     *
     * @return the size of all subtables together
     */
    private int assignCodes(byte[] lengths, int from, int symbols) {
        Arrays.fill(subBits, 0);
        for (int s = 0; s < symbols; s++) {
            int length = lengths[from + s];
            if (length > 0) {
                int reversed = Integer.reverse(nextCode[length]++) >>> (32 - length);
                reversedCodes[s] = reversed;
                if (length > mainBits) {
                    int prefix = reversed & ((1 << mainBits) - 1);
                    subBits[prefix] = Math.max(subBits[prefix], length - mainBits);
                }
            }
        }
        int total = 0;
        for (int bits : subBits) {
            total += bits > 0 ? 1 << bits : 0;
        }
        return total;
    }

    /** The entry of {@code symbol}, whose code takes {@code bits} bits at this level of the table. */
    private int entry(int symbol, int bits) {
        return switch (alphabet) {
            case CODE_LENGTH -> bits | symbol << 16;
            case LITERAL_LENGTH -> {
                if (symbol < 256) {
                    yield bits | LITERAL | symbol << 16;
                } else if (symbol == 256) {
                    yield bits | END_OF_BLOCK;
                } else if (symbol <= 285) {
                    yield withExtra(bits, LENGTH_EXTRA[symbol - 257], LENGTH_BASE[symbol - 257]);
                }
                yield bits | INVALID;                     // 286 and 287 take part in the code but never occur
            }
            case DISTANCE -> symbol < 30 ? withExtra(bits, DISTANCE_EXTRA[symbol], DISTANCE_BASE[symbol])
                    : bits | INVALID;
        };
    }

    private static int withExtra(int bits, int extra, int base) {
        return (bits + extra) | bits << 6 | base << 16;
    }

    /** The code's name in zlib's messages. */
    private String name() {
        return switch (alphabet) {
            case LITERAL_LENGTH -> "literal/lengths set";
            case DISTANCE -> "distances set";
            case CODE_LENGTH -> "code lengths set";
        };
    }
}
