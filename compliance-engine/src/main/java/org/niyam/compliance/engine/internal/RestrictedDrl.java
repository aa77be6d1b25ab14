package org.niyam.compliance.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.niyam.compliance.engine.Problem;
import org.niyam.compliance.engine.RulePack;

/**
 * The restricted mode for DRL loaded from outside Niyam: DRL is Java code, so a rule could read files, open
 * sockets, start processes or reflect on the engine. In restricted mode such uses are refused before anything is
 * compiled, each named with its file and line. It is a guard against mistakes and casual misuse, not a security
 * sandbox: load only rule packs you would run as code. Not API.
 */
public final class RestrictedDrl {

    private record Forbidden(Pattern pattern, String what) {
    }

    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden(Pattern.compile("\\bimport\\s+(static\\s+)?(java\\.(io|nio|net|lang\\.reflect|lang\\.invoke)"
                    + "|javax\\.|sun\\.|jdk\\.|java\\.lang\\.(System|Runtime|ProcessBuilder|Thread|ClassLoader))"),
                    "an import of file, network, process or reflection classes"),
            new Forbidden(Pattern.compile("\\bjava\\s*\\.\\s*(io|nio|net|lang\\s*\\.\\s*(reflect|invoke))\\s*\\."
                    + "|\\b(javax|sun|jdk)\\s*\\."), "file, network, reflection or platform-internal classes"),
            new Forbidden(Pattern.compile("\\bSystem\\s*\\."), "System (environment, properties, exit, streams)"),
            new Forbidden(Pattern.compile("\\b(Runtime|ProcessBuilder|ProcessHandle)\\b"), "processes"),
            new Forbidden(Pattern.compile("\\b(Thread|ThreadGroup|ClassLoader|SecurityManager)\\b"),
                    "threads or class loaders"),
            new Forbidden(Pattern.compile("\\bClass\\s*\\.\\s*forName\\b|\\.\\s*getClass\\s*\\(|\\bgetDeclared\\w*\\s*\\("
                    + "|\\bsetAccessible\\s*\\(|\\bMethodHandles?\\b"), "reflection"),
            new Forbidden(Pattern.compile("\\b(Files|Paths|FileSystems|File|FileInputStream|FileOutputStream|FileReader"
                    + "|FileWriter|RandomAccessFile)\\b"), "the file system"),
            new Forbidden(Pattern.compile("\\b(Socket|ServerSocket|DatagramSocket|URL|URI|HttpClient|URLConnection"
                    + "|InetAddress)\\b"), "the network"));

    private RestrictedDrl() {
    }

    /** Every forbidden use in the pack's DRL, or nothing for a pack loaded with {@link RulePack#unrestricted()}. */
    public static List<Problem> check(RulePack pack) {
        List<Problem> problems = new ArrayList<>();
        if (!pack.restricted()) {
            return problems;
        }
        for (RulePack.DrlSource source : pack.sources()) {
            String[] lines = DrlText.code(source.text()).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Forbidden forbidden : FORBIDDEN) {
                    Matcher m = forbidden.pattern().matcher(lines[i]);
                    if (m.find()) {
                        problems.add(new Problem(source.origin(), i + 1, "'" + m.group().strip() + "': rules loaded "
                                + "from outside Niyam may not use " + forbidden.what() + ". Rules only decide: they "
                                + "insert Duty, Discharge, Assessment or Finding facts. If you have reviewed this pack "
                                + "and trust it as code, load it with RulePack...unrestricted()"));
                        break;
                    }
                }
            }
        }
        return problems;
    }

}
