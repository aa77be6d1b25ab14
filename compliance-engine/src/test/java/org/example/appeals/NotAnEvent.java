package org.example.appeals;

/** A record that is no event. */
public record NotAnEvent(String id) {
}
