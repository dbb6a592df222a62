package dev.agenticchat.chat.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Against the examples AWS publishes for Signature Version 4. */
class SigV4SignerTest {

    /** "Example: GET Object" of the S3 API reference (Authenticating Requests: Using the Authorization Header). */
    @Test
    void signs_the_s3_get_object_example_as_aws_does() {
        SigV4Signer signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4Signer.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");

        String authorization = signer.authorization("GET", "/test.txt", "", headers, SigV4Signer.EMPTY_SHA256,
                Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    /** "Examples of how to derive a signing key for Signature Version 4" of the general reference. */
    @Test
    void derives_the_published_signing_key() {
        SigV4Signer signer = new SigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "iam");
        assertThat(HexFormat.of().formatHex(signer.signingKey("20120215")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void encodes_a_path_segment_as_sigv4_wants() {
        assertThat(SigV4Signer.encodeSegment("a b/ü~.-_")).isEqualTo("a%20b%2F%C3%BC~.-_");
    }
}
