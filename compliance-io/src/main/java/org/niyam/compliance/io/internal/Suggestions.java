package org.niyam.compliance.io.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The known name nearest to a misspelt one, for "did you mean" in error messages, and lists of names in words.
 * The distance is the optimal string alignment distance (Levenshtein with a swap of two neighbours as one edit),
 * ignoring case: 'categroy' is one edit from 'category'. Not API.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name nearest to {@code name}, if it is close enough to be a likely typo (at most two edits, or one
     * in five letters for long names), else null; ties go to the first in {@code known}.
     */
    public static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance && !candidate.equals(name)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 5) ? best : null;
    }

    /** {@code "; did you mean 'category'?"}, or the empty text when no known name is close. */
    public static String didYouMean(String name, Collection<String> known) {
        String closest = closest(name, known);
        return closest == null ? "" : "; did you mean '" + closest + "'?";
    }

    /** The names as a sentence would list them: {@code "a"}, {@code "a and b"}, {@code "a, b and c"}. */
    public static String inWords(Collection<String> names) {
        List<String> all = new ArrayList<>(names);
        if (all.size() <= 1) {
            return all.isEmpty() ? "none" : all.get(0);
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + " and " + all.get(all.size() - 1);
    }

    /** The optimal string alignment distance between two texts. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
