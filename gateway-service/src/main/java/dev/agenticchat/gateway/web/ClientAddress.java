package dev.agenticchat.gateway.web;

import io.micronaut.http.HttpRequest;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client's IP, for per-IP limits. By default the TCP peer: a header a client can set would
 * let it dodge them. Behind proxies, {@code GATEWAY_TRUSTED_PROXIES} says which hops to believe:
 * a count (the last N hops, the peer included, are ours) or CIDRs (any hop in them is ours).
 * The client is then the right-most address of {@code X-Forwarded-For} + peer that is not a
 * trusted proxy: what a client writes at the left of the header is never reached.
 */
@Singleton
public class ClientAddress {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final int trustedHops;
    private final List<Network> trustedNetworks;

    ClientAddress(ClientAddressSettings settings) {
        String setting = settings.trustedProxies() == null ? "" : settings.trustedProxies().strip();
        if (setting.matches("\\d{1,3}")) {
            this.trustedHops = Integer.parseInt(setting);
            this.trustedNetworks = List.of();
        } else {
            this.trustedHops = 0;
            this.trustedNetworks = setting.isEmpty() ? List.of()
                    : Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Network::parse).toList();
        }
    }

    public String of(HttpRequest<?> request) {
        List<String> forwarded = new ArrayList<>();
        if (trustedHops > 0 || !trustedNetworks.isEmpty()) {
            for (String header : request.getHeaders().getAll(FORWARDED_FOR)) {
                for (String hop : header.split(",")) {
                    forwarded.add(hop.strip());
                }
            }
        }
        return client(forwarded, request.getRemoteAddress().getAddress().getHostAddress());
    }

    /** The client among {@code forwarded} (left to right, as the header lists them) and the TCP peer. */
    String client(List<String> forwarded, String peer) {
        List<String> chain = new ArrayList<>(forwarded);
        chain.add(peer);
        int index = chain.size() - 1;
        if (trustedHops > 0) {
            index = Math.max(0, chain.size() - 1 - trustedHops);
        } else {
            while (index > 0 && trusted(chain.get(index))) {
                index--;
            }
        }
        // A hop that is not an address (garbage a client sent, "unknown") counts as the proxy that reported it.
        while (index < chain.size() - 1 && NetUtil.createByteArrayFromIpAddressString(chain.get(index)) == null) {
            index++;
        }
        return chain.get(index);
    }

    /**
     * What per-IP limits count: the address, or for IPv6 its /64, which one subscriber usually
     * holds whole and could otherwise rotate through.
     */
    public static String limitKey(String ip) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null || bytes.length == 4) {
            return ip.toLowerCase(Locale.ROOT);
        }
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return network.append(":/64").toString();
    }

    private boolean trusted(String hop) {
        byte[] address = NetUtil.createByteArrayFromIpAddressString(hop);
        return address != null && trustedNetworks.stream().anyMatch(network -> network.contains(address));
    }

    /** An address range written as CIDR ({@code 10.0.0.0/8}, {@code fd00::/8}) or a single address. */
    record Network(byte[] base, int prefix) {
        static Network parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            byte[] base = NetUtil.createByteArrayFromIpAddressString(parts[0]);
            if (base == null) {
                throw new IllegalArgumentException("GATEWAY_TRUSTED_PROXIES: " + cidr + " is neither a count nor a CIDR");
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : base.length * 8;
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("GATEWAY_TRUSTED_PROXIES: " + cidr + " has a prefix out of range");
            }
            return new Network(base, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            int bits = base.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, base).and(mask));
        }
    }
}
