package dev.agenticchat.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

/**
 * Every service's own logback.xml, configured as the container starts it (LOG_FORMAT=json) and as a
 * developer does (unset): JSON lines a strict parser reads, with the service and the MDC ids; plain
 * text otherwise.
 */
class JsonLinesTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "chat-service", "agent-service", "retrieval-service", "artifact-service",
            "notification-service"})
    void log_format_json_writes_one_parseable_object_per_line_with_the_mdc_ids(String service) throws Exception {
        List<String> lines = logWith(service, "json");

        assertThat(lines).hasSize(2);
        Map<String, Object> first = parse(lines.get(0));
        assertThat(first).containsEntry("service", service).containsEntry("level", "INFO")
                .containsEntry("logger", "dev.agenticchat.test").containsEntry("thread_name", Thread.currentThread().getName())
                .containsEntry("message", "handled \"quoted\"\nsecond line\t\u0001")
                .containsEntry("event_id", "ev-1").containsEntry("tenant_id", "t-1").containsEntry("thread_id", "th-1")
                .containsEntry("turn_id", "turn-1").doesNotContainKey("exception");
        assertThat(first.get("timestamp").toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        Map<String, Object> second = parse(lines.get(1));
        assertThat(second).containsEntry("level", "ERROR").doesNotContainKey("event_id");
        assertThat(second.get("exception").toString()).startsWith("java.lang.IllegalStateException: broken")
                .contains("at dev.agenticchat.support.logging.JsonLinesTest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "notification-service"})
    void plain_text_stays_the_default(String service) throws Exception {
        List<String> lines = logWith(service, null);

        assertThat(lines.get(0)).doesNotStartWith("{").contains("INFO").contains("event=ev-1 tenant=t-1 thread=th-1")
                .contains("handled \"quoted\"");
    }

    /** Configures a fresh logback context from the service's logback.xml and logs two events through it. */
    private static List<String> logWith(String service, String format) throws Exception {
        Path config = Path.of("..", service, "src/main/resources/logback.xml");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        // The MDC the code writes through org.slf4j.MDC, as in a service where this context is the only one.
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (format != null) {
                context.putProperty("LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config.toFile());
            // A warning would make logback print its status log, plain text, into the JSON stream.
            assertThat(new StatusUtil(context).getHighestLevel(0)).as("logback's status after configuring %s", config)
                    .isLessThan(Status.WARN);
            Logger logger = context.getLogger("dev.agenticchat.test");
            MDC.put("event_id", "ev-1");
            MDC.put("tenant_id", "t-1");
            MDC.put("thread_id", "th-1");
            MDC.put("turn_id", "turn-1");
            logger.info("handled {}", "\"quoted\"\nsecond line\t\u0001");
            MDC.clear();
            logger.error("failed", new IllegalStateException("broken"));
        } finally {
            MDC.clear();
            context.stop();
            System.setOut(stdout);
        }
        assertThat(Files.isRegularFile(config)).isTrue();
        String text = captured.toString(StandardCharsets.UTF_8);
        return format == null ? text.lines().toList() : text.lines().filter(l -> !l.isBlank()).toList();
    }

    private static Map<String, Object> parse(String line) throws IOException {
        return JSON.readValue(line, Argument.mapOf(String.class, Object.class));
    }
}
