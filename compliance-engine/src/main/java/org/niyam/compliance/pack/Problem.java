package org.niyam.compliance.pack;

import java.io.Serializable;

/**
 * One thing wrong with a rule pack, located so that its author can fix it.
 *
 * @param source  the file or classpath resource, e.g. {@code classpath:org/niyam/compliance/rules/india/removal.drl}
 * @param line    1-based line, or 0 when the problem is not tied to a line
 * @param message what is wrong and what to do about it
 * @serial exclude the serialized form is no part of the API: it lets a {@link RulePackException} keep its problems
 *         when it is sent between processes by the same version of Niyam
 */
public record Problem(String source, int line, String message) implements Serializable {

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
}
