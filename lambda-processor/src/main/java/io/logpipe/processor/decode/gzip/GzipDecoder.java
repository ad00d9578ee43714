package io.logpipe.processor.decode.gzip;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * Gunzips a whole in-memory buffer into a reused one, never writing more than a hard limit: a gzip bomb is
 * refused after at most {@code limit} output bytes. Accepts what {@link java.util.zip.GZIPInputStream} accepts
 * (header fields and header CRC, concatenated members, trailing bytes that do not start a member) and checks
 * every member's CRC-32 and length. Not thread-safe: one per decoder.
 *
 * <p>Why hand-written: gunzip was a fifth of the processor's time, and the JDK's bundled zlib inflates this
 * project's corpus at ~540 MB/s where libdeflate (C) does 1,250 MB/s; no library on Maven Central offers a faster
 * inflater to Java (binding libdeflate would mean shipping native code for the arm64 Lambda). This one follows
 * libdeflate's design and does ~870 MB/s: a 64-bit bit buffer refilled eight bytes at a time without branches,
 * lookup tables whose entries already hold length and distance bases ({@link HuffmanTable}), the next code looked
 * up while the refill is still under way, and matches copied without a byte loop. Figures and the steps that
 * got there: docs/BENCHMARKS.md ({@code ./logpipe bench-gunzip}).
 */
public final class GzipDecoder {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    /** Spare output bytes: a match is copied in whole words and may write up to 31 bytes past its end. */
    private static final int SLACK = 32;
    /**
     * Zero bytes the bit buffer may read past the input's end (its look-ahead) before the stream is refused as
     * truncated; whether a stream that ended used any of them is checked where its trailer is read.
     */
    private static final int MAX_OVERRUN = 16;
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final byte[] FIXED_LENGTHS = fixedLengths();

    private final int limit;
    private byte[] out;

    private final HuffmanTable literals = new HuffmanTable(HuffmanTable.Alphabet.LITERAL_LENGTH, 11);
    private final HuffmanTable distances = new HuffmanTable(HuffmanTable.Alphabet.DISTANCE, 8);
    private final HuffmanTable codeLengths = new HuffmanTable(HuffmanTable.Alphabet.CODE_LENGTH, 7);
    private final HuffmanTable fixedLiterals = new HuffmanTable(HuffmanTable.Alphabet.LITERAL_LENGTH, 9);
    private final HuffmanTable fixedDistances = new HuffmanTable(HuffmanTable.Alphabet.DISTANCE, 5);
    private final byte[] lengths = new byte[286 + 30];
    private final CRC32 crc = new CRC32();

    // the input and the bit reader's state while a member is decoded
    private byte[] in;
    private int pos;
    private long bits;
    private int bitCount;
    private int overrun;

