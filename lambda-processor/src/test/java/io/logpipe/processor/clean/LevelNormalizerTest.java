package io.logpipe.processor.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.model.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            trace, TRACE
            TRACE, TRACE
            Finest, TRACE
            finer, TRACE
            trc, TRACE
            silly, TRACE
            debug, DEBUG
            DEBUG, DEBUG
            fine, DEBUG
            dbg, DEBUG
            verbose, DEBUG
            config, DEBUG
            info, INFO
            Information, INFO
            INFORMATIONAL, INFO
            informative, INFO
            notice, INFO
            inf, INFO
            warn, WARN
            Warning, WARN
            WRN, WARN
            err, ERROR
            error, ERROR
            eror, ERROR
            SEVERE, ERROR
            fail, ERROR
            failure, ERROR
            fatal, FATAL
            critical, FATAL
            crit, FATAL
            crt, FATAL
            alert, FATAL
            emerg, FATAL
            EMERGENCY, FATAL
            panic, FATAL
            ftl, FATAL
            T, TRACE
            d, DEBUG
            V, DEBUG
            I, INFO
            W, WARN
            E, ERROR
            F, FATAL
            A, FATAL
            """)
    void should_map_level_word_when_text_is_known_in_any_case(String text, Level expected) {
        assertThat(LevelNormalizer.fromText(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {" ERROR ", "\tWarn\n", "[ERROR]", "ERROR:", "[error]:", " [Info] "})
    void should_ignore_whitespace_brackets_and_colon_when_text_is_decorated(String text) {
        assertThat(LevelNormalizer.fromText(text)).isNotNull();
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "[]", ":", "ok", "OK", "default", "log", "errors", "warnings",
        "inform", "x", "erro", "infoo", "ERROR!", "[ERROR", "ERROR]", "-1", "8", "9", "70",
        "1234567890", "4 2", "érror", "ERRÖR", "error error"})
    void should_return_null_when_text_is_not_a_level(String text) {
        assertThat(LevelNormalizer.fromText(text)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            0, FATAL
            1, FATAL
            2, FATAL
            3, ERROR
            4, WARN
            5, INFO
            6, INFO
            7, DEBUG
            10, TRACE
            19, TRACE
            20, DEBUG
            30, INFO
            35, INFO
            40, WARN
            50, ERROR
            59, ERROR
            60, FATAL
            69, FATAL
            """)
    void should_map_syslog_and_pino_when_level_is_numeric(long n, Level expected) {
        assertThat(LevelNormalizer.fromNumber(n)).isEqualTo(expected);
        assertThat(LevelNormalizer.fromText(Long.toString(n))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {-1, 8, 9, 70, 100, Long.MAX_VALUE, Long.MIN_VALUE})
    void should_return_null_when_number_is_not_a_level(long n) {
        assertThat(LevelNormalizer.fromNumber(n)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            200, INFO
            204, INFO
            301, INFO
            399, INFO
            400, WARN
            404, WARN
            499, WARN
            500, ERROR
            503, ERROR
            599, ERROR
            600, INFO
            0, INFO
            -1, INFO
            """)
    void should_map_status_class_when_http_status(int status, Level expected) {
        assertThat(LevelNormalizer.fromHttpStatus(status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ERROR [main] c.e.App - boom                                 | ERROR
            [ERROR] boom                                                | ERROR
            ERROR: boom                                                 | ERROR
            ERROR:root:connection refused                               | ERROR
            WARNING:urllib3:retrying                                    | WARN
            10:15:32.123 [main] WARN  c.e.App - slow                    | WARN
            2025/07/08 00:12:01 [error] 123#0: *1 open() failed         | ERROR
            [Tue Jul 08 00:12:01.782 2025] [core:error] [pid 7] oops    | ERROR
            [mpm_event:notice] [pid 1] resuming                         | INFO
            [crit] disk full                                            | FATAL
            [alert] something                                           | FATAL
            [Warning] deprecated                                        | WARN
            error: could not open file                                  | ERROR
            Warning: deprecated API                                     | WARN
            panic: runtime error: index out of range                    | FATAL
            myprog: error: bad flag                                     | ERROR
            npm ERR! code E404                                          | ERROR
            Job finished with status FATAL                              | FATAL
            INFO Retrying after ERROR                                   | INFO
            <DEBUG> cache miss                                          | DEBUG
            level=INFO msg=started                                      | INFO
            TRACE                                                       | TRACE
            SEVERE: Servlet.service() threw                             | ERROR
            CRITICAL - db down                                          | FATAL
            LOG:  NOTICE: relation exists                               | INFO
            """)
    void should_find_level_token_when_message_has_one(String message, Level expected) {
        assertThat(LevelNormalizer.sniff(message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {
        "no error occurred",
        "Error connecting to database",
        "the warning was ignored: retry",
        "Request completed in 12ms",
        "ERRORS: 0",
        "ERROR_CODE=5 while reading",
        "NON-ERROR path taken",
        "value=ERR42",
        "SECURITY ALERT raised",
        "EMERGENCY stop",
        "status: error",
        "java.lang.IllegalStateException: boom",
        "Traceback (most recent call last):",
        "[main] info about the error",
        "errorinfo debugger warnings",
        "ÉERROR and ERRORÉ"
    })
    void should_return_null_when_no_marked_or_uppercase_level_word(String message) {
        assertThat(LevelNormalizer.sniff(message)).isNull();
    }

    @Test
    void should_ignore_level_words_when_beyond_first_160_chars() {
        String padding = "x ".repeat(80);
        assertThat(LevelNormalizer.sniff(padding + "ERROR boom")).isNull();
        assertThat(LevelNormalizer.sniff("x ".repeat(79) + "ERROR boom")).isEqualTo(Level.ERROR);
    }

    @Test
    void should_stay_bounded_when_message_is_long() {
        String blob = "A".repeat(1_000_000);
        assertThat(LevelNormalizer.sniff(blob)).isNull();
        assertThat(LevelNormalizer.sniff("WARN " + blob)).isEqualTo(Level.WARN);
        assertThat(LevelNormalizer.sniff("x ".repeat(70) + "ERRORS" + blob)).isNull();
    }
}
