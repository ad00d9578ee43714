package io.logpipe.processor.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Text rules of {@link Redactor#redactText}; value trees and HASH mode are in {@link RedactorValueTest}. */
class RedactorTest {

    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final Redactor redactor = new Redactor(RedactionConfig.defaults());

    static Stream<Arguments> redactedLines() {
        return Stream.of(
                // sensitive keys
                Arguments.of("password=hunter2", "password=[REDACTED]"),
                Arguments.of("password: hunter2", "password: [REDACTED]"),
                Arguments.of("password = hunter2", "password = [REDACTED]"),
                Arguments.of("{\"password\":\"hunter2\"}", "{\"password\":\"[REDACTED]\"}"),
                Arguments.of("{\"password\" : \"hun ter2\"}", "{\"password\" : \"[REDACTED]\"}"),
                Arguments.of("{'api_key': 'x1y2'}", "{'api_key': '[REDACTED]'}"),
                Arguments.of("token=abc&x=1", "token=[REDACTED]&x=1"),
                Arguments.of("session_token=\"a b c\" next", "session_token=\"[REDACTED]\" next"),
                Arguments.of("password=\"hunter2-abc123\"", "password=\"[REDACTED]\""),
                Arguments.of("db_password=s3cr3t; retry=3", "db_password=[REDACTED]; retry=3"),
                Arguments.of("GITHUB_TOKEN=ghp_abc, user=bob", "GITHUB_TOKEN=[REDACTED], user=bob"),
                Arguments.of("{password=hunter2}", "{password=[REDACTED]}"),
                Arguments.of("X-Api-Key: abcd1234", "X-Api-Key: [REDACTED]"),
                Arguments.of("Set-Cookie: sid=abc123; Path=/", "Set-Cookie: [REDACTED]; Path=/"),
                Arguments.of("pwd=x9 pass=y8", "pwd=[REDACTED] pass=[REDACTED]"),
                Arguments.of("msg=\"login token=abc\" ok", "msg=\"login token=[REDACTED]\" ok"),
                Arguments.of("body={\\\"client_secret\\\":\\\"xy\\\\\\\"z\\\"}",
                        "body={\\\"client_secret\\\":\\\"[REDACTED]\\\"}"),
                Arguments.of("aws_secret_access_key = abc/def", "aws_secret_access_key = [REDACTED]"),
                // bearer and basic
                Arguments.of("Authorization: Bearer abc.def", "Authorization: Bearer [REDACTED]"),
                Arguments.of("calling api with bearer 0f3a9c2e7b1d", "calling api with bearer [REDACTED]"),
                Arguments.of("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [REDACTED]"),
                Arguments.of("{\"Authorization\":\"Basic dXNlcjpwYXNz\"}", "{\"Authorization\":\"Basic [REDACTED]\"}"),
                Arguments.of("Bearer abc+/def==", "Bearer [REDACTED]"),
                // JWT
                Arguments.of("session started with " + JWT + " for bob", "session started with [REDACTED] for bob"),
                Arguments.of("jwt:" + JWT, "jwt:[REDACTED]"),
                Arguments.of("unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. end", "unsigned [REDACTED] end"),
                // AWS keys
                Arguments.of("aws key AKIAIOSFODNN7EXAMPLE used", "aws key [REDACTED] used"),
                Arguments.of("creds ASIAY34FZKBOKMUTVV7A,", "creds [REDACTED],"),
                Arguments.of("secret " + AWS_SECRET + " here", "secret [REDACTED] here"),
                Arguments.of("s3 sig " + AWS_SECRET + "=", "s3 sig [REDACTED]="),
                // cards
                Arguments.of("card 4111 1111 1111 1111 charged", "card [REDACTED] charged"),
                Arguments.of("card=4111-1111-1111-1111", "card=[REDACTED]"),
                Arguments.of("pan:4111111111111111.", "pan:[REDACTED]."),
                Arguments.of("amex 3782 822463 10005", "amex [REDACTED]"),
                Arguments.of("mc 5555555555554444 and 2223000048400011", "mc [REDACTED] and [REDACTED]"),
                Arguments.of("discover(6011111111111117)", "discover([REDACTED])"),
                Arguments.of("order 12-4111111111111111", "order 12-[REDACTED]"),
                Arguments.of("two 4111111111111111 5555555555554444", "two [REDACTED] [REDACTED]"));
    }

    @ParameterizedTest
    @MethodSource("redactedLines")
    void should_redact_secret_when_line_contains_one(String input, String expected) {
        assertThat(redactor.redactText(input)).isEqualTo(expected);
    }

    /** Texts of 32+ chars have their separators searched in a byte copy; both searches must agree. */
    @ParameterizedTest
    @MethodSource("redactedLines")
    void should_redact_secret_when_line_is_long_enough_for_the_byte_search(String input, String expected) {
        String head = "2024-03-12 10:15:32 worker-7 handled: ";
        String tail = " (took 12 ms, retries=0)";

        assertThat(redactor.redactText(head + input + tail)).isEqualTo(head + expected + tail);
    }

    @Test
    void should_redact_an_access_key_id_only_where_it_is_a_whole_upper_case_run() {
        String id = "AKIAIOSFODNN7EXAMPLE";
        assertThat(redactor.redactText(id + " at start")).isEqualTo("[REDACTED] at start");
        assertThat(redactor.redactText("at end " + id)).isEqualTo("at end [REDACTED]");
        assertThat(redactor.redactText("dash-" + id + "-dash")).isEqualTo("dash-[REDACTED]-dash");
        assertThat(redactor.redactText("two " + id + " ASIAY34FZKBOKMUTVV7A")).isEqualTo("two [REDACTED] [REDACTED]");
        assertThat(redactor.redactText("glued x" + id)).isEqualTo("glued x" + id);
        assertThat(redactor.redactText("glued é" + id)).isEqualTo("glued é" + id);
        assertThat(redactor.redactText("digit 1" + id)).isEqualTo("digit 1" + id);
        assertThat(redactor.redactText("longer " + id + "Z9")).isEqualTo("longer " + id + "Z9");
        assertThat(redactor.redactText("no prefix ABCDIOSFODNN7EXAMPLE")).isEqualTo("no prefix ABCDIOSFODNN7EXAMPLE");
    }

    /** Each rule is skipped for texts shorter than its shortest match: these are exactly that short. */
    @Test
    void should_redact_the_shortest_match_of_every_rule() {
        assertThat(redactor.redactText("Bearer 1")).isEqualTo("Bearer [REDACTED]");
        assertThat(redactor.redactText("eyJhbGciOi.ab.")).isEqualTo("[REDACTED]");
        assertThat(redactor.redactText("AKIAIOSFODNN7EXAMPLE")).isEqualTo("[REDACTED]");
        assertThat(redactor.redactText(AWS_SECRET)).isEqualTo("[REDACTED]");
        assertThat(redactor.redactText("4222222222222")).isEqualTo("[REDACTED]");
        assertThat(redactor.redactText("Bearer")).isEqualTo("Bearer");
        assertThat(redactor.redactText("eyJhbGciOi.a.")).isEqualTo("eyJhbGciOi.a.");
        assertThat(redactor.redactText("422222222222")).isEqualTo("422222222222");
    }

    @Test
    void should_find_separator_when_long_line_holds_chars_beyond_latin1() {
        String cyrillic = "Пользователь вошёл в систему, password=hunter2 ок";        // one char per code point
        String emoji = "🎉🎉 user signed in from the mobile app 🎉 password=hunter2 ok";  // surrogate pairs

        assertThat(redactor.redactText(cyrillic)).isEqualTo("Пользователь вошёл в систему, password=[REDACTED] ок");
        assertThat(redactor.redactText(emoji)).isEqualTo("🎉🎉 user signed in from the mobile app 🎉 password=[REDACTED] ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "time=2024-03-12T10:15:32.123Z level=info msg=\"User logged in\" user=bob client_ip=10.1.2.3",
        "tokens_used=5 token_count=7 max_tokens=10 token_type=Bearer expires_in=3600",
        "bypass=true passenger=3 password_length=12 keyboard=us secret_name=db-creds",
        "request_id=550e8400-e29b-41d4-a716-446655440000 trace=1-5759e988-bd862e3fe1be46a994272793",
        "ts=1710238532000 epoch_us=1710238532000123 latency=0.30000000000000004 ip=192.168.100.200",
        "luhn-invalid 4111 1111 1111 1112 and 4111111111111112",
        "sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709 commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "upper=DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 run41=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYx",
        "short AKIAIOSFODNN7EXAMPL long AKIAIOSFODNN7EXAMPLEX glued XAKIAIOSFODNN7EXAMPLE lower akiaiosfodnn7example",
        "monkeyJump eyJ eyJhbGciOiJIUzI1NiJ9 eyJhbGciOiJIUzI1NiJ9.x",
        "the bearer of bad news; basic auth failed for bob; Bearer token",
        "phone +1 555-123-4567 date 2024-03-12 10:15:32 ord4111111111111111 4111111111111111abc",
        "contact bob@example.com for details",
        "empty password= and token=\"\" and api_key=null and secret=[REDACTED] and cookie: {\"a\":1}",
        "Пароль не найден ✓ 日本語のログ 🎉 emoji ok"
    })
    void should_return_same_instance_when_nothing_matches(String line) {
        assertThat(redactor.redactText(line)).isSameAs(line);
    }

    @Test
    void should_return_input_when_text_is_null_or_empty() {
        assertThat(redactor.redactText(null)).isNull();
        String empty = new String("");
        assertThat(redactor.redactText(empty)).isSameAs(empty);
    }

    @Test
    void should_redact_only_password_when_logfmt_line_is_realistic() {
        String line = "time=2024-03-12T10:15:32.123Z level=info msg=\"User logged in\" "
                + "password=\"hunter2-a1b2c3\" client_ip=10.1.2.3";

        assertThat(redactor.redactText(line)).isEqualTo("time=2024-03-12T10:15:32.123Z level=info "
                + "msg=\"User logged in\" password=\"[REDACTED]\" client_ip=10.1.2.3");
    }

    @Test
    void should_redact_header_and_card_when_json_line_has_both() {
        String line = "{\"headers\":{\"authorization\":\"Bearer 0f3a9c2e7b1d4a5f8e6c\"},"
                + "\"payment\":{\"card\":\"4111 1111 1111 1111\",\"amount\":12.5}}";

        assertThat(redactor.redactText(line)).isEqualTo("{\"headers\":{\"authorization\":\"Bearer [REDACTED]\"},"
                + "\"payment\":{\"card\":\"[REDACTED]\",\"amount\":12.5}}");
    }

    @Test
    void should_redact_token_when_nginx_query_string_carries_it() {
        String line = "10.0.0.7 - - [12/Mar/2024:10:15:32 +0000] \"GET /login?user=bob&token=abc123 HTTP/1.1\" 200 612";

        assertThat(redactor.redactText(line)).isEqualTo(
                "10.0.0.7 - - [12/Mar/2024:10:15:32 +0000] \"GET /login?user=bob&token=[REDACTED] HTTP/1.1\" 200 612");
    }

    @Test
    void should_redact_every_secret_when_message_has_several() {
        String line = "password=a1 user=bob token=b2 key AKIAIOSFODNN7EXAMPLE card 4111111111111111 " + JWT;

        assertThat(redactor.redactText(line)).isEqualTo(
                "password=[REDACTED] user=bob token=[REDACTED] key [REDACTED] card [REDACTED] [REDACTED]");
    }

    @Test
    void should_redact_once_when_matches_overlap() {
        assertThat(redactor.redactText("token=" + JWT + " ok")).isEqualTo("token=[REDACTED] ok");
        assertThat(redactor.redactText("Authorization: Bearer " + JWT)).isEqualTo("Authorization: Bearer [REDACTED]");
    }

    @Test
    void should_redact_secret_when_it_is_at_start_or_end() {
        assertThat(redactor.redactText("AKIAIOSFODNN7EXAMPLE leaked")).isEqualTo("[REDACTED] leaked");
        assertThat(redactor.redactText("leaked: AKIAIOSFODNN7EXAMPLE")).isEqualTo("leaked: [REDACTED]");
        assertThat(redactor.redactText(AWS_SECRET)).isEqualTo("[REDACTED]");
        assertThat(redactor.redactText("4111111111111111")).isEqualTo("[REDACTED]");
        assertThat(redactor.redactText("end password=x")).isEqualTo("end password=[REDACTED]");
        assertThat(redactor.redactText(JWT)).isEqualTo("[REDACTED]");
    }

    @Test
    void should_keep_unicode_intact_when_secrets_sit_between_it() {
        String line = "Пароль: password=hunter2 ✓ 日本語 4111 1111 1111 1111 🎉 AKIAIOSFODNN7EXAMPLE ü";

        assertThat(redactor.redactText(line)).isEqualTo("Пароль: password=[REDACTED] ✓ 日本語 [REDACTED] 🎉 [REDACTED] ü");
    }

    @Test
    void should_leave_email_when_email_rule_is_off_by_default() {
        String line = "reset sent to bob.smith+test@example.co.uk";

        assertThat(redactor.redactText(line)).isSameAs(line);
    }

    @Test
    void should_redact_email_when_email_rule_is_on() {
        Redactor withEmail = new Redactor(RedactionConfig.fromSpec("+email"));

        assertThat(withEmail.redactText("reset sent to bob.smith+test@example.co.uk."))
                .isEqualTo("reset sent to [REDACTED].");
        String noDomain = "ssh postgres@localhost and @handle and a@b.c1";
        assertThat(withEmail.redactText(noDomain)).isSameAs(noDomain);
    }

    @Test
    void should_redact_basic_credentials_when_only_bearer_rule_is_on() {
        Redactor bearerOnly = new Redactor(RedactionConfig.fromSpec("bearer_tokens"));

        assertThat(bearerOnly.redactText("Authorization: Basic dXNlcjpwYXNz"))
                .isEqualTo("Authorization: Basic [REDACTED]");
        assertThat(bearerOnly.redactText("{\"authorization\":\"Bearer abc\"} AUTHORIZATION: BEARER xyz"))
                .isEqualTo("{\"authorization\":\"Bearer [REDACTED]\"} AUTHORIZATION: BEARER [REDACTED]");
        String noScheme = "password=hunter2 Authorization: hunter3 basic auth";
        assertThat(bearerOnly.redactText(noScheme)).isSameAs(noScheme);
    }

    @Test
    void should_redact_to_line_end_when_quote_is_never_closed() {
        assertThat(redactor.redactText("password=\"hunter2 and more")).isEqualTo("password=\"[REDACTED] and more");
        assertThat(redactor.redactText("truncated password=\"hunter2")).isEqualTo("truncated password=\"[REDACTED]");
        String dangling = "truncated token=\"";
        assertThat(redactor.redactText(dangling)).isSameAs(dangling);
    }

    @Test
    void should_redact_value_when_key_is_separated_by_blanks_or_escaped_quotes() {
        assertThat(redactor.redactText("{\\\"password\\\": \\\"hunter2\\\"}"))
                .isEqualTo("{\\\"password\\\": \\\"[REDACTED]\\\"}");
        assertThat(redactor.redactText("Password\t:\tTopSecret1 next")).isEqualTo("Password\t:\t[REDACTED] next");
    }

    @Test
    void should_leave_text_when_rule_is_switched_off() {
        Redactor noCards = new Redactor(RedactionConfig.fromSpec("-card_numbers"));
        String line = "card 4111 1111 1111 1111";

        assertThat(noCards.redactText(line)).isSameAs(line);
    }
}