    /** A decoder whose output never exceeds {@code limit} bytes. */
    public GzipDecoder(int limit) {
        this.limit = limit;
        this.out = new byte[Math.min(limit, 256 * 1024) + SLACK];
        try {
            fixedLiterals.build(FIXED_LENGTHS, 0, 288);
            fixedDistances.build(FIXED_LENGTHS, 288, 32);
        } catch (ZipException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The output of the last {@link #gunzip}; its first bytes, as many as that returned, are valid. */
    public byte[] buffer() {
        return out;
    }

    /**
     * Gunzips {@code gzip} into {@link #buffer()}.
     *
     * @return the number of bytes written
     * @throws DecompressionLimitException when the output would exceed the limit
     * @throws ZipException when the data is not valid gzip
     * @throws EOFException when the data ends early
     */
    public int gunzip(byte[] gzip) throws IOException {
        in = gzip;
        try {
            int at = header(0);
            int length = 0;
            while (true) {
                int start = length;
                pos = at;
                bits = 0;
                bitCount = 0;
                overrun = 0;
                length = inflate(start);
                at = pos - (bitCount >>> 3);              // the byte after the last one deflate used
                if (at + 8 > gzip.length) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                crc.reset();
                crc.update(out, start, length - start);
                if (intAt(gzip, at) != (int) crc.getValue() || intAt(gzip, at + 4) != length - start) {
                    throw new ZipException("Corrupt GZIP trailer");
                }
                at += 8;
                if (at >= gzip.length) {
                    return length;
                }
                try {
                    at = header(at);
                } catch (IOException notAMember) {
                    return length;                        // trailing bytes: ignored, as GZIPInputStream does
                }
            }
        } finally {
            in = null;
        }
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** Reads a member header at {@code at}; returns where its deflate data starts. */
    private int header(int at) throws IOException {
        byte[] b = in;
        if (at + 10 > b.length) {
            throw new EOFException("Unexpected end of gzip header");
        }
        if ((b[at] & 0xff) != 0x1f || (b[at + 1] & 0xff) != 0x8b) {
            throw new ZipException("Not in GZIP format");
        }
        if (b[at + 2] != 8) {
            throw new ZipException("Unsupported compression method");
        }
        int flags = b[at + 3] & 0xff;
        int p = at + 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > b.length) {
                throw new EOFException("Unexpected end of gzip header");
            }
            p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(b, p);
        }
        if ((flags & FCOMMENT) != 0) {
            p = afterZero(b, p);
        }
        if ((flags & FHCRC) != 0) {
            if (p + 2 > b.length) {
                throw new EOFException("Unexpected end of gzip header");
            }
            crc.reset();
            crc.update(b, at, p - at);
            if (((b[p] & 0xff) | (b[p + 1] & 0xff) << 8) != ((int) crc.getValue() & 0xffff)) {
                throw new ZipException("Corrupt GZIP header");
            }
            p += 2;
        }
        if (p > b.length) {
            throw new EOFException("Unexpected end of gzip header");
        }
        return p;
    }

    private static int afterZero(byte[] b, int p) throws EOFException {
        for (int i = p; i < b.length; i++) {
            if (b[i] == 0) {
                return i + 1;
            }
        }
        throw new EOFException("Unexpected end of gzip header");
    }

    /** Inflates one deflate stream from {@link #pos}, writing from {@code start}; returns the output's end. */
    private int inflate(int start) throws IOException {
        int o = start;
        boolean last;
        do {
            refill();
            last = (bits & 1) != 0;
            int type = (int) (bits >>> 1) & 3;
            consume(3);
            o = switch (type) {
                case 0 -> stored(start, o);
                case 1 -> codes(fixedLiterals, fixedDistances, start, o);
                case 2 -> {
                    dynamicTables();
                    yield codes(literals, distances, start, o);
                }
                default -> throw new ZipException("invalid block type");
            };
        } while (!last);
        return o;
    }

    private int stored(int start, int o) throws IOException {
        consume(bitCount & 7);                            // to the byte boundary
        refill();
        int length = (int) bits & 0xffff;
        int complement = (int) (bits >>> 16) & 0xffff;
        consume(32);
        if (length != (~complement & 0xffff)) {
            throw new ZipException("invalid stored block lengths");
        }
        int from = pos - (bitCount >>> 3);                // the bit buffer holds whole bytes now
        if (from + length > in.length) {
            throw new EOFException("Unexpected end of ZLIB input stream");
        }
        room(o, length);
        System.arraycopy(in, from, out, o, length);
        pos = from + length;
        bits = 0;
        bitCount = 0;
        overrun = 0;
        return o + length;
    }

    private void dynamicTables() throws IOException {
        refill();
        int literalCount = (int) (bits & 31) + 257;
        int distanceCount = (int) (bits >>> 5 & 31) + 1;
        int codeLengthCount = (int) (bits >>> 10 & 15) + 4;
        consume(14);
        if (literalCount > 286 || distanceCount > 30) {
            throw new ZipException("too many length or distance symbols");
        }
        Arrays.fill(lengths, 0, 19, (byte) 0);
        for (int i = 0; i < codeLengthCount; i++) {
            refill();
            lengths[CODE_LENGTH_ORDER[i]] = (byte) (bits & 7);
            consume(3);
        }
        codeLengths.build(lengths, 0, 19);
        int[] table = codeLengths.entries();
        int total = literalCount + distanceCount;
        for (int i = 0; i < total; ) {
            refill();
            int entry = table[(int) bits & 127];
            if ((entry & HuffmanTable.INVALID) != 0) {
                throw new ZipException("invalid code lengths set");
            }
            consume(entry & 31);
            int symbol = entry >>> 16;
            if (symbol < 16) {
                lengths[i++] = (byte) symbol;
                continue;
            }
            int repeat;
            byte value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new ZipException("invalid bit length repeat");
                }
                value = lengths[i - 1];
                repeat = 3 + (int) (bits & 3);
                consume(2);
            } else if (symbol == 17) {
                repeat = 3 + (int) (bits & 7);
                consume(3);
            } else {
                repeat = 11 + (int) (bits & 127);
                consume(7);
            }
            if (i + repeat > total) {
                throw new ZipException("invalid bit length repeat");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        if (lengths[256] == 0) {
            throw new ZipException("invalid code -- missing end-of-block");
        }
        literals.build(lengths, 0, literalCount);
        distances.build(lengths, literalCount, distanceCount);
    }

    /**
     * Decodes one Huffman-coded block. After a refill the bit buffer holds at least 56 bits, and a length with
     * its distance takes at most 48 (15 + 5 + 15 + 13), so each symbol needs one refill at most.
     */
    private int codes(HuffmanTable literalTable, HuffmanTable distanceTable, int start, int o) throws IOException {
        int[] lit = literalTable.entries();
        int litMask = (1 << literalTable.mainBits()) - 1;
        int[] dist = distanceTable.entries();
        int distMask = (1 << distanceTable.mainBits()) - 1;
        byte[] b = out;
        int room = Math.min(limit, b.length - SLACK);   // output may grow to here without a check
        long bb = bits;
        int bc = bitCount;
        byte[] input = in;
        int p = pos;
        int fastEnd = input.length - 8;
        int e = -1;                                       // the next literal/length entry, when already looked up
        try {
            while (true) {
                if (p <= fastEnd) {                       // refill every time: cheaper than a mispredicted test
                    bb |= (long) LONGS.get(input, p) << bc;
                    p += (63 - bc) >>> 3;
                    bc |= 56;
                } else if (bc < 48) {
                    pos = p;
                    bits = bb;
                    bitCount = bc;
                    refill();
                    p = pos;
                    bb = bits;
                    bc = bitCount;
                }
                if (e < 0) {
                    e = lit[(int) bb & litMask];
                }
                long saved = bb;                          // the extra bits are read from here, beside the shift
                if ((e & HuffmanTable.SUBTABLE) != 0) {
                    bb >>>= e;
                    bc -= e & 31;
                    saved = bb;
                    e = lit[(e >>> 16) + ((int) bb & ((1 << ((e >>> 6) & 15)) - 1))];
                }
                bb >>>= e;                                // code and extra bits at once (the count is e's low six bits)
                bc -= e & 31;
                if ((e & HuffmanTable.LITERAL) != 0) {
                    if (o >= room) {
                        b = room(o, 1);
                        room = Math.min(limit, b.length - SLACK);
                    }
                    b[o++] = (byte) (e >>> 16);
                    // look the next code up before the refill: its bits are there (41 or more), and the lookup
                    // then does not wait for the refill's load and shift
                    e = lit[(int) bb & litMask];
                    if ((e & HuffmanTable.LITERAL) != 0 && o < room) {
                        bb >>>= e;                        // a second literal on the same refill (26 bits remain)
                        bc -= e & 31;
                        b[o++] = (byte) (e >>> 16);
                        e = lit[(int) bb & litMask];
                    }
                    continue;
                }
                if ((e & (HuffmanTable.END_OF_BLOCK | HuffmanTable.INVALID)) != 0) {
                    if ((e & HuffmanTable.INVALID) != 0) {
                        throw new ZipException("invalid literal/length code");
                    }
                    return o;
                }
                int length = (e >>> 16) + extraBits(saved, e);
                saved = bb;
                e = dist[(int) bb & distMask];
                if ((e & HuffmanTable.SUBTABLE) != 0) {
                    bb >>>= e;
                    bc -= e & 31;
                    saved = bb;
                    e = dist[(e >>> 16) + ((int) bb & ((1 << ((e >>> 6) & 15)) - 1))];
                }
                if ((e & HuffmanTable.INVALID) != 0) {
                    throw new ZipException("invalid distance code");
                }
                bb >>>= e;
                bc -= e & 31;
                int distance = (e >>> 16) + extraBits(saved, e);
                if (distance > o - start) {
                    throw new ZipException("invalid distance too far back");
                }
                if (o + length > room) {
                    b = room(o, length);
                    room = Math.min(limit, b.length - SLACK);
                }
                o = copyMatch(b, o, distance, length);
                e = -1;                                   // too few bits may be left: look up after the refill
            }
        } finally {
            pos = p;
            bits = bb;
            bitCount = bc;
        }
    }

    /** The extra bits of a length or distance entry: those between its code's length and its total. */
    private static int extraBits(long saved, int entry) {
        return (int) ((saved & ((1L << (entry & 31)) - 1)) >>> ((entry >>> 6) & 15));
    }

    /**
     * Copies a match. One that does not overlap its source (most: log lines repeat earlier lines) is one
     * {@code arraycopy}, whose stub moves short lengths with masked vector moves (+5 % inflate against the word
     * loop below). An overlapping one repeats a period: in whole words when the period is at least 8 bytes, the
     * first four words whatever the length (a loop's exit is a branch the CPU mispredicts), so the copy may write
     * up to {@link #SLACK} - 1 bytes past its end.
     */
    private static int copyMatch(byte[] b, int o, int distance, int length) {
        int from = o - distance;
        int end = o + length;
        if (distance >= length) {
            System.arraycopy(b, from, b, o, length);
        } else if (distance >= 8) {
            LONGS.set(b, o, (long) LONGS.get(b, from));
            LONGS.set(b, o + 8, (long) LONGS.get(b, from + 8));
            LONGS.set(b, o + 16, (long) LONGS.get(b, from + 16));
            LONGS.set(b, o + 24, (long) LONGS.get(b, from + 24));
            for (o += 32, from += 32; o < end; o += 8, from += 8) {
                LONGS.set(b, o, (long) LONGS.get(b, from));
            }
        } else if (distance == 1) {
            Arrays.fill(b, o, end, b[from]);
        } else {
            for (; o < end; o++) {
                b[o] = b[from++];
            }
        }
        return end;
    }

    /** Makes room for {@code n} more bytes at {@code o} (and the slack), or refuses to pass the limit. */
    private byte[] room(int o, int n) throws DecompressionLimitException {
        if ((long) o + n > limit) {
            throw new DecompressionLimitException(limit);
        }
        if (o + n + SLACK > out.length) {
            long grown = Math.max(out.length * 2L, (long) o + n + SLACK);
            out = Arrays.copyOf(out, (int) Math.min(grown, (long) limit + SLACK));
        }
        return out;
    }

    /**
     * Tops the bit buffer up to at least 56 bits. Where eight input bytes remain this is one unaligned load and
     * no branch; at the end of the input zero bytes are read instead, and a stream that needs more than
     * {@link #MAX_OVERRUN} of them is truncated.
     */
    private void refill() throws EOFException {
        if (pos + 8 <= in.length) {
            bits |= (long) LONGS.get(in, pos) << bitCount;
            pos += (63 - bitCount) >>> 3;
            bitCount |= 56;
            return;
        }
        while (bitCount < 56) {
            if (pos < in.length) {
                bits |= (long) (in[pos] & 0xff) << bitCount;
            } else if (++overrun > MAX_OVERRUN) {
                throw new EOFException("Unexpected end of ZLIB input stream");
            }
            pos++;
            bitCount += 8;
        }
    }

    private void consume(int n) {
        bits >>>= n;
        bitCount -= n;
    }

    private static byte[] fixedLengths() {
        byte[] lengths = new byte[288 + 32];
        Arrays.fill(lengths, 0, 144, (byte) 8);
        Arrays.fill(lengths, 144, 256, (byte) 9);
        Arrays.fill(lengths, 256, 280, (byte) 7);
        Arrays.fill(lengths, 280, 288, (byte) 8);
        Arrays.fill(lengths, 288, 320, (byte) 5);
        return lengths;
    }
}
