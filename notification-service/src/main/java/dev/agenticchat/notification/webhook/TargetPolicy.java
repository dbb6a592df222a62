package dev.agenticchat.notification.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where webhooks may point: http(s) URLs whose host resolves to public addresses only, so a
 * tenant cannot make this service call into the cluster. The host is resolved once per
 * delivery and the connection goes to the address vetted here (see {@link PinnedHttp}), so DNS
 * cannot answer differently between the check and the connect.
 *
 * <p>{@code allowPrivate} (local development) lets loopback and RFC 1918 / unique-local targets
 * through, nothing else: link-local and metadata addresses, shared and benchmark space,
 * multicast, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4,
 * Teredo) stay refused, since those are how a request reaches cloud metadata or slips a
 * private address past a check.
 */
final class TargetPolicy {
    /** What an address is to this policy. */
    enum Reach { PUBLIC, PRIVATE, FORBIDDEN }

    private TargetPolicy() {
    }

    static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("url must name a host, without credentials or fragment");
        }
        return uri;
    }

    /**
     * Resolves the host once and answers the address to connect to. Every address the name
     * resolves to must be allowed: a name that also points inside would otherwise be a coin toss.
     *
     * @throws IllegalArgumentException when the host does not resolve or resolves to an address webhooks may not reach
     */
    static InetAddress vet(URI uri, boolean allowPrivate, HostResolver resolver) {
        String host = hostOf(uri);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("url host does not resolve");
        }
        if (addresses.length == 0) {
            throw new IllegalArgumentException("url host does not resolve");
        }
        // Java parses an IPv4-mapped literal (::ffff:a.b.c.d) into a plain IPv4 address; the
        // literal itself says what it was.
        if (host.contains(":") && addresses[0] instanceof Inet4Address) {
            throw new IllegalArgumentException("url is an IPv4-mapped IPv6 address");
        }
        for (InetAddress address : addresses) {
            Reach reach = reach(address);
            if (reach == Reach.FORBIDDEN || (reach == Reach.PRIVATE && !allowPrivate)) {
                throw new IllegalArgumentException(reach == Reach.FORBIDDEN
                        ? "url resolves to a link-local, metadata, reserved or multicast address"
                        : "url resolves to a loopback or private address");
            }
        }
        return addresses[0];
    }

    /** The host as a resolver takes it: IPv6 literals without their brackets. */
    static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static Reach reach(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? reach4(bytes, 0) : reach6(bytes);
    }

    private static Reach reach4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int s = b[at + 1] & 0xff;
        int t = b[at + 2] & 0xff;
        if (a == 127 || a == 10 || (a == 172 && s >= 16 && s <= 31) || (a == 192 && s == 168)) {
            return Reach.PRIVATE;
        }
        boolean forbidden = a == 0                                   // "this network", 0.0.0.0
                || (a == 169 && s == 254)                            // link-local, cloud metadata
                || (a == 100 && s >= 64 && s <= 127)                 // shared address space (carrier NAT)
                || (a == 192 && s == 0 && (t == 0 || t == 2))        // IETF protocol assignments, TEST-NET-1
                || (a == 198 && (s == 18 || s == 19))                // benchmarking
                || (a == 198 && s == 51 && t == 100)                 // TEST-NET-2
                || (a == 203 && s == 0 && t == 113)                  // TEST-NET-3
                || a >= 224;                                         // multicast, reserved, broadcast
        return forbidden ? Reach.FORBIDDEN : Reach.PUBLIC;
    }

    private static Reach reach6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 1);
        if (allZero(b, 0, 15)) {
            return (b[15] & 0xff) == 1 ? Reach.PRIVATE : Reach.FORBIDDEN;   // ::1 loopback, :: unspecified
        }
        if (allZero(b, 0, 10) && (word(b, 5) == 0xffff || word(b, 5) == 0)) {
            return Reach.FORBIDDEN;                                   // IPv4-mapped, IPv4-compatible
        }
        if (w0 == 0x64 && w1 == 0xff9b) {
            if (allZero(b, 4, 12)) {
                return embedded(b, 12);                               // NAT64 well-known prefix
            }
            return Reach.FORBIDDEN;                                   // 64:ff9b:1::/48, local-use NAT64
        }
        if (w0 == 0x2002) {
            return embedded(b, 2);                                    // 6to4
        }
        if (w0 == 0x2001 && w1 == 0) {
            return Reach.FORBIDDEN;                                   // Teredo: embeds an IPv4 address
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return Reach.FORBIDDEN;                                   // documentation
        }
        if (w0 == 0xfd00 && w1 == 0x0ec2 && allZero(b, 4, 14) && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54) {
            return Reach.FORBIDDEN;                                   // fd00:ec2::254, EC2 metadata
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return Reach.PRIVATE;                                     // unique local fc00::/7
        }
        if ((w0 & 0xffc0) == 0xfe80 || (w0 & 0xffc0) == 0xfec0 || (w0 & 0xff00) == 0xff00) {
            return Reach.FORBIDDEN;                                   // link-local, old site-local, multicast
        }
        return Reach.PUBLIC;
    }

    /** An IPv6 form carrying an IPv4 address: as public as that address, and never merely private. */
    private static Reach embedded(byte[] b, int at) {
        return reach4(b, at) == Reach.PUBLIC ? Reach.PUBLIC : Reach.FORBIDDEN;
    }

    private static int word(byte[] b, int index) {
        return ((b[2 * index] & 0xff) << 8) | (b[2 * index + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
