package dev.agenticchat.artifact.render;

import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The rendition of LLM-made HTML that clients may show (in a sandboxed frame) and that shared
 * pages and exports embed: static markup and inline styles only. Scripts, event handlers, forms,
 * frames and external resources are removed; links keep http(s) and mailto targets and open
 * without referrer or opener; images survive only as data: URLs. The stored html is untouched.
 */
@Singleton
public class HtmlSanitizer {
    private static final Pattern LINK = Pattern.compile("(?i)(https?:|mailto:)");
    private static final Pattern SPAN = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern IMAGE = Pattern.compile("(?i)data:image/(png|jpeg|gif|webp);");
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.STYLES)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowAttributes("href").matching(
                            (element, name, value) -> LINK.matcher(value).lookingAt() ? value : null).onElements("a")
                    .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                    .allowElements("img")
                    .allowAttributes("alt", "width", "height").onElements("img")
                    .allowAttributes("src").matching(
                            (element, name, value) -> IMAGE.matcher(value).lookingAt() ? value : null).onElements("img")
                    // The protocols any URL attribute may have; the matchers above narrow them per attribute.
                    .allowUrlProtocols("data", "http", "https", "mailto")
                    .allowElements("hr", "pre", "code", "figure", "figcaption", "section", "article", "header",
                            "footer", "small", "sub", "sup", "mark", "dl", "dt", "dd", "caption", "colgroup", "col")
                    .allowAttributes("title").globally()
                    .allowElements("td", "th")
                    .allowAttributes("colspan", "rowspan").matching(SPAN).onElements("td", "th")
                    .toFactory());

    public String sanitize(String html) {
        return POLICY.sanitize(html);
    }
}
