package dev.agenticchat.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./suite stop} after a crash or a reboot: the pid files point at processes that are gone
 * (or hold nothing), and stopping says so quietly, with no shell errors. Run on a copy of the
 * scripts in a scratch directory, so it never touches a suite running from this checkout.
 */
class SuiteScriptTest {
    private static final List<String> SCRIPTS = List.of("suite", "deploy/local/common.sh", "deploy/local/kafka.sh",
            "deploy/local/postgres.sh", "deploy/local/kafka/pom.xml");
    /** Above any pid_max Linux allows (2^22): no process has it. */
    private static final String GONE = "2147483646";

    @Test
    void stop_with_stale_pid_files_prints_no_errors(@TempDir Path copy) throws Exception {
        for (String script : SCRIPTS) {
            Path target = copy.resolve(script);
            Files.createDirectories(target.getParent());
            Files.copy(Repo.path(script), target);
            target.toFile().setExecutable(true);
        }
        write(copy.resolve(".local/run/chat-service.pid"), GONE);
        write(copy.resolve(".local/run/gateway-service.pid"), "");
        write(copy.resolve(".local/run/agent-service.pid"), "not a pid");
        write(copy.resolve(".local/kafka/kafka.pid"), GONE);
        write(copy.resolve(".local/postgres/postmaster.pid.host"), GONE);

        ProcessBuilder stop = new ProcessBuilder("bash", copy.resolve("suite").toString(), "stop").directory(copy.toFile());
        stop.environment().keySet().removeAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "SUITE_LOCAL_DIR"));
        Process process = stop.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as("exit status; stderr: %s", err).isZero();
        assertThat(out).isEmpty();
        assertThat(err.lines().toList()).as("what ./suite stop printed")
                .allSatisfy(line -> assertThat(line).matches("\\[(suite|kafka|postgres)] .*")
                        .doesNotContainIgnoringCase("error").doesNotContain("No such"));
        assertThat(err).contains("Kafka is not running").contains("Postgres is not running");
        assertThat(copy.resolve(".local/run")).isEmptyDirectory();
        assertThat(copy.resolve(".local/kafka/kafka.pid")).doesNotExist();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
