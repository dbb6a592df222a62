package dev.agenticchat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command line: scenario names, then {@code --name=value} options; {@code --quick} sets development sizes. */
final class Options {

    static final List<String> SCENARIOS = List.of("single", "concurrent", "paced", "burst", "idle", "ingest", "search");

    static final String USAGE = """
            usage: bench/run [scenario...] [--option=value...]
              scenarios (default: all, in this order): single concurrent paced burst idle ingest search
              --quick                   development sizes: 20 turns, 20,50 concurrent, 20,100 paced, 20 burst,
                                        200 sockets, 1,000 chunks ingested, 5,000 searched
              --warm-up-turns=N         unmeasured turns by 10 users before the first scenario with turns
                                        (default 300; 0: none)
              --turns=N                 single: sequential turns by one user (default 50; 20 more warm up)
              --concurrent=100,500      concurrent: users, each running --turns-per-user turns back to back
              --turns-per-user=N        concurrent (default 3)
              --paced-users=50,1000     paced: concurrent turns with the paced model, one run per size (the
                                        targets are the largest's)
              --first-token-ms=N        paced model: time to first token (default 500)
              --tokens-per-s=N          paced model: tokens per second after it (default 30)
              --tokens=N                paced model: tokens in the answer after the chart (default 200)
              --paced-ramp-ms=N         paced: the turns start evenly over N ms (default: one turn's model time,
                                        2 × first token + tokens / rate, so all are in flight at its end); 0 = at once
              --burst-users=N           burst: users sending at the same instant (default 100)
              --idle-sockets=N          idle: authenticated idle WebSockets (default 20000)
              --ingest-chunks=N         ingest: chunks uploaded through the API (default 10000)
              --chunks=N                search: chunks in the knowledge base (default 100000; topped up in SQL)
              --queries=N               search: queries per mode (default 200)
              --keep-knowledge-base     ingest/search: leave the knowledge base in place afterwards (its id is
                                        printed), to look at its plans and rows in Postgres
              --reuse-knowledge-base=ID search: search the knowledge base an earlier run kept instead of ingesting
              --quiet-cores=X           before the warm-up and each scenario, wait until the suite's processes
                                        together use at most X cores over 3 s (default 0.3): a suite still
                                        working on earlier load (summaries of conversations idle for 30
                                        minutes, ingestion) would count its work as the measured turns'
              --quiet-wait-s=N          give up waiting after N s and measure anyway, saying so (default 600)
              --timeout-s=N             per turn (default 120); ingestion waits the longer of it and a third of a second per chunk
              --out=DIR                 results directory (default bench/results, git-ignored)
              --no-readme               do not rewrite the README's results table
              --gateway=URL             default http://127.0.0.1:8080
            """;

    final List<String> scenarios = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    static Options parse(String[] args) {
        Options o = new Options();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException("");
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                o.values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            } else if (SCENARIOS.contains(arg)) {
                o.scenarios.add(arg);
            } else {
                throw new UsageException("unknown scenario " + arg);
            }
        }
        if (o.scenarios.isEmpty()) {
            o.scenarios.addAll(SCENARIOS);
        }
        if (o.scenarios.contains("search") && !o.scenarios.contains("ingest") && !o.flag("reuse-knowledge-base")) {
            o.scenarios.add(o.scenarios.indexOf("search"), "ingest");
        }
        return o;
    }

    boolean quick() {
        return values.containsKey("quick");
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int full, int quick) {
        String v = values.get(name);
        try {
            return v != null ? Integer.parseInt(v.replace("_", "").replace(",", "")) : quick() ? quick : full;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " wants a number, got " + v);
        }
    }

    double decimal(String name, double fallback) {
        String v = values.get(name);
        try {
            return v != null ? Double.parseDouble(v) : fallback;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " wants a number, got " + v);
        }
    }

    List<Integer> integers(String name, String full, String quick) {
        String v = values.getOrDefault(name, quick() ? quick : full);
        List<Integer> list = new ArrayList<>();
        for (String part : v.split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return list;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path out(Path root) {
        return root.resolve(text("out", "bench/results"));
    }

    Map<String, String> asMap() {
        return values;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
