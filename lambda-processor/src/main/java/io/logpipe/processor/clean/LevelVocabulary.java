package io.logpipe.processor.clean;

import io.logpipe.processor.model.Level;

/**
 * A fixed set of lowercase level words, looked up case-insensitively in a slice of a
 * {@link CharSequence} without allocating: candidates are bucketed by length, rejected on the
 * first char, then compared char by char. Immutable after construction, thread-safe.
 */
final class LevelVocabulary {

    private final String[][] wordsByLength;
    private final Level[][] levelsByLength;

    /** @param entries alternating lowercase ASCII word ({@code String}) and {@link Level} */
    LevelVocabulary(Object... entries) {
        int maxLength = 0;
        for (int i = 0; i < entries.length; i += 2) {
            maxLength = Math.max(maxLength, ((String) entries[i]).length());
        }
        wordsByLength = new String[maxLength + 1][0];
        levelsByLength = new Level[maxLength + 1][0];
        for (int i = 0; i < entries.length; i += 2) {
            String word = (String) entries[i];
            int n = word.length();
            wordsByLength[n] = append(wordsByLength[n], word);
            levelsByLength[n] = append(levelsByLength[n], (Level) entries[i + 1]);
        }
    }

    /** The level of {@code s[start, end)} ignoring ASCII case, or null. */
    Level find(CharSequence s, int start, int end) {
        int length = end - start;
        if (length <= 0 || length >= wordsByLength.length) {
            return null;
        }
        String[] words = wordsByLength[length];
        int first = s.charAt(start) | 0x20;
        for (int w = 0; w < words.length; w++) {
            if (words[w].charAt(0) == first && equalsIgnoreCase(s, start, words[w])) {
                return levelsByLength[length][w];
            }
        }
        return null;
    }

    /**
     * {@code c | 0x20} lower-cases an ASCII letter and maps no other char onto a lowercase
     * letter, so it is a safe case-insensitive compare against a lowercase ASCII word.
     */
    private static boolean equalsIgnoreCase(CharSequence s, int start, String lowerWord) {
        for (int i = 1; i < lowerWord.length(); i++) {
            if ((s.charAt(start + i) | 0x20) != lowerWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static <T> T[] append(T[] array, T item) {
        T[] copy = java.util.Arrays.copyOf(array, array.length + 1);
        copy[array.length] = item;
        return copy;
    }
}
