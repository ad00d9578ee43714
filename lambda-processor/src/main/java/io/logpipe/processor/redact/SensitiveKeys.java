package io.logpipe.processor.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Decides whether a key names a secret. Keys are normalised by lower-casing and dropping {@code _ - .}, so
 * {@code X-Api-Key}, {@code x_api_key} and {@code xApiKey} are the same key.
 *
 * <p>A key is sensitive when its normalised form
 * <ul>
 *   <li>ends with one of {@link #SUFFIXES} ({@code db_password}, {@code github_token}, {@code client_secret},
 *       {@code set-cookie}, {@code session_token}, {@code JSESSIONID}), or</li>
 *   <li>equals one of {@link #EXACT} or one of the configured extra keys ({@code pwd}, {@code pass}).</li>
 * </ul>
 * Because only the end of the key counts, counters and descriptors stay visible: {@code tokens_used},
 * {@code token_count}, {@code token_type}, {@code max_tokens}, {@code password_length}, {@code bypass}. Plurals
 * count for passwords, secrets, api keys and cookies but not for {@code tokens}, which in logs is nearly always a
 * count (LLM usage, rate limits). Pagination keys such as {@code next_token} do end with "token" and are
 * redacted; that costs nothing important.
 *
 * <p>The words are stored reversed in a small trie and the key is walked from its last character backwards,
 * so a check stops at the first character that cannot end a sensitive key and never allocates. In text, a table
 * of the letter pairs that end sensitive keys rejects most {@code =} and {@code :} before any walk.
 */
final class SensitiveKeys {

    /** Normalised endings that make any key sensitive. */
    static final List<String> SUFFIXES = List.of(
            "password", "passwords", "passwd", "passphrase", "secret", "secrets", "token", "apikey", "apikeys",
            "secretkey", "privatekey", "secretaccesskey", "authorization", "credentials", "cookie", "cookies",
            // A session id is a bearer credential (OWASP's logging cheat sheet: never log it): session_id,
            // sessionId, x-session-id, JSESSIONID, session_key.
            "sessionid", "sessionkey");

    /** Normalised keys that are sensitive only on their own ({@code pass}, but not {@code bypass}). */
    static final List<String> EXACT = List.of("pass", "pwd");

    private final Node root = new Node();
    /** ASCII characters (both cases) that can end a sensitive key: the labels of the trie root. */
    private final boolean[] lastChars = new boolean[128];
    /** Pairs of ASCII letters that can end a sensitive key, indexed case-insensitively by {@link #pairIndex}. */
    private final boolean[] lastPairs = new boolean[32 * 32];

    private SensitiveKeys(Collection<String> suffixes, Collection<String> exact) {
        suffixes.forEach(word -> insert(word, true));
        exact.forEach(word -> insert(normalize(word), false));
        for (char c : root.labels) {
            if (c < 128) {
                lastChars[c] = true;
                lastChars[Character.toUpperCase(c)] = true;
            }
        }
        for (String word : concat(suffixes, exact)) {
            String w = normalize(word);
            if (w.length() >= 2 && isAsciiLetter(w.charAt(w.length() - 2)) && isAsciiLetter(w.charAt(w.length() - 1))) {
                lastPairs[pairIndex(w.charAt(w.length() - 2), w.charAt(w.length() - 1))] = true;
            }
        }
    }

    /** The built-in keys plus {@code extraKeys} (matched whole). */
    static SensitiveKeys withExtras(Collection<String> extraKeys) {
        return new SensitiveKeys(SUFFIXES, concat(EXACT, extraKeys));
    }

    /** Only keys ending with "authorization": the context that makes "Basic xyz" a credential. */
    static SensitiveKeys authorizationOnly() {
        return new SensitiveKeys(List.of("authorization"), List.of());
    }

    /** Cheap pre-check: whether a key ending with {@code c} can be sensitive at all. */
    boolean mayEndWith(char c) {
        return c < 128 ? lastChars[c] : root.child(Character.toLowerCase(c)) != null;
    }

    /**
     * Cheap pre-check on the last two characters of a key in text. Two letters must be a known ending pair
     * ({@code rd}, {@code en}, {@code ey}, …: "order_id", "items" or "status" fail here); anything else, such as a
     * separator or digit, falls back to the one-character check.
     */
    boolean mayEndWith(char beforeLast, char last) {
        if (isAsciiLetter(beforeLast) && isAsciiLetter(last)) {
            return lastPairs[pairIndex(beforeLast, last)];
        }
        return mayEndWith(last);
    }

    private static int pairIndex(char a, char b) {
        return (a & 31) << 5 | (b & 31); // the low five bits of an ASCII letter ignore its case
    }

    private static boolean isAsciiLetter(char c) {
        return CharClass.is(c, CharClass.LETTER);
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Lower-cased with the separators {@code _ - .} removed; used for configured extra keys. */
    static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isIgnored(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** Whether the whole of {@code key} is sensitive. */
    boolean matches(String key) {
        return key != null && walk(key, key.length(), false);
    }

    /**
     * Whether the key that ends just before {@code end} in free text is sensitive. In text a key is a run of
     * {@code [A-Za-z0-9_.-]}; the first other character before it marks its start.
     */
    boolean matchesTextKeyEndingAt(String text, int end) {
        return walk(text, end, true);
    }

    private boolean walk(String s, int end, boolean textKey) {
        Node node = root;
        int consumed = 0;
        for (int i = end - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (textKey && !CharClass.is(c, CharClass.KEY)) {
                break;
            }
            if (isIgnored(c)) {
                continue;
            }
            node = node.child(c < 128 ? CharClass.lower(c) : Character.toLowerCase(c));
            if (node == null) {
                return false;
            }
            if (node.suffix) {
                return true;
            }
            consumed++;
        }
        return consumed > 0 && node.exact;
    }

    private static boolean isIgnored(char c) {
        return c == '_' || c == '-' || c == '.';
    }

    private void insert(String word, boolean suffix) {
        if (word.isEmpty()) {
            return;
        }
        Node node = root;
        for (int i = word.length() - 1; i >= 0; i--) {
            node = node.childOrCreate(word.charAt(i));
        }
        if (suffix) {
            node.suffix = true;
        } else {
            node.exact = true;
        }
    }

    /** A trie node; children are kept in small parallel arrays since fan-out is tiny. */
    private static final class Node {
        private char[] labels = new char[0];
        private Node[] children = new Node[0];
        private boolean suffix;
        private boolean exact;

        Node child(char c) {
            char[] l = labels;
            for (int i = 0; i < l.length; i++) {
                if (l[i] == c) {
                    return children[i];
                }
            }
            return null;
        }

        Node childOrCreate(char c) {
            Node existing = child(c);
            if (existing != null) {
                return existing;
            }
            Node created = new Node();
            labels = Arrays.copyOf(labels, labels.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            labels[labels.length - 1] = c;
            children[children.length - 1] = created;
            return created;
        }
    }
}
