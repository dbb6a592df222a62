package dev.agenticchat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The suite's processes as {@code ./suite start} and {@code deploy/local/*.sh} leave them: pid files under
 * {@code .local/}, read through {@code /proc} (Linux only) for environment, resident memory and CPU time.
 */
final class Processes {

    static final List<String> SERVICES = List.of("gateway-service", "chat-service", "agent-service",
            "retrieval-service", "artifact-service", "notification-service");
    static final String SIMULATOR = "llm-simulator";
    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";

    private static final long TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Map<String, Long> pids;

    private Processes(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** Every process found alive: the six services, the simulator, Kafka and the Postgres postmaster. */
    static Processes find(Path local) {
        Map<String, Long> found = new LinkedHashMap<>();
        for (String name : Stream.concat(SERVICES.stream(), Stream.of(SIMULATOR)).toList()) {
            pid(local.resolve("run/" + name + ".pid")).filter(pid -> cmdline(pid).contains(name + "-"))
                    .ifPresent(pid -> found.put(name, pid));
        }
        pid(local.resolve("kafka/kafka.pid")).filter(Processes::alive).ifPresent(pid -> found.put(KAFKA, pid));
        pid(local.resolve("postgres/postmaster.pid.host")).filter(Processes::alive)
                .ifPresent(pid -> found.put(POSTGRES, pid));
        return new Processes(found);
    }

    Map<String, Long> pids() {
        return pids;
    }

    Optional<Long> pid(String name) {
        return Optional.ofNullable(pids.get(name));
    }

    /** A process's environment, as it was started (root can read any process's). */
    static Map<String, String> environment(long pid) {
        Map<String, String> env = new HashMap<>();
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
            for (String entry : raw.split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the environment of process " + pid + " (run as root)", e);
        }
        return env;
    }

    /**
     * Resident memory in MiB: VmRSS; for Postgres the PSS of the postmaster and its live backends and workers summed
     * (their RSS would count the shared buffers once per process).
     */
    double rssMib(String name) {
        long pid = pids.get(name);
        if (!POSTGRES.equals(name)) {
            return statusKb(pid, "VmRSS") / 1024.0;
        }
        long kb = pssKb(pid);
        for (long child : children(pid)) {
            kb += pssKb(child);
        }
        return kb / 1024.0;
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return 0;
    }

    /** CPU seconds (user + system) so far; Postgres counts its reaped children and its live ones. */
    double cpuSeconds(String name) {
        long pid = pids.get(name);
        long[] fields = stat(pid);
        long ticks = fields[0] + fields[1];
        if (POSTGRES.equals(name)) {
            ticks += fields[2] + fields[3];
            for (long child : children(pid)) {
                long[] c = stat(child);
                ticks += c[0] + c[1];
            }
        }
        return (double) ticks / TICKS_PER_SECOND;
    }

    /** The benchmark's own process (its clients share the machine with the suite), apart from the suite's total. */
    static final String BENCH = "bench";

    Map<String, Double> cpuSnapshot() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.keySet().forEach(name -> cpu.put(name, cpuSeconds(name)));
        cpu.put(BENCH, ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0));
        return cpu;
    }

    /** {@code jcmd <pid> GC.run} then the heap in use after it, in KiB. */
    static long heapUsedAfterGcKb(long pid) {
        jcmd(pid, "GC.run");
        return heapUsedKb(pid);
    }

    /**
     * The heap in use now (no GC), in KiB, from {@code jcmd <pid> GC.heap_info}: G1's heap line, or the sum of the
     * generations (Serial, Parallel), never Metaspace.
     */
    static long heapUsedKb(long pid) {
        return heapUsedKb(jcmd(pid, "GC.heap_info"));
    }

    static long heapUsedKb(String heapInfo) {
        long total = 0;
        for (String line : heapInfo.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
                continue;
            }
            Matcher m = HEAP_USED.matcher(trimmed);
            if (trimmed.contains("garbage-first heap") && m.find()) {
                return Long.parseLong(m.group(1));
            }
            if ((trimmed.contains("generation") || trimmed.startsWith("PSYoungGen") || trimmed.startsWith("ParOldGen"))
                    && m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }

    static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd is not on the PATH (it comes with the JDK)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // a backend that exited meanwhile holds no memory
        }
        return 0;
    }

    /** utime, stime, cutime, cstime in clock ticks; zeros for a process that is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    private static List<Long> children(long parent) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> parentOf(pid) == parent).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Optional<Long> pid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
