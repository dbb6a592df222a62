package dev.agenticchat.notification.otp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client address the gateway saw, as the per-IP rate limit counts it. Checked to be an IP
 * literal (never resolved). An IPv6 client counts by its /64 network: one subscriber usually
 * holds a whole /64 and could otherwise rotate addresses past the limit.
 */
final class ClientIps {
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

    private ClientIps() {
    }

    static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String ip = raw.strip().toLowerCase(Locale.ROOT);
        if (IPV4.matcher(ip).matches()) {
            return Optional.of(ip);
        }
        if (!ip.contains(":") || !IPV6.matcher(ip).matches()) {
            return Optional.empty();
        }
        try {
            // A literal with ':' is parsed, never looked up.
            InetAddress address = InetAddress.getByName(ip);
            if (address instanceof Inet4Address) {
                return Optional.of(address.getHostAddress());
            }
            byte[] bytes = address.getAddress();
            HexFormat hex = HexFormat.of();
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(Integer.parseInt(hex.formatHex(bytes, i, i + 2), 16))).append(':');
            }
            return Optional.of(network.append(":/64").toString());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
