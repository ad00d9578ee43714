package io.logpipe.processor.decode.gzip;

import io.logpipe.testkit.fixtures.GzipBomb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written gunzip is held to the JDK's: the same output for everything zlib writes, and a refusal where
 * {@link GZIPInputStream} refuses, over every block type, level and strategy, hand-made headers, concatenated
 * members, every truncation and thousands of corrupted streams.
 */
class GzipDecoderTest {

    private static final int LIMIT = 8 << 20;

    static Stream<Arguments> inputs() {
        Random random = new Random(7);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("one byte", new byte[] {42}),
                Arguments.of("log lines", logLines(random, 2_000)),
                Arguments.of("random bytes (stored blocks)", randomBytes(random, 200_000)),
                Arguments.of("one byte repeated (distance 1)", filled(300_000, (byte) 'x')),
                Arguments.of("short periods (distances 2 to 7)", periods()),
                Arguments.of("long matches far back", farMatches(random)),
                Arguments.of("every byte value", everyByte(random)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void should_inflate_what_zlib_wrote_at_every_level_and_strategy(String name, byte[] data) throws IOException {
        GzipDecoder decoder = new GzipDecoder(LIMIT);
        for (int level = 0; level <= 9; level++) {
            for (int strategy : new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY}) {
                byte[] gzip = gzip(data, level, strategy);

                int length = decoder.gunzip(gzip);

                assertThat(Arrays.copyOf(decoder.buffer(), length)).as("level %d strategy %d", level, strategy)
                        .isEqualTo(data);
            }
        }
    }

    @Test
    void should_inflate_fixed_huffman_blocks() throws IOException {
        byte[] data = "short line, short line, short line".getBytes(StandardCharsets.US_ASCII);
        byte[] gzip = gzip(data, 9, Deflater.DEFAULT_STRATEGY);
        assertThat(gzip[10] & 0b111).as("BFINAL=1, BTYPE=01 (fixed codes)").isEqualTo(0b011);

        GzipDecoder decoder = new GzipDecoder(LIMIT);

        assertThat(Arrays.copyOf(decoder.buffer(), decoder.gunzip(gzip))).isEqualTo(data);
    }

    @Test
    void should_skip_the_optional_header_fields_and_check_the_header_crc() throws IOException {
        byte[] data = logLines(new Random(1), 50);
        byte[] deflated = rawDeflate(data);
        byte[] header = optionalFieldsHeader();
        byte[] gzip = member(header, deflated, data);
        GzipDecoder decoder = new GzipDecoder(LIMIT);

        assertThat(Arrays.copyOf(decoder.buffer(), decoder.gunzip(gzip))).isEqualTo(data);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(data);

        header[header.length - 1] ^= 1;                   // a wrong header CRC
        byte[] corrupt = member(header, deflated, data);
        assertThatThrownBy(() -> decoder.gunzip(corrupt)).isInstanceOf(ZipException.class)
                .hasMessage("Corrupt GZIP header");
    }

    @Test
    void should_join_concatenated_members_and_ignore_trailing_bytes_that_start_none() throws IOException {
        byte[] first = logLines(new Random(2), 300);
        byte[] second = filled(70_000, (byte) 'z');
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(gzip(first, 6, Deflater.DEFAULT_STRATEGY));
        both.writeBytes(gzip(second, 1, Deflater.DEFAULT_STRATEGY));
        both.writeBytes(new byte[] {0x1f, 0x00, 0x13, 0x37});
        GzipDecoder decoder = new GzipDecoder(LIMIT);

        int length = decoder.gunzip(both.toByteArray());

        byte[] expected = new GZIPInputStream(new ByteArrayInputStream(both.toByteArray())).readAllBytes();
        assertThat(expected).hasSize(first.length + second.length);
        assertThat(Arrays.copyOf(decoder.buffer(), length)).isEqualTo(expected);
    }

    @Test
    void should_refuse_a_match_that_reaches_back_into_the_member_before() throws IOException {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        // fixed codes: a match (length 3, distance 1) first thing in the second member
        byte[] second = concat(header, new byte[] {0x03, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] both = concat(gzip(filled(100, (byte) 'a'), 6, Deflater.DEFAULT_STRATEGY), second);
        GzipDecoder decoder = new GzipDecoder(LIMIT);

        assertThatThrownBy(() -> new GZIPInputStream(new ByteArrayInputStream(both)).readAllBytes())
                .hasMessage("invalid distance too far back");
        assertThatThrownBy(() -> decoder.gunzip(both)).isInstanceOf(ZipException.class)
                .hasMessage("invalid distance too far back");
    }

    @Test
    void should_accept_a_single_one_bit_distance_code_as_zlib_does() throws IOException {
        byte[] literalLengths = new byte[258];
        literalLengths['a'] = 2;
        literalLengths[256] = 2;
        literalLengths[257] = 1;                          // length 3
        BitWriter block = dynamicHeader(literalLengths, new byte[] {1});
        block.code(0b10, 2);                              // 'a'
        block.code(0b0, 1);                               // length 3 ...
        block.code(0b0, 1);                               // ... distance 1, the only distance code
        block.code(0b11, 2);                              // end of block
        byte[] data = "aaaa".getBytes(StandardCharsets.US_ASCII);
        byte[] gzip = member(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, block.bytes(), data);

        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(data);
        GzipDecoder decoder = new GzipDecoder(LIMIT);
        assertThat(Arrays.copyOf(decoder.buffer(), decoder.gunzip(gzip))).isEqualTo(data);
    }

    @Test
    void should_refuse_an_incomplete_literal_code_as_zlib_does() {
        byte[] literalLengths = new byte[257];
        literalLengths['a'] = 2;                          // two codes of length 2 leave half the code space unused
        literalLengths[256] = 2;
        BitWriter block = dynamicHeader(literalLengths, new byte[] {0});
        block.code(0b11, 2);
        byte[] gzip = member(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, block.bytes(), new byte[0]);

        assertThatThrownBy(() -> new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes())
                .hasMessage("invalid literal/lengths set");
        assertThatThrownBy(() -> new GzipDecoder(LIMIT).gunzip(gzip)).isInstanceOf(ZipException.class)
                .hasMessageStartingWith("invalid literal/lengths set");
    }

    @Test
    void should_refuse_a_literal_code_without_end_of_block_as_zlib_does() {
        byte[] literalLengths = new byte[257];
        literalLengths['a'] = 1;
        literalLengths['b'] = 1;
        BitWriter block = dynamicHeader(literalLengths, new byte[] {0});
        block.code(0b0, 1);
        byte[] gzip = member(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, block.bytes(), new byte[0]);

        assertThatThrownBy(() -> new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes())
                .hasMessage("invalid code -- missing end-of-block");
        assertThatThrownBy(() -> new GzipDecoder(LIMIT).gunzip(gzip)).isInstanceOf(ZipException.class)
                .hasMessage("invalid code -- missing end-of-block");
    }

    @Test
    void should_refuse_a_wrong_trailer() {
        byte[] data = logLines(new Random(3), 20);
        byte[] badCrc = gzip(data, 6, Deflater.DEFAULT_STRATEGY);
        badCrc[badCrc.length - 8] ^= 1;
        byte[] badLength = gzip(data, 6, Deflater.DEFAULT_STRATEGY);
        badLength[badLength.length - 4] ^= 1;
        GzipDecoder decoder = new GzipDecoder(LIMIT);

        assertThatThrownBy(() -> decoder.gunzip(badCrc)).isInstanceOf(ZipException.class).hasMessage("Corrupt GZIP trailer");
        assertThatThrownBy(() -> decoder.gunzip(badLength)).isInstanceOf(ZipException.class).hasMessage("Corrupt GZIP trailer");
    }

    @Test
    void should_refuse_what_is_not_gzip_and_streams_zlib_calls_invalid() {
        GzipDecoder decoder = new GzipDecoder(LIMIT);
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

        assertThatThrownBy(() -> decoder.gunzip("{\"not\":\"gzip\"}".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ZipException.class).hasMessage("Not in GZIP format");
        assertThatThrownBy(() -> decoder.gunzip(new byte[0])).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> decoder.gunzip(concat(header, new byte[] {0b111, 0, 0, 0, 0, 0, 0, 0, 0, 0})))
                .isInstanceOf(ZipException.class).hasMessage("invalid block type");
        // a stored block whose length and its complement disagree
        assertThatThrownBy(() -> decoder.gunzip(concat(header, new byte[] {1, 5, 0, 0, 0, 'a', 'b', 'c', 'd', 'e',
                0, 0, 0, 0, 0, 0, 0, 0}))).isInstanceOf(ZipException.class).hasMessage("invalid stored block lengths");
        // fixed codes: a match (length 3, distance 1) before any output
        assertThatThrownBy(() -> decoder.gunzip(concat(header, new byte[] {0x03, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0})))
                .isInstanceOf(ZipException.class).hasMessage("invalid distance too far back");
    }

    @Test
    void should_refuse_every_truncation_as_gzip_input_stream_does() throws IOException {
        byte[] data = logLines(new Random(4), 40);
        for (byte[] gzip : new byte[][] {gzip(data, 6, Deflater.DEFAULT_STRATEGY), gzip(data, 0, Deflater.DEFAULT_STRATEGY)}) {
            GzipDecoder decoder = new GzipDecoder(LIMIT);
            for (int cut = 0; cut < gzip.length; cut++) {
                byte[] truncated = Arrays.copyOf(gzip, cut);
                assertThatThrownBy(() -> decoder.gunzip(truncated)).as("cut at %d", cut)
                        .isInstanceOfAny(EOFException.class, ZipException.class);
            }
            assertThat(decoder.gunzip(gzip)).isEqualTo(data.length);
        }
    }

    @Test
    void should_agree_with_gzip_input_stream_on_thousands_of_corrupted_streams() throws IOException {
        Random random = new Random(5);
        GzipDecoder decoder = new GzipDecoder(LIMIT);
        int refused = 0;
        for (int round = 0; round < 4_000; round++) {
            byte[] data = round % 3 == 0 ? logLines(random, 30) : randomText(random, 1 + random.nextInt(3_000));
            byte[] gzip = gzip(data, random.nextInt(10), Deflater.DEFAULT_STRATEGY);
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                int at = 10 + random.nextInt(gzip.length - 10); // past the fixed header: its bytes are tested above
                gzip[at] ^= (byte) (1 << random.nextInt(8));
            }
            byte[] expected;
            try {
                expected = new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
            } catch (IOException zlibRefused) {
                byte[] corrupt = gzip;
                assertThatThrownBy(() -> decoder.gunzip(corrupt)).as("round %d", round).isInstanceOf(IOException.class)
                        .isNotInstanceOf(DecompressionLimitException.class);
                refused++;
                continue;
            }
            assertThat(Arrays.copyOf(decoder.buffer(), decoder.gunzip(gzip))).as("round %d", round).isEqualTo(expected);
        }
        assertThat(refused).as("most corruptions break the stream or its CRC").isGreaterThan(3_000);
    }

    @Test
    void should_stop_at_the_limit_and_keep_the_buffer_within_it() throws IOException {
        int limit = 1 << 20;
        GzipDecoder decoder = new GzipDecoder(limit);

        assertThat(decoder.gunzip(GzipBomb.zeros(limit))).isEqualTo(limit);
        assertThatThrownBy(() -> decoder.gunzip(GzipBomb.zeros(limit + 1L)))
                .isInstanceOf(DecompressionLimitException.class).hasMessageContaining(Integer.toString(limit));
        assertThatThrownBy(() -> decoder.gunzip(GzipBomb.zeros(GzipBomb.ONE_GIB)))
                .isInstanceOf(DecompressionLimitException.class);
        byte[] literals = randomBytes(new Random(6), limit + 1); // the limit also holds for stored and literal output
        assertThatThrownBy(() -> decoder.gunzip(gzip(literals, 0, Deflater.DEFAULT_STRATEGY)))
                .isInstanceOf(DecompressionLimitException.class);
        assertThatThrownBy(() -> decoder.gunzip(gzip(literals, 6, Deflater.HUFFMAN_ONLY)))
                .isInstanceOf(DecompressionLimitException.class);
        assertThat(decoder.buffer().length).isLessThanOrEqualTo(limit + 32);
    }

    // ---- inputs and encoders

    /** Deflate's bit order: fields from their least significant bit, Huffman codes from their most significant. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void bits(int value, int count) {
            for (int i = 0; i < count; i++) {
                bit(value >>> i & 1);
            }
        }

        void code(int code, int length) {
            for (int i = length - 1; i >= 0; i--) {
                bit(code >>> i & 1);
            }
        }

        private void bit(int b) {
            current |= b << used++;
            if (used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            if (used > 0) {
                copy.write(current);
            }
            return copy.toByteArray();
        }
    }

    /**
     * The start of a final dynamic block with these code lengths, written with a code-length code of 0 (one
     * bit, {@code 0}), 1 ({@code 10}) and 2 ({@code 11}), so every length is spelled out.
     */
    private static BitWriter dynamicHeader(byte[] literalLengths, byte[] distanceLengths) {
        BitWriter w = new BitWriter();
        w.bits(1, 1);                                     // BFINAL
        w.bits(2, 2);                                     // BTYPE 10: dynamic codes
        w.bits(literalLengths.length - 257, 5);
        w.bits(distanceLengths.length - 1, 5);
        w.bits(19 - 4, 4);
        int[] order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
        for (int symbol : order) {
            w.bits(symbol == 0 ? 1 : symbol == 1 || symbol == 2 ? 2 : 0, 3);
        }
        for (byte[] lengths : new byte[][] {literalLengths, distanceLengths}) {
            for (byte length : lengths) {
                if (length == 0) {
                    w.code(0b0, 1);
                } else {
                    w.code(length == 1 ? 0b10 : 0b11, 2);
                }
            }
        }
        return w;
    }

    private static byte[] gzip(byte[] data, int level, int strategy) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(level);
                def.setStrategy(strategy);
            }
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] rawDeflate(byte[] data) {
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A header with FEXTRA, FNAME, FCOMMENT and FHCRC, its CRC in the last two bytes. */
    private static byte[] optionalFieldsHeader() {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) (2 | 4 | 8 | 16), 1, 2, 3, 4, 0, 3});
        h.writeBytes(new byte[] {5, 0, 'A', 'B', 2, 0, 9});            // FEXTRA: XLEN 5, one subfield
        h.writeBytes("app.log\0".getBytes(StandardCharsets.ISO_8859_1)); // FNAME
        h.writeBytes("rotated at midnight\0".getBytes(StandardCharsets.ISO_8859_1)); // FCOMMENT
        CRC32 crc = new CRC32();
        crc.update(h.toByteArray());
        h.write((int) crc.getValue() & 0xff);
        h.write((int) (crc.getValue() >>> 8) & 0xff);
        return h.toByteArray();
    }

    private static byte[] member(byte[] header, byte[] deflated, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(deflated);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLe(OutputStream out, int v) {
        try {
            out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] logLines(Random random, int lines) {
        String[] levels = {"INFO", "WARN", "ERROR", "DEBUG"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("{\"time\":\"2025-07-08T00:12:").append(10 + random.nextInt(50)).append('.')
                    .append(random.nextInt(1000)).append("Z\",\"level\":\"").append(levels[random.nextInt(4)])
                    .append("\",\"msg\":\"request ").append(Long.toHexString(random.nextLong()))
                    .append(" took ").append(random.nextInt(900)).append(" ms\",\"service\":\"checkout\"}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomText(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) "abc de\"{}:0123".charAt(random.nextInt(14));
        }
        return b;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] filled(int length, byte value) {
        byte[] b = new byte[length];
        Arrays.fill(b, value);
        return b;
    }

    private static byte[] periods() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int period = 2; period <= 9; period++) {
            for (int i = 0; i < 5_000; i++) {
                out.write('a' + i % period);
            }
        }
        return out.toByteArray();
    }

    /** Repeats of 300-byte stretches from up to 32 KiB back: long matches at the largest distances. */
    private static byte[] farMatches(Random random) {
        byte[] b = randomBytes(random, 200_000);
        for (int at = 40_000; at + 300 < b.length; at += 1_000) {
            int back = 1 + random.nextInt(32_768 - 300);
            System.arraycopy(b, at - back, b, at, 300);
        }
        return b;
    }

    private static byte[] everyByte(Random random) {
        byte[] b = new byte[100_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 7 == 0 ? random.nextInt(256) : i % 256);
        }
        return b;
    }
}
