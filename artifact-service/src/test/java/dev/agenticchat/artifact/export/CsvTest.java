package dev.agenticchat.artifact.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void ends_every_record_with_crlf_and_quotes_only_fields_that_need_it() {
        assertThat(Csv.write(List.of("a", "b"), List.of(List.of("x", "y, z"), List.of("say \"hi\"", "two\nlines"))))
                .isEqualTo("a,b\r\nx,\"y, z\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    @Test
    void quotes_a_field_with_edge_spaces_so_they_survive() {
        assertThat(Csv.field(" padded ")).isEqualTo("\" padded \"");
    }

    @Test
    void defuses_text_a_spreadsheet_would_run_as_a_formula() {
        assertThat(Csv.field("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.field("+31 6 1234")).isEqualTo("'+31 6 1234");
        assertThat(Csv.field("-2")).isEqualTo("'-2");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.field("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(Csv.field("a=b")).isEqualTo("a=b");
    }

    @Test
    void writes_numbers_as_numbers_and_null_as_an_empty_field() {
        assertThat(Csv.field(-2)).isEqualTo("-2");
        assertThat(Csv.field(1.0E7)).isEqualTo("10000000");
        assertThat(Csv.field(0.25)).isEqualTo("0.25");
        assertThat(Csv.field(true)).isEqualTo("true");
        assertThat(Csv.write(List.of("a", "b"), List.of(Arrays.asList(null, 3)))).isEqualTo("a,b\r\n,3\r\n");
    }
}
