package io.logpipe.athena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Athena (Glue) {@code CREATE EXTERNAL TABLE} statement, parsed: the subset of Hive DDL that ddl/*.sql uses
 * (columns with COMMENT, PARTITIONED BY, ROW FORMAT SERDE ... WITH SERDEPROPERTIES, STORED AS [INPUTFORMAT ...
 * OUTPUTFORMAT ...], LOCATION, TBLPROPERTIES). Anything else is rejected rather than skipped, so the Trino tables
 * built from it ({@link TrinoTables}) cannot silently drift from what Athena gets. Public for the CDK, which creates
 * the Glue tables from the same parse.
 */
public record AthenaTable(
        String name,
        List<Column> columns,
        List<Column> partitionColumns,
        String serde,
        Map<String, String> serdeProperties,
        String storedAs,
        String inputFormat,
        String outputFormat,
        String location,
        Map<String, String> tableProperties) {

    /** A column; {@code hiveType} is the Hive type text as written, e.g. {@code struct<id:string>}. */
    public record Column(String name, String hiveType, String comment) {
    }

    public static AthenaTable parse(String ddl) {
        return new Parser(ddl).table();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        AthenaTable table() {
            keyword("CREATE");
            keyword("EXTERNAL");
            keyword("TABLE");
            if (peekKeyword("IF")) {
                keyword("IF");
                keyword("NOT");
                keyword("EXISTS");
            }
            String name = identifier();
            List<Column> columns = columns();
            List<Column> partitions = List.of();
            String serde = null;
            Map<String, String> serdeProperties = Map.of();
            String storedAs = null;
            String inputFormat = null;
            String outputFormat = null;
            String location = null;
            Map<String, String> tableProperties = Map.of();
            while (true) {
                skipSpace();
                if (i >= s.length() || s.charAt(i) == ';') {
                    break;
                }
                if (peekKeyword("COMMENT")) {
                    keyword("COMMENT");
                    string();
                } else if (peekKeyword("PARTITIONED")) {
                    keyword("PARTITIONED");
                    keyword("BY");
                    partitions = columns();
                } else if (peekKeyword("ROW")) {
                    keyword("ROW");
                    keyword("FORMAT");
                    keyword("SERDE");
                    serde = string();
                    if (peekKeyword("WITH")) {
                        keyword("WITH");
                        keyword("SERDEPROPERTIES");
                        serdeProperties = properties();
                    }
                } else if (peekKeyword("STORED")) {
                    keyword("STORED");
                    keyword("AS");
                    if (peekKeyword("INPUTFORMAT")) {
                        keyword("INPUTFORMAT");
                        inputFormat = string();
                        keyword("OUTPUTFORMAT");
                        outputFormat = string();
                    } else {
                        storedAs = identifier().toUpperCase(Locale.ROOT);
                    }
                } else if (peekKeyword("LOCATION")) {
                    keyword("LOCATION");
                    location = string();
                } else if (peekKeyword("TBLPROPERTIES")) {
                    keyword("TBLPROPERTIES");
                    tableProperties = properties();
                } else {
                    throw error("unsupported clause");
                }
            }
            skipSpace();
            if (i < s.length() && s.charAt(i) == ';') {
                i++;
            }
            skipSpace();
            if (i < s.length()) {
                throw error("text after the statement");
            }
            return new AthenaTable(name, columns, partitions, serde, serdeProperties, storedAs, inputFormat,
                    outputFormat, location, tableProperties);
        }

        private List<Column> columns() {
            expect('(');
            List<Column> columns = new ArrayList<>();
            while (true) {
                String name = identifier();
                String type = type();
                String comment = null;
                if (peekKeyword("COMMENT")) {
                    keyword("COMMENT");
                    comment = string();
                }
                columns.add(new Column(name.toLowerCase(Locale.ROOT), type, comment));
                skipSpace();
                char c = s.charAt(i++);
                if (c == ')') {
                    return List.copyOf(columns);
                }
                if (c != ',') {
                    throw error("expected ',' or ')'");
                }
            }
        }

        /** Hive type text up to the next ',' or ')' outside angle brackets and parentheses, or a COMMENT. */
        private String type() {
            skipSpace();
            int start = i;
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '<' || c == '(') {
                    depth++;
                } else if (c == '>' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                    break;
                }
                i++;
            }
            if (i == start) {
                throw error("expected a type");
            }
            return s.substring(start, i);
        }

        private Map<String, String> properties() {
            expect('(');
            Map<String, String> properties = new LinkedHashMap<>();
            while (true) {
                String key = string();
                expect('=');
                String value = string();
                if (properties.put(key, value) != null) {
                    throw error("duplicate property " + key);
                }
                skipSpace();
                char c = s.charAt(i++);
                if (c == ')') {
                    return properties;
                }
                if (c != ',') {
                    throw error("expected ',' or ')'");
                }
            }
        }

        private String identifier() {
            skipSpace();
            if (s.charAt(i) == '`') {
                int end = s.indexOf('`', i + 1);
                String name = s.substring(i + 1, end);
                i = end + 1;
                return name;
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                    || s.charAt(i) == '.')) {
                i++;
            }
            if (i == start) {
                throw error("expected an identifier");
            }
            return s.substring(start, i);
        }

        /** A single-quoted literal; {@code ''} and backslash escape a quote. */
        private String string() {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != '\'') {
                throw error("expected a quoted string");
            }
            StringBuilder out = new StringBuilder();
            i++;
            while (true) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    out.append(s.charAt(i++));
                } else if (c == '\'') {
                    if (i < s.length() && s.charAt(i) == '\'') {
                        out.append('\'');
                        i++;
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private boolean peekKeyword(String word) {
            skipSpace();
            int end = i + word.length();
            return s.regionMatches(true, i, word, 0, word.length())
                    && (end >= s.length() || !(Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'));
        }

        private void keyword(String word) {
            if (!peekKeyword(word)) {
                throw error("expected " + word);
            }
            i += word.length();
        }

        private void expect(char c) {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        /** Skips whitespace and {@code --} line comments. */
        private void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? s.length() : nl + 1;
                } else {
                    return;
                }
            }
        }

        private IllegalArgumentException error(String what) {
            int line = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) {
                line += s.charAt(k) == '\n' ? 1 : 0;
            }
            String near = s.substring(Math.min(i, s.length()), Math.min(i + 40, s.length()));
            return new IllegalArgumentException("Athena DDL, line " + line + ": " + what + " near '" + near + "'");
        }
    }
}
