package dev.agenticchat.artifact.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class ArtifactPageTest {
    private final ArtifactPage page = new ArtifactPage(new HtmlSanitizer());

    @Test
    void escapes_every_value_and_stays_well_formed_xml() throws Exception {
        String html = page.render("csv", "<b>Tom & \"Jerry\"</b>", 2, Map.of("title", "x",
                "headers", List.of("<th>"), "rows", List.of(List.of("<script>alert(1)</script>\u0001"))));

        assertThat(html).contains("<title>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</title>",
                "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", "version 2").doesNotContain("<script", "\u0001");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shows_a_payment_amount_in_major_units_of_its_currency() {
        assertThat(ArtifactPage.amount(49900, "USD")).isEqualTo("499.00 USD");
        assertThat(ArtifactPage.amount(1200, "JPY")).isEqualTo("1200 JPY");
        assertThat(ArtifactPage.amount(1500, "BHD")).isEqualTo("1.500 BHD");
    }

    @Test
    void shows_a_chart_as_a_table_of_its_values_per_label() {
        String html = page.render("chart", "Sales", 1, Map.of("title", "Sales", "chart_type", "bar",
                "labels", List.of("Q1", "Q2"), "datasets", List.of(Map.of("label", "EU", "data", List.of(1, 2.5E7)))));

        assertThat(html).contains("<th>EU</th>", "<tr><td>Q1</td><td>1</td></tr><tr><td>Q2</td><td>25000000</td></tr>");
    }
}
