package dev.agenticchat.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scenario's counts, from the product's stored state read back over its API after the run (every
 * thread of every user, its messages and its artifacts), set against what each client saw live.
 */
final class Findings {
    private final String scenario;
    private final String description;
    private final ObjectNode json = Api.JSON.createObjectNode();
    private final ArrayNode evidence = Api.JSON.createArrayNode();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private Double recoveryMaxSeconds;
    private Double recoveryTarget;

    private Findings(String scenario, String description) {
        this.scenario = scenario;
        this.description = description;
    }

    String scenario() {
        return scenario;
    }

    String description() {
        return description;
    }

    Map<String, Integer> counts() {
        return counts;
    }

    Double recoveryMaxSeconds() {
        return recoveryMaxSeconds;
    }

    Double recoveryTarget() {
        return recoveryTarget;
    }

    ObjectNode json() {
        return json;
    }

    /** Zero loss, zero doubling, every turn ended; and the recovery target where the scenario has one. */
    boolean passed() {
        boolean counted = counts.get("lost") == 0 && counts.get("user_doubled") == 0 && counts.get("replies_doubled") == 0
                && counts.get("artifacts_doubled") == 0 && counts.get("never_answered") == 0 && counts.get("replies_missing") == 0;
        boolean recovered = recoveryTarget == null || (recoveryMaxSeconds != null && recoveryMaxSeconds <= recoveryTarget);
        return counted && recovered && json.path("expectations_met").asBoolean(true);
    }

