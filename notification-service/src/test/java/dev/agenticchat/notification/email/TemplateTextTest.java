package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTextTest {
    @Test
    void escapes_every_value_in_html_and_none_in_text() {
        Map<String, String> values = Map.of("name", "<script>alert('x')</script> & \"co\"");
        assertThat(TemplateText.fill("<p>{{name}}</p>", values, true))
                .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</p>");
        assertThat(TemplateText.fill("Hi {{name}}", values, false)).isEqualTo("Hi <script>alert('x')</script> & \"co\"");
    }

    @Test
    void does_not_expand_placeholders_inside_values() {
        assertThat(TemplateText.fill("{{a}}", Map.of("a", "{{b}} $1 \\", "b", "no"), false)).isEqualTo("{{b}} $1 \\");
    }

    @Test
    void inserts_blocks_as_markup_and_still_escapes_values_beside_them() {
        String row = TemplateText.fill("<li>{{item}}</li>", Map.of("item", "<i>x</i>"), true);
        assertThat(TemplateText.fillHtml("<ul>{{items}}</ul><p>{{note}}</p>", Map.of("note", "a<b"), Map.of("items", row)))
                .isEqualTo("<ul><li>&lt;i&gt;x&lt;/i&gt;</li></ul><p>a&lt;b</p>");
    }

    @Test
    void refuses_to_render_without_a_value_for_every_placeholder() {
        assertThatThrownBy(() -> TemplateText.fill("{{code}}", Map.of(), true)).isInstanceOf(InvalidMailRequest.class)
                .hasMessageContaining("code");
    }

    @Test
    void the_otp_mail_has_purpose_specific_wording_and_keeps_the_code_out_of_the_subject() {
        OtpCodeTemplate template = new OtpCodeTemplate();
        RenderedMail link = template.render(null, Map.of("purpose", "link_session", "code", "123456", "minutes", "10"));
        RenderedMail erase = template.render(null, Map.of("purpose", "delete_data", "code", "123456", "minutes", "10"));

        assertThat(link.subject()).doesNotContain("123456");
        assertThat(link.html()).contains("123456").contains("link your chat session").startsWith("<!DOCTYPE html>");
        assertThat(link.text()).contains("123456").doesNotContain("<");
        assertThat(erase.subject()).contains("deletion");
        assertThatThrownBy(() -> template.render(null, Map.of("purpose", "link_session", "code", "<b>1</b>")))
                .isInstanceOf(InvalidMailRequest.class);
    }
}
