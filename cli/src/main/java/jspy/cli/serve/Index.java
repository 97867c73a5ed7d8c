package jspy.cli.serve;

import java.util.List;
import java.util.Locale;
import jspy.cli.profile.Bucket;

/** {@code GET /}: one static HTML page, the JVMs sampled and their bucket shares since serve attached. */
final class Index {
    private Index() {
    }

    static String render(List<Profiled> targets) {
        StringBuilder out = new StringBuilder(2048).append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>jspy serve</title><style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:right}"
                + "td:nth-child(2),th:nth-child(2){text-align:left}</style></head><body>\n<h1>jspy serve</h1>\n"
                + "<p>Share of sampled thread time per bucket since jspy attached. "
                + "<a href=\"/metrics\">/metrics</a></p>\n<table>\n<tr><th>pid</th><th>app</th><th>up</th><th>threads</th>");
        for (Bucket b : Bucket.values()) {
            out.append("<th style=\"color:").append(b.color()).append("\">").append(b.label()).append("</th>");
        }
        out.append("<th>profile</th></tr>\n");
        for (Profiled p : targets) {
            Profiled.Counters c = p.counters();
            out.append("<tr><td>").append(p.pid).append("</td><td>").append(html(p.app)).append("</td><td>")
                    .append(c.up() ? "yes" : "no").append("</td><td>").append(c.threads()).append("</td>");
            for (Bucket b : Bucket.values()) {
                out.append("<td>").append(String.format(Locale.ROOT, "%.1f%%", 100 * c.share(b))).append("</td>");
            }
            out.append("<td><a href=\"/profile?seconds=10&amp;format=svg&amp;pid=").append(p.pid)
                    .append("\">10 s flame graph</a> · <a href=\"/profile?seconds=10&amp;format=html&amp;pid=").append(p.pid)
                    .append("\">10 s timeline</a></td></tr>\n");
        }
        if (targets.isEmpty()) {
            out.append("<tr><td colspan=\"").append(Bucket.values().length + 5).append("\">no JVM sampled yet</td></tr>\n");
        }
        return out.append("</table>\n</body></html>\n").toString();
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
