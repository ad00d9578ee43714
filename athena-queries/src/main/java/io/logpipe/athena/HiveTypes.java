package io.logpipe.athena;

import java.util.Locale;

/**
 * Hive type text (as in Athena DDL) to the Trino type of the same values, e.g.
 * {@code array<struct<id:string,timestamp:bigint>>} to {@code ARRAY(ROW("id" varchar, "timestamp" bigint))}.
 * Field names are quoted on the Trino side (so {@code timestamp}, {@code partition} need no special care).
 */
final class HiveTypes {
    private final String s;
    private int i;

    private HiveTypes(String s) {
        this.s = s;
    }

    static String toTrino(String hiveType) {
        HiveTypes p = new HiveTypes(hiveType.strip());
        String type = p.type();
        if (p.i != p.s.length()) {
            throw new IllegalArgumentException("unexpected text in Hive type " + hiveType + " at " + p.i);
        }
        return type;
    }

    private String type() {
        String word = word().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "string" -> "varchar";
            case "varchar", "char" -> word + args();
            case "decimal" -> "decimal" + args();
            case "int", "integer" -> "integer";
            case "tinyint", "smallint", "bigint", "double", "boolean", "date", "timestamp" -> word;
            case "float" -> "real";
            case "binary" -> "varbinary";
            case "array" -> {
                expect('<');
                String element = type();
                expect('>');
                yield "ARRAY(" + element + ")";
            }
            case "map" -> {
                expect('<');
                String key = type();
                expect(',');
                String value = type();
                expect('>');
                yield "MAP(" + key + ", " + value + ")";
            }
            case "struct" -> {
                expect('<');
                StringBuilder row = new StringBuilder("ROW(");
                while (true) {
                    String field = word();
                    expect(':');
                    row.append('"').append(field.toLowerCase(Locale.ROOT)).append("\" ").append(type());
                    while (s.charAt(i) == ' ') {
                        i++;
                    }
                    char c = s.charAt(i++);
                    if (c == '>') {
                        yield row.append(')').toString();
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected ',' or '>' in " + s + " at " + (i - 1));
                    }
                    row.append(", ");
                }
            }
            default -> throw new IllegalArgumentException("unsupported Hive type '" + word + "' in " + s);
        };
    }

    /** Optional {@code (n)} or {@code (p,s)}, returned as written. */
    private String args() {
        if (i < s.length() && s.charAt(i) == '(') {
            int end = s.indexOf(')', i);
            String a = s.substring(i, end + 1).replace(" ", "");
            i = end + 1;
            return a;
        }
        return "";
    }

    private String word() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '`') {
            int end = s.indexOf('`', i + 1);
            String w = s.substring(i + 1, end);
            i = end + 1;
            return w;
        }
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (start == i) {
            throw new IllegalArgumentException("expected a name in Hive type " + s + " at " + i);
        }
        return s.substring(start, i);
    }

    private void expect(char c) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != c) {
            throw new IllegalArgumentException("expected '" + c + "' in Hive type " + s + " at " + i);
        }
        i++;
    }
}
