package dev.agenticchat.chat.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code file:///dir}: one file per blob under the directory (a volume shared by the replicas),
 * spread over subdirectories by the key's first characters. A blob is written to a temporary
 * file and moved into place, so a reader never sees half of one.
 */
final class FilesystemBlobStore implements BlobStore {
    private final Path root;

    FilesystemBlobStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    Path path(String key) {
        if (!key.matches("[a-z0-9-]{8,100}")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}
