package dev.agenticchat.agent.mcp;

import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which MCP server addresses the service may call: a tenant admin must not reach the suite's own
 * network through it (another service, the database, a cloud's metadata endpoint). Every address the
 * host resolves to must be public: not loopback, private (RFC 1918, unique-local fc00::/7), link-local
 * (169.254/16 with the metadata address, fe80::/10), shared (100.64/10), unspecified or multicast,
 * IPv4-mapped forms included. Checked when a server is registered and again before each connection;
 * an operator whose MCP servers run inside the network sets {@code agent.mcp.allow-private-addresses}.
 */
@Singleton
class AddressPolicy {
    static final String SETTING = "agent.mcp.allow-private-addresses (AGENT_MCP_ALLOW_PRIVATE_ADDRESSES)";

    private final McpSettings settings;

    AddressPolicy(McpSettings settings) {
        this.settings = settings;
    }

    /** Nothing when the URL's host may be called; otherwise why not, fit for a tenant admin. */
    void check(URI url) throws RefusedAddressException {
        if (settings.isAllowPrivateAddresses()) {
            return;
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedAddressException("has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new RefusedAddressException("host " + host + " resolves to a loopback, private, link-local or metadata"
                        + " address, which MCP servers may not have: this service does not call its own network (operators"
                        + " allow it with " + SETTING + ")");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0/8 "this network", 100.64/10 shared (carrier-grade NAT), 192.0.0/24 protocol assignments, 240/4 reserved.
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) && first < 240;
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false;
            }
            if (isMappedOrCompatibleIpv4(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d reach the IPv4 address a.b.c.d. */
    private static boolean isMappedOrCompatibleIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0);
    }

    /** The server's address may not be called; the message says why. */
    static final class RefusedAddressException extends Exception {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
