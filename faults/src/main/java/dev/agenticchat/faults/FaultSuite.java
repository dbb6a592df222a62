package dev.agenticchat.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite (issue 17, part 2): starts its own suite on loopback, runs the scenarios named in
 * FAULTS_SCENARIOS against it, verifies each from the stored history, writes
 * {@code faults/results/latest.json} and a summary, regenerates the README's table after a full run,
 * and stops everything it started. Exit status 0 when every scenario passed, 1 when one did not, 2 when
 * the run itself could not be done.
 */
public final class FaultSuite {
    private FaultSuite() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        List<Findings> results = new ArrayList<>();
        Instant began = Instant.now();
        try (LocalSuite suite = new LocalSuite(settings)) {
            suite.start();
            Api api = new Api(suite.gateway(), suite.simulatorUrl());
            Scenarios scenarios = new Scenarios(settings, suite, api);
            for (String scenario : settings.scenarios()) {
                Findings findings = scenarios.run(scenario);
                findings.verdict();
                results.add(findings);
                Progress.say("scenario %s: %s %s", scenario, findings.passed() ? "PASS" : "FAIL", findings.counts());
            }
        } catch (RuntimeException e) {
            Progress.say("the run could not complete: %s", e);
            e.printStackTrace();
            write(settings, results, began, e.toString());
            System.exit(2);
        }
        write(settings, results, began, null);
        System.exit(results.stream().allMatch(Findings::passed) ? 0 : 1);
    }

    private static void write(Settings settings, List<Findings> results, Instant began, String error) {
        ObjectNode json = Api.JSON.createObjectNode();
        json.put("started_at", began.toString());
        json.put("finished_at", Instant.now().toString());
        json.put("seed", settings.seed());
        json.put("clients", settings.clients());
        json.put("full_run", settings.fullRun());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores" + (settings.note().isEmpty() ? "" : "; " + settings.note()));
        if (error != null) {
            json.put("error", error);
        }
        ArrayNode scenarios = json.putArray("scenarios");
        results.forEach(r -> scenarios.add(r.json()));
        Path dir = settings.root().resolve("faults/results");
        try {
            Files.createDirectories(dir);
            Api.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("latest.json").toFile(), json);
            String table = Report.table(results, settings, began);
            Files.writeString(dir.resolve("latest.md"), table);
            System.out.println();
            System.out.println(Report.summary(results));
            System.out.println("results: " + dir.resolve("latest.json") + " and " + dir.resolve("latest.md"));
            if (settings.updateReadme() && settings.fullRun() && error == null) {
                Report.updateReadme(settings.root().resolve("README.md"), table);
                System.out.println("README.md: the fault suite's table regenerated");
            }
        } catch (IOException e) {
            Progress.say("could not write the results: %s", e);
        }
    }
}