    static Findings of(String scenario, String description, List<Turn> turns, List<Client> clients, Api api, Timeline timeline,
                       Instant began, Double recoveryTarget) {
        Findings findings = new Findings(scenario, description);
        findings.recoveryTarget = recoveryTarget;
        Map<String, List<JsonNode>> userMessagesByContent = new HashMap<>();
        Map<String, Integer> assistantsByThread = new HashMap<>();
        Map<String, Integer> artifactsByThread = new HashMap<>();
        for (Client client : clients) {
            String token = client.session().accessToken();
            for (JsonNode thread : api.all("/api/threads", token)) {
                String threadId = thread.path("id").asText();
                for (JsonNode message : api.all("/api/threads/" + threadId + "/messages", token)) {
                    if ("user".equals(message.path("role").asText())) {
                        userMessagesByContent.computeIfAbsent(message.path("content").asText(), c -> new ArrayList<>()).add(message);
                    } else if ("assistant".equals(message.path("role").asText())) {
                        assistantsByThread.merge(threadId, 1, Integer::sum);
                    }
                }
                artifactsByThread.put(threadId, api.all("/api/artifacts?thread_id=" + threadId, token).size());
            }
        }
        int acknowledged = 0, completed = 0, failed = 0, notAcknowledged = 0, storedWithoutAck = 0, lost = 0, userDoubled = 0,
                repliesDoubled = 0, artifactsDoubled = 0, neverAnswered = 0, repliesMissing = 0, fromHistory = 0, rerun = 0, noArtifact = 0, reconnected = 0;
        long longestTurn = 0;
        Map<String, Integer> failCodes = new TreeMap<>();
        List<Long> ackMillis = new ArrayList<>();
        for (Turn turn : turns) {
            List<JsonNode> stored = userMessagesByContent.getOrDefault(turn.content, List.of());
            String threadId = turn.threadId != null ? turn.threadId : stored.isEmpty() ? null : stored.get(0).path("thread_id").asText();
            int assistants = threadId == null ? 0 : assistantsByThread.getOrDefault(threadId, 0);
            int artifacts = threadId == null ? 0 : artifactsByThread.getOrDefault(threadId, 0);
            if (turn.acknowledged()) {
                acknowledged++;
                ackMillis.add(Duration.between(turn.sentAt, turn.ackAt).toMillis());
                if (stored.isEmpty()) {
                    lost++;
                    findings.problem("lost", turn, "acknowledged, but no stored user message in the user's threads");
                }
            } else {
                notAcknowledged++;
                if (!stored.isEmpty()) {
                    storedWithoutAck++;
                }
            }
            if (stored.size() > 1) {
                userDoubled++;
                findings.problem("user_doubled", turn, stored.size() + " stored user messages");
            }
            if (assistants > 1) {
                repliesDoubled++;
                findings.problem("replies_doubled", turn, assistants + " assistant messages in thread " + threadId);
            }
            if (artifacts > 1) {
                artifactsDoubled++;
                findings.problem("artifacts_doubled", turn, artifacts + " artifacts in thread " + threadId + " (one chart asked for)");
            }
            if (turn.outcome == Turn.Outcome.COMPLETED) {
                completed++;
                if (artifacts == 0) {
                    noArtifact++;
                }
                if (assistants == 0) {
                    repliesMissing++;
                    findings.problem("replies_missing", turn, "turn_completed seen, but no stored assistant message");
                }
            } else if (turn.outcome == Turn.Outcome.FAILED) {
                failed++;
                failCodes.merge(turn.failCode, 1, Integer::sum);
            }
            boolean ended = turn.outcome == Turn.Outcome.COMPLETED || turn.outcome == Turn.Outcome.FAILED;
            if (turn.acknowledged() && !ended && assistants == 0) {
                neverAnswered++;
                findings.problem("never_answered", turn, "no turn_completed/turn_failed within the deadline and no stored reply");
            }
            if (turn.answeredFromHistory) {
                fromHistory++;
                findings.problem("seen_only_in_history", turn, "the sender's socket never got the turn's end; the stored history has it");
            }
            if (turn.reconnects > 0) {
                reconnected++;
            }
            if (turn.ackAt != null && turn.endedAt != null) {
                longestTurn = Math.max(longestTurn, Duration.between(turn.ackAt, turn.endedAt).toMillis());
            }
            if (turn.turnStarts > 1) {
                rerun++;
            }
        }
        findings.counts.put("turns", turns.size());
        findings.counts.put("acknowledged", acknowledged);
        findings.counts.put("completed", completed);
        findings.counts.put("failed", failed);
        findings.counts.put("not_acknowledged", notAcknowledged);
        findings.counts.put("stored_without_ack", storedWithoutAck);
        findings.counts.put("lost", lost);
        findings.counts.put("user_doubled", userDoubled);
        findings.counts.put("replies_doubled", repliesDoubled);
        findings.counts.put("artifacts_doubled", artifactsDoubled);
        findings.counts.put("never_answered", neverAnswered);
        findings.counts.put("replies_missing", repliesMissing);
        findings.counts.put("seen_only_in_history", fromHistory);
        findings.counts.put("turns_with_reconnect", reconnected);
        findings.counts.put("turns_run_again", rerun);
        findings.counts.put("completed_without_artifact", noArtifact);
        ObjectNode json = findings.json;
        json.put("scenario", scenario);
        json.put("description", description);
        json.put("duration_s", Duration.between(began, Instant.now()).toSeconds());
        ObjectNode countsJson = json.putObject("counts");
        findings.counts.forEach(countsJson::put);
        ObjectNode codes = json.putObject("failed_by_code");
        failCodes.forEach((code, n) -> codes.put(String.valueOf(code), n));
        ackMillis.sort(Long::compare);
        if (!ackMillis.isEmpty()) {
            json.put("ack_p50_ms", ackMillis.get(ackMillis.size() / 2));
            json.put("ack_max_ms", ackMillis.get(ackMillis.size() - 1));
        }
        json.put("longest_turn_ms", longestTurn);
        ArrayNode faults = json.putArray("faults");
        for (Timeline.Fault fault : timeline.faults()) {
            Optional<Duration> recovery = timeline.recovery(fault);
            ObjectNode f = faults.addObject().put("what", fault.what())
                    .put("started_at", fault.startedAt().toString()).put("ended_at", fault.endedAt().toString())
                    .put("fault_s", Duration.between(fault.startedAt(), fault.endedAt()).toMillis() / 1000.0);
            if (recovery.isPresent()) {
                double seconds = recovery.get().toMillis() / 1000.0;
                f.put("recovery_s", seconds);
                findings.recoveryMaxSeconds = findings.recoveryMaxSeconds == null ? seconds : Math.max(findings.recoveryMaxSeconds, seconds);
            } else {
                f.putNull("recovery_s");
                // no turn completed after this fault: recovery is unbounded as far as this run can tell
                findings.recoveryMaxSeconds = Double.POSITIVE_INFINITY;
            }
        }
        if (findings.recoveryMaxSeconds != null && !findings.recoveryMaxSeconds.isInfinite()) {
            json.put("recovery_max_s", findings.recoveryMaxSeconds);
        } else if (findings.recoveryMaxSeconds != null) {
            json.putNull("recovery_max_s");
        }
        if (recoveryTarget != null) {
            json.put("recovery_target_s", recoveryTarget);
        }
        json.set("evidence", findings.evidence);
        return findings;
    }

    /** A scenario-specific expectation (e.g. a persistently failing model ends every turn as failed). */
    void expect(String what, boolean met) {
        ArrayNode expectations = json.has("expectations") ? (ArrayNode) json.get("expectations") : json.putArray("expectations");
        expectations.addObject().put("expectation", what).put("met", met);
        json.put("expectations_met", json.path("expectations_met").asBoolean(true) && met);
    }

    void verdict() {
        json.put("verdict", passed() ? "pass" : "fail");
    }

    private void problem(String kind, Turn turn, String detail) {
        evidence.addObject().put("problem", kind).put("thread_id", turn.threadId).put("client_message_id", turn.clientMessageId)
                .put("turn_id", turn.turnId).put("outcome", String.valueOf(turn.outcome)).put("sends", turn.sends)
                .put("reconnects", turn.reconnects).put("sent_at", String.valueOf(turn.sentAt)).put("detail", detail);
    }
}
