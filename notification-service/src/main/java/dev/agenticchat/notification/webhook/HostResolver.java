package dev.agenticchat.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a webhook's host into addresses; one bean, so a test can answer for names no DNS knows. */
@FunctionalInterface
interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
}
