package dev.agenticchat.support.logging;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Locale;

/**
 * Starts a service as {@code Micronaut.run} does, without the ASCII-art banner when the logs are
 * JSON lines ({@code LOG_FORMAT=json}): the banner is not a JSON object, and a log pipeline reading
 * stdout line by line would take each of its lines for a broken record.
 */
public final class ServiceStart {
    private ServiceStart() {
    }

    public static ApplicationContext run(Class<?> application, String... args) {
        return Micronaut.build(args).mainClass(application).banner(!jsonLogs(System.getenv("LOG_FORMAT"))).start();
    }

    static boolean jsonLogs(String format) {
        return format != null && "json".equals(format.trim().toLowerCase(Locale.ROOT));
    }
}
