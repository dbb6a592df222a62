package dev.agenticchat.chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {
    @TempDir
    Path root;

    @Test
    void puts_opens_and_deletes_a_blob_and_a_missing_one_is_empty_not_an_error() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(root);
        String key = UUID.randomUUID().toString();

        store.put(key, "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
        try (InputStream in = store.open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(store.path(key)).isRegularFile().startsWith(root);
        try (var files = Files.list(store.path(key).getParent())) {
            assertThat(files).as("no temporary file left behind").hasSize(1);
        }

        store.delete(key);
        assertThat(store.open(key)).isEmpty();
        store.delete(key);
    }

    @Test
    void refuses_a_key_that_could_name_a_path_outside_its_directory() {
        FilesystemBlobStore store = new FilesystemBlobStore(root);
        assertThatThrownBy(() -> store.put("../../etc/passwd", new byte[1], "text/plain")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("a/b/c/d/e/f/g")).isInstanceOf(IllegalArgumentException.class);
    }
}
