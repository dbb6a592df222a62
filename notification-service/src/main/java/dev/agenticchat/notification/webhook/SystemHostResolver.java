package dev.agenticchat.notification.webhook;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The platform resolver (literals are parsed, never looked up). */
@Singleton
class SystemHostResolver implements HostResolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
