package io.logpipe.testkit.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * HTTP header fields in wire order, duplicates kept (names compare case-insensitively).
 *
 * @param fields the fields as received or to be sent
 */
record Headers(List<Field> fields) {

    /** Hop-by-hop fields (RFC 9110 §7.6.1) plus framing fields the proxy always recomputes. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

    static final Headers EMPTY = new Headers(List.of());

    record Field(String name, String value) {
        Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    Headers {
        fields = List.copyOf(fields);
    }

    static Headers of(String... namesAndValues) {
        List<Field> list = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Headers(list);
    }

    Optional<String> first(String name) {
        return fields.stream().filter(f -> f.is(name)).map(Field::value).findFirst();
    }

    List<String> all(String name) {
        return fields.stream().filter(f -> f.is(name)).map(Field::value).toList();
    }

    /** Whether a comma-separated field (Connection, Transfer-Encoding, ...) lists {@code token}. */
    boolean hasToken(String name, String token) {
        return tokens(name).contains(token.toLowerCase(Locale.ROOT));
    }

    /** All comma-separated tokens of the named fields, lower-cased, in order. */
    List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        for (String value : all(name)) {
            for (String t : value.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    Headers without(Predicate<Field> drop) {
        return new Headers(fields.stream().filter(drop.negate()).toList());
    }

    Headers withoutNamed(String name) {
        return without(f -> f.is(name));
    }

    /** Replaces every field called {@code name} with one field. */
    Headers with(String name, String value) {
        List<Field> list = new ArrayList<>(withoutNamed(name).fields);
        list.add(new Field(name, value));
        return new Headers(list);
    }

    /** Drops hop-by-hop fields, including any the Connection field names, as a forwarding proxy must. */
    Headers endToEnd() {
        List<String> named = tokens("connection");
        return without(f -> {
            String n = f.name().toLowerCase(Locale.ROOT);
            return HOP_BY_HOP.contains(n) || named.contains(n);
        });
    }
}
