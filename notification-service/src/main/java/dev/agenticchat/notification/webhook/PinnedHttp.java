package dev.agenticchat.notification.webhook;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address vetted beforehand, with the URL's host in {@code Host} and, for
 * https, in SNI and certificate checks. Not an HTTP client library because two things must hold
 * that those do not give: the connection goes to that address and no other (no second DNS
 * lookup), and one deadline covers connect, TLS, request and the whole response (a library's
 * timeout restarts on every byte, so a target trickling its body would hold the sender for
 * ever). At the deadline a watchdog closes the socket, which ends any blocked read or write.
 * At most {@code maxBody} bytes of the body are read; then the connection is dropped.
 */
final class PinnedHttp {
    /** The whole exchange did not finish before the deadline. */
    static final class DeadlinePassed extends IOException {
        DeadlinePassed() {
            super("deadline passed");
        }
    }

    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_LINE = 1024;

    private final ScheduledExecutorService watchdog;
    private final SSLSocketFactory tls;

    PinnedHttp(ScheduledExecutorService watchdog, SSLSocketFactory tls) {
        this.watchdog = watchdog;
        this.tls = tls;
    }

    /** The response's status code, once the response is complete or {@code maxBody} bytes of it were read. */
    int post(URI uri, InetAddress address, Map<String, String> headers, byte[] body, Duration deadline, int maxBody)
            throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        long end = System.nanoTime() + deadline.toNanos();
        Socket socket = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            expired.set(true);
            closeQuietly(socket);
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            socket.connect(new InetSocketAddress(address, port), remainingMillis(end));
            socket.setSoTimeout(remainingMillis(end));
            Socket channel = https ? secure(socket, TargetPolicy.hostOf(uri), port) : socket;
            OutputStream out = new BufferedOutputStream(channel.getOutputStream());
            out.write(head(uri, headers, body.length));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(channel.getInputStream());
            Response response;
            do {
                response = readHead(in);
            } while (response.status() >= 100 && response.status() < 200);
            drainBody(in, response, maxBody);
            return response.status();
        } catch (IOException e) {
            // The socket's timeouts are what is left of the deadline (rounded down to the millisecond), so
            // one that fires is the deadline too, even a hair before the alarm does.
            if (e instanceof java.net.SocketTimeoutException || expired.get() || System.nanoTime() - end >= 0) {
                throw new DeadlinePassed();
            }
            throw e;
        } finally {
            alarm.cancel(false);
            closeQuietly(socket);
        }
    }

    private Socket secure(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(URI uri, Map<String, String> headers, int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder("POST ").append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\n").append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private record Response(int status, long contentLength, boolean chunked) {
    }

    private static Response readHead(InputStream in) throws IOException {
        int budget = MAX_HEAD;
        String statusLine = readLine(in, budget);
        budget -= statusLine.length() + 2;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("malformed HTTP status line");
        }
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
            budget -= line.length() + 2;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-length") && value.matches("\\d{1,18}")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        return new Response(Integer.parseInt(parts[1]), contentLength, chunked);
    }

    private static void drainBody(InputStream in, Response response, int maxBody) throws IOException {
        int status = response.status();
        if (status == 204 || status == 304) {
            return;
        }
        if (response.chunked()) {
            long left = maxBody;
            while (left > 0) {
                String sizeLine = readLine(in, MAX_LINE);
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
                if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                    throw new IOException("malformed chunked body");
                }
                long size = Long.parseLong(hex, 16);
                if (size == 0) {
                    return;
                }
                left -= skip(in, Math.min(size, left));
                if (left > 0) {
                    readLine(in, MAX_LINE);
                }
            }
            return;
        }
        long wanted = response.contentLength() >= 0 ? Math.min(response.contentLength(), maxBody) : maxBody;
        long read = skip(in, wanted);
        if (read < wanted && response.contentLength() >= 0) {
            throw new IOException("the response ended before its Content-Length");
        }
    }

    /** Reads and drops up to {@code count} bytes; fewer only at the end of the stream. */
    private static long skip(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[1024];
        long done = 0;
        while (done < count) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, count - done));
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed before the response was complete");
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= max) {
                throw new IOException("the response head is too long");
            }
            line.write(c);
        }
    }

    private static int remainingMillis(long end) throws DeadlinePassed {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
            throw new DeadlinePassed();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is wanted; a failure to close leaves nothing to do.
        }
    }
}
