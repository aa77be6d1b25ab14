package org.niyam.compliance.engine.internal.sandbox;

/** A user pack of many ordinary rules: a join, a {@code not}, an insert each. */
public final class RestrictedBuildCostPack {

    private RestrictedBuildCostPack() {
    }

    /** The DRL of a pack of {@code rules} rules. */
    public static String drl(int rules) {
        StringBuilder drl = new StringBuilder("""
                package org.example.cost;

                import java.util.List;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;

                """);
        for (int i = 0; i < rules; i++) {
            drl.append("""
                    rule "cost.%1$d"
                        @citation("Section %1$d")
                    when
                        $c : ComplaintReceived(category != null)
                        not CustomEvent(kind == "cost.%1$d", caseId == $c.caseId)
                    then
                        insert(new Finding("cost.%1$d", $c.caseId(), "Complaint " + $c.id() + " has no event %1$d",
                                List.of($c.id())));
                    end

                    """.formatted(i));
        }
        return drl.toString();
    }
}
