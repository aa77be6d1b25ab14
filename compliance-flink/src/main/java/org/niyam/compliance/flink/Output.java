package org.niyam.compliance.flink;

import java.util.Objects;

/**
 * What the job writes: a transition, or an obligation still running at the end of a bounded input, as one JSON
 * object with its stable id (the Kafka record key). A Flink POJO.
 */
public class Output {

    /** The stable id: a consumer that sees one twice can tell. */
    public String id;
    /** The JSON object, on one line. */
    public String json;

    /** An empty element, for Flink's POJO serialiser. */
    public Output() {
    }

    /**
     * An element to write.
     *
     * @param id   the stable id, the Kafka record key
     * @param json the JSON object, on one line
     */
    public Output(String id, String json) {
        this.id = id;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Output other && Objects.equals(id, other.id) && Objects.equals(json, other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, json);
    }

    @Override
    public String toString() {
        return json;
    }
}
