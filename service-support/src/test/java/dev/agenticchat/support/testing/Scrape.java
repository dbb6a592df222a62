package dev.agenticchat.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /prometheus} (the Prometheus text format), read back as
 * series: tests compare two scrapes around what they do, never absolute values.
 */
public final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final String text;

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SERIES.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus series line: " + line);
            }
            Map<String, String> series = new LinkedHashMap<>();
            series.put("__name__", m.group(1));
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    series.put(l.group(1), l.group(2));
                }
            }
            String key = line.substring(0, line.length() - m.group(4).length() - (m.group(5) == null ? 0 : m.group(5).length())).trim();
            labels.put(key, series);
            values.put(key, parse(m.group(4)));
        }
    }

    /**
     * Several instances of one service as one: each series summed over them (a gauge of a max or a
     * quantile sums meaninglessly; counters, sums and counts are what tests compare).
     */
    public static Scrape sum(List<Scrape> instances) {
        Scrape total = new Scrape("");
        for (Scrape instance : instances) {
            instance.labels.forEach(total.labels::putIfAbsent);
            instance.values.forEach((key, value) -> total.values.merge(key, value, Double::sum));
        }
        return total;
    }

    /** GETs {@code http://127.0.0.1:<port>/prometheus}; fails the test on anything but a 200. */
    public static Scrape of(int managementPort) {
        return of(URI.create("http://127.0.0.1:" + managementPort + "/prometheus"));
    }

    public static Scrape of(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return new Scrape(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of every series of {@code name} whose labels include {@code match} (0 when there is none). */
    public double value(String name, Map<String, String> match) {
        double sum = 0;
        for (Map.Entry<String, Map<String, String>> series : labels.entrySet()) {
            Map<String, String> l = series.getValue();
            if (name.equals(l.get("__name__")) && l.entrySet().containsAll(match.entrySet())) {
                sum += values.get(series.getKey());
            }
        }
        return sum;
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    /** Whether any series of {@code name} has these labels (a gauge that reads 0 is still there). */
    public boolean has(String name, Map<String, String> match) {
        return labels.values().stream().anyMatch(l -> name.equals(l.get("__name__")) && l.entrySet().containsAll(match.entrySet()));
    }

    /** Every metric name in the scrape, histogram series ({@code _bucket}, {@code _count}, {@code _sum}) included. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        labels.values().forEach(l -> names.add(l.get("__name__")));
        return names;
    }

    /** Every value one label takes among the series of {@code name}. */
    public Set<String> labelValues(String name, String label) {
        Set<String> found = new TreeSet<>();
        labels.values().stream().filter(l -> name.equals(l.get("__name__")) && l.containsKey(label))
                .forEach(l -> found.add(l.get(label)));
        return found;
    }

    public String text() {
        return text;
    }

    /** A management port for a test server to bind later: see {@link ListenPorts}. */
    public static int freePort() {
        return ListenPorts.free();
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
