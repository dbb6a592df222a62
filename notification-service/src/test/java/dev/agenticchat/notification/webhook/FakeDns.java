package dev.agenticchat.notification.webhook;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DNS for made-up names (environment {@code fake-dns}): a test says what a name resolves to and
 * may change its mind, as a rebinding attacker would. Other names go to the real resolver.
 */
@Singleton
@Requires(env = FakeDns.ENVIRONMENT)
@Replaces(SystemHostResolver.class)
class FakeDns implements HostResolver {
    static final String ENVIRONMENT = "fake-dns";

    private final Map<String, InetAddress> names = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();

    void answer(String name, String ip) {
        try {
            names.put(name, InetAddress.getByAddress(name, InetAddress.getByName(ip).getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    long lookupsOf(String name) {
        return lookups.stream().filter(name::equals).count();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        InetAddress known = names.get(host);
        return known != null ? new InetAddress[] {known} : InetAddress.getAllByName(host);
    }
}
