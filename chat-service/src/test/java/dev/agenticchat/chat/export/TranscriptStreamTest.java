package dev.agenticchat.chat.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenticchat.chat.message.MessageView;
import dev.agenticchat.chat.paging.PageView;
import dev.agenticchat.chat.thread.ThreadView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TranscriptStreamTest {
    private static final Instant AT = Instant.parse("2026-12-02T04:20:00Z");
    private static final ThreadView THREAD = new ThreadView(UUID.randomUUID(), "Thread", List.of(), null, AT, AT);

    /** Writes one line per piece, so the bytes tell which pieces were written and in which order. */
    private static final class Lines implements Transcript {
        @Override
        public String begin(ThreadView thread, Instant exportedAt) {
            return "begin " + thread.title() + "\n";
        }

        @Override
        public String message(int number, MessageView message) {
            return number + " " + message.content() + "\n";
        }

        @Override
        public String end() {
            return "end\n";
        }
    }

    private static MessageView message(String content) {
        return new MessageView(UUID.randomUUID(), THREAD.id(), "user", content, null, null, AT, null, null, null, null, List.of());
    }

    private static PageView<MessageView> page(String cursor, String... contents) {
        return new PageView<>(List.of(contents).stream().map(TranscriptStreamTest::message).toList(), cursor);
    }

    private static String readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        for (int n; (n = in.read(buffer, 0, chunk)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reads_the_next_page_only_once_the_one_before_has_been_read() throws IOException {
        List<String> asked = new ArrayList<>();
        TranscriptStream stream = new TranscriptStream(THREAD, AT, new Lines(), page("after-2", "a", "b"), cursor -> {
            asked.add(cursor);
            return cursor.equals("after-2") ? page("after-3", "c") : page(null, "d");
        });

        byte[] first = new byte[4];
        assertThat(stream.read(first, 0, 4)).isEqualTo(4);
        assertThat(asked).isEmpty();
        assertThat(new String(first, StandardCharsets.UTF_8) + readAll(stream, 3))
                .isEqualTo("begin Thread\n1 a\n2 b\n3 c\n4 d\nend\n");
        assertThat(asked).containsExactly("after-2", "after-3");
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void a_thread_of_one_page_is_written_whole_before_anything_is_read_and_multibyte_text_survives_small_reads()
            throws IOException {
        TranscriptStream stream = new TranscriptStream(THREAD, AT, new Lines(), page(null, "café ☕ 𝄞"), cursor -> {
            throw new AssertionError("no second page");
        });
        assertThat(readAll(stream, 1)).isEqualTo("begin Thread\n1 café ☕ 𝄞\nend\n");
    }

    @Test
    void a_page_that_cannot_be_read_cuts_the_download_short_with_an_io_error() throws IOException {
        TranscriptStream stream = new TranscriptStream(THREAD, AT, new Lines(), page("after-1", "a"), cursor -> {
            throw new IllegalStateException("database gone");
        });
        assertThat(new String(stream.readNBytes(17), StandardCharsets.UTF_8)).isEqualTo("begin Thread\n1 a\n");
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessageContaining("after 1 messages")
                .hasRootCauseMessage("database gone");
        assertThat(stream.read()).isEqualTo(-1);
    }
}
