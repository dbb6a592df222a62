package dev.agenticchat.chat.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTranscriptTest {

    @Test
    void quotes_a_field_only_when_it_must_and_doubles_its_quotes() {
        assertThat(CsvTranscript.field("plain text")).isEqualTo("plain text");
        assertThat(CsvTranscript.field("")).isEmpty();
        assertThat(CsvTranscript.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvTranscript.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvTranscript.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvTranscript.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CsvTranscript.field(" padded ")).isEqualTo("\" padded \"");
    }

    @Test
    void a_cell_a_spreadsheet_would_take_for_a_formula_starts_with_an_apostrophe() {
        assertThat(CsvTranscript.field("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvTranscript.field("+1")).isEqualTo("'+1");
        assertThat(CsvTranscript.field("-1")).isEqualTo("'-1");
        assertThat(CsvTranscript.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvTranscript.field("\tx")).isEqualTo("'\tx");
        assertThat(CsvTranscript.field("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvTranscript.field("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(CsvTranscript.field("a=1")).isEqualTo("a=1");
    }
}
