package org.example.appeals;

/** Whether {@link Initialised} was initialised. */
public final class Witness {

    /** Set by {@link Initialised}'s static initialiser. */
    public static volatile boolean initialised;

    private Witness() {
    }
}
