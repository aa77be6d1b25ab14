package org.niyam.compliance.engine.internal.sandbox;

/** Finds a throwable of a type among the causes of what a rule or Drools threw. Not API. */
public final class Causes {

    private Causes() {
    }

    /**
     * {@return the first throwable of {@code type} among {@code thrown} and its causes, or {@code null}} A rule's
     * exception may hold a cycle of causes: at most 64 are looked at.
     */
    public static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < 64; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
