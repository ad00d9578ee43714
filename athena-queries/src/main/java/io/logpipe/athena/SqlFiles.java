package io.logpipe.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module's SQL files (src/main/sql): {@code ddl/} (Athena/Glue DDL, Hive dialect), {@code views/} and
 * {@code named/} (Athena engine v3 SQL, which is Trino SQL). A file holds one statement; {@link SqlFile#statement()}
 * is its text without the trailing semicolon, byte for byte otherwise. Public for the CDK (Glue tables, named queries).
 */
public final class SqlFiles {
    /** {@code -- @param name type description}: a named query's positional parameters, in order. */
    private static final Pattern PARAM = Pattern.compile("^--\\s*@param\\s+(\\w+)\\s+(\\w+)\\s+(.*)$");

    public record Param(String name, String type, String description) {
    }

    public record SqlFile(Path path, String name, String text, List<Param> params) {
        /** The statement as Trino or Athena receives it: the file without its trailing ';' and whitespace. */
        public String statement() {
            String s = text.strip();
            return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
        }

        /** The leading comment block (the header), without the "-- " markers. */
        public String header() {
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.startsWith("--")) {
                    break;
                }
                out.append(line.substring(2).strip()).append('\n');
            }
            return out.toString();
        }
    }

    private SqlFiles() {
    }

    /**
     * {@code -Dlogpipe.sql.dir} if set; else {@code src/main/sql} (or {@code athena-queries/src/main/sql}) when run
     * from the module or the repository; else the {@code sql/} folder this module's classes carry (target/classes
     * or the jar).
     */
    public static Path root() {
        String configured = System.getProperty("logpipe.sql.dir");
        if (configured != null) {
            Path dir = Paths.get(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("-Dlogpipe.sql.dir is not a directory: " + dir);
            }
            return dir.toAbsolutePath();
        }
        for (Path dir : List.of(Paths.get("src", "main", "sql"), Paths.get("athena-queries", "src", "main", "sql"))) {
            if (Files.isDirectory(dir.resolve("named"))) {
                return dir.toAbsolutePath();
            }
        }
        Path packaged = packaged();
        if (packaged != null) {
            return packaged;
        }
        throw new IllegalStateException("SQL directory not found; set -Dlogpipe.sql.dir");
    }

    /** The {@code sql/} resources on the class path, as a directory or a folder inside the jar. */
    private static Path packaged() {
        URL url = SqlFiles.class.getClassLoader().getResource("sql/ddl/structured_logs.sql");
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened before
                }
            }
            return Paths.get(uri).getParent().getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the packaged SQL at " + url, e);
        }
    }

    public static List<SqlFile> ddl() {
        return list("ddl");
    }

    public static List<SqlFile> views() {
        return list("views");
    }

    public static List<SqlFile> named() {
        return list("named");
    }

    public static SqlFile ddl(String table) {
        return load(root().resolve("ddl").resolve(table + ".sql"));
    }

    public static SqlFile named(String name) {
        return load(root().resolve("named").resolve(name + ".sql"));
    }

    public static List<SqlFile> list(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().map(SqlFiles::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SqlFile load(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            String file = path.getFileName().toString();
            List<Param> params = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = PARAM.matcher(line.strip());
                if (m.matches()) {
                    params.add(new Param(m.group(1), m.group(2), m.group(3).strip()));
                }
            }
            return new SqlFile(path, file.substring(0, file.length() - 4), text, List.copyOf(params));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
