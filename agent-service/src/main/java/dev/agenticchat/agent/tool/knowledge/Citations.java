package dev.agenticchat.agent.tool.knowledge;

import dev.agenticchat.agent.StoredText;
import dev.agenticchat.contracts.events.TurnCompleted;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The citation candidates of a turn: every passage a knowledge search showed the model,
 * numbered once per turn (a chunk shown twice keeps its first number, so [n] means the same
 * passage throughout the turn, and in a run repeated after a takeover).
 *
 * <p>Which of them the completed turn cites: the answer's [n] markers decide when it has
 * any that name a candidate, since the model then said which passages it relied on; an
 * answer without markers cites every passage the searches returned, since it may rest on any
 * of them and showing sources the model saw is safer than showing none.
 */
@Singleton
public class Citations {
    /** [1], [2, 3], [1][4]: a bracket holding numbers separated by commas. */
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");

    private final TurnCitationRepository citations;

    Citations(TurnCitationRepository citations) {
        this.citations = citations;
    }

    /** Records the passages as candidates of the turn; returns them with their numbers, in the given order. */
    @Transactional
    List<TurnCitation> number(UUID turnId, List<Passage> passages) {
        Map<String, TurnCitation> byChunk = new HashMap<>();
        int next = 1;
        for (TurnCitation known : citations.findByTurnIdOrderByNumber(turnId)) {
            byChunk.put(known.chunkId(), known);
            next = Math.max(next, known.number() + 1);
        }
        List<TurnCitation> numbered = new ArrayList<>();
        for (Passage passage : passages) {
            TurnCitation citation = byChunk.get(passage.chunkId());
            if (citation == null) {
                citation = citations.save(new TurnCitation(UUID.randomUUID(), turnId, next++, passage.chunkId(),
                        passage.documentId(), StoredText.of(passage.title()), passage.page(), StoredText.of(passage.text()),
                        passage.score(), Instant.now()));
                byChunk.put(citation.chunkId(), citation);
            }
            numbered.add(citation);
        }
        return numbered;
    }

    /** The citations of a turn that ends with this answer (see the class comment for the choice). */
    public List<TurnCompleted.Citation> forAnswer(UUID turnId, String answer) {
        List<TurnCitation> candidates = citations.findByTurnIdOrderByNumber(turnId);
        return select(candidates, answer).stream()
                .map(c -> new TurnCompleted.Citation(c.documentId(), c.title(), c.page(), c.passage(), c.score()))
                .toList();
    }

    static List<TurnCitation> select(List<TurnCitation> candidates, String answer) {
        Set<Integer> referenced = referencedNumbers(answer);
        List<TurnCitation> cited = candidates.stream().filter(c -> referenced.contains(c.number())).toList();
        return cited.isEmpty() ? candidates : cited;
    }

    static Set<Integer> referencedNumbers(String answer) {
        Set<Integer> numbers = new LinkedHashSet<>();
        Matcher matcher = MARKER.matcher(answer == null ? "" : answer);
        while (matcher.find()) {
            for (String number : matcher.group(1).split(",")) {
                numbers.add(Integer.parseInt(number.strip()));
            }
        }
        return numbers;
    }
}
