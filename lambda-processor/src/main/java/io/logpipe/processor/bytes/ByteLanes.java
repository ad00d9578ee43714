package io.logpipe.processor.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight lanes at a time (SWAR) on a little-endian {@code long} read from a byte array. Every lane
 * test here is exact: a lane's flag never depends on its neighbours (no borrow runs across lanes), so any
 * flagged lane, not only the lowest, is a real hit.
 *
 * <p>Why: C2 does not vectorise a search loop that exits early, so a byte-at-a-time loop costs about a cycle per
 * byte; these tests cost a handful of operations per eight bytes.
 */
public final class ByteLanes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final long ONES = 0x0101010101010101L;
    public static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    public static final long HIGH = 0x8080808080808080L;

    private ByteLanes() {
    }

    /** The eight bytes at {@code i} (little-endian: the byte at {@code i} is the lowest lane). */
    public static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** The four bytes at {@code i} (little-endian), to compare four chars at once. */
    public static int quad(byte[] b, int i) {
        return (int) INTS.get(b, i);
    }

    /** Stores the eight bytes of {@code w} at {@code i} (the lowest lane first). */
    public static void setWord(byte[] b, int i, long w) {
        LONGS.set(b, i, w);
    }

    /** The high bit of each byte lane is set where that byte equals {@code c} (an ASCII char). */
    public static long equal(long w, int c) {
        long t = w ^ (c * ONES);
        return ~(((t & LOW7) + LOW7) | t) & HIGH;
    }

    /** The index of the lowest flagged lane of a non-zero flag word, counted from {@code i}. */
    public static int firstLane(int i, long flags) {
        return i + (Long.numberOfTrailingZeros(flags) >>> 3);
    }
}
