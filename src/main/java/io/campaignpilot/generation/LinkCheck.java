package io.campaignpilot.generation;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one judge of links in copy, generated or edited. It finds everything a mail, SMS or social app could turn into a
 * link — anything with a scheme, {@code //host}, {@code www.} and bare domains such as {@code evil.example/deal} — and
 * judges each with {@link URI} and {@link IDN}, never by the text a reader sees. A link may be used only when it is
 * written {@code https://} to an approved host or a subdomain of one, with no user info, no port but 443, no IP
 * address and nothing encoded or escaped in its host.
 * <p>
 * Decisions: a bare domain is a link (apps link it, over plain http), so even an approved one must be written with
 * {@code https://}; {@code mailto:} links and e-mail addresses are refused, as copy sends customers to the shop's pages
 * only; a missing space after a full stop ({@code today.Now}) reads as a link to {@code today.now} and is refused,
 * with a hint to add the space, because a real link could look the same.
 */
public final class LinkCheck {
    /** Schemes apps act on without slashes; any other scheme counts when a slash follows it. */
    private static final String BARE_SCHEMES = "https?|ftp|file|javascript|vbscript|data|mailto|tel|sms|blob";
    /** IDNA reads these as dots, so a look-alike host can hide behind them. */
    private static final String DOT = "[.\u3002\uFF0E\uFF61]";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?";
    private static final String REST = "[^\\s<>\"`]"; // white space, quotes, angle brackets and backticks end a link
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}.%+-])(?:"                            // not in the middle of a word or host
                    + "(?<scheme>[a-z][a-z0-9+.-]*:/" + REST + "*|(?:" + BARE_SCHEMES + "):" + REST + "+)"
                    + "|(?<relative>//" + REST + "+)"
                    // a dotted name ending in an alphabetic (or punycode) label, maybe behind an e-mail address's "name@"
                    + "|(?<bare>(?:[\\p{L}\\p{N}._%+-]+@)?(?:" + LABEL + DOT + ")+(?:\\p{L}{2,}|xn--[a-z0-9-]+)"
                    + "(?![\\p{L}\\p{N}-])" + REST + "*)"
                    + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):", Pattern.CASE_INSENSITIVE);
    /** "today.Now": as likely a missing space as a link. */
    private static final Pattern SENTENCE_END = Pattern.compile("\\p{L}+\\.\\p{Lu}\\p{L}*");
    private static final String TRAILING = ".,;:!?'\"*…";

    private final List<String> approvedHosts;

    /** @param approvedHosts host names (not URLs); their subdomains are approved too */
    public LinkCheck(List<String> approvedHosts) {
        List<String> hosts = new ArrayList<>();
        for (String configured : approvedHosts) {
            String host = configured == null ? "" : configured.strip();
            try {
                host = stripDot(IDN.toASCII(host).toLowerCase(Locale.ROOT));
                if (!host.isEmpty() && host.equals(new URI("https://" + host).getHost()) && !isIp(host)) {
                    hosts.add(host);
                    continue;
                }
            } catch (IllegalArgumentException | URISyntaxException e) {
                // reported below
            }
            throw new IllegalArgumentException("campaignpilot.generation.approved-url-hosts must list host names such as "
                    + "harborandpine.example, not \"" + configured + "\"");
        }
        this.approvedHosts = List.copyOf(hosts);
    }

    /** Every link in the copy that may not be used, each as a sentence a model or reviewer can act on. */
    public List<String> problems(String copy) {
        Set<String> problems = new LinkedHashSet<>();
        Matcher m = CANDIDATE.matcher(copy);
        while (m.find()) {
            Kind kind = m.group("scheme") != null ? Kind.SCHEME : m.group("relative") != null ? Kind.RELATIVE : Kind.BARE;
            String problem = judge(kind, trim(m.group()));
            if (problem != null) {
                problems.add(problem);
            }
        }
        return List.copyOf(problems);
    }

    private enum Kind { SCHEME, RELATIVE, BARE }

    /** Why the link may not be used, or null when it may. */
    private String judge(Kind kind, String link) {
        String quoted = "the link \"" + link + "\"";
        String scheme = null;
        if (kind == Kind.SCHEME) {
            Matcher s = SCHEME.matcher(link);
            if (!s.lookingAt()) {
                return null; // only punctuation followed the colon ("Your data:."): not a link
            }
            scheme = s.group(1).toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                return quoted + " is an e-mail link: copy may only link to https pages on " + allowed();
            }
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return quoted + " uses the " + scheme + ": scheme: only https links to " + allowed() + " are allowed";
            }
        }
        String url = switch (kind) {
            case SCHEME -> link;
            case RELATIVE -> "https:" + link;
            case BARE -> "https://" + link;
        };
        if (url.indexOf('\\') >= 0) {
            return quoted + " contains a backslash, which browsers read as \"/\" but filters may not: write links with \"/\" only";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return quoted + " is not a valid URL (" + e.getReason().toLowerCase(Locale.ROOT)
                    + "): write it as a plain https:// link to " + allowed();
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return quoted + " names no host: write links as https://host/... with a host of " + allowed();
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            return kind == Kind.BARE
                    ? "\"" + link + "\" is an e-mail address: copy may only link to https pages on " + allowed()
                    : quoted + " hides its host behind \"" + authority.substring(0, at + 1) + "\": links may not carry user info";
        }
        if (authority.indexOf('%') >= 0) {
            return quoted + " percent-encodes its host (\"" + authority + "\"): write the host name plainly";
        }
        if (authority.startsWith("[")) {
            return quoted + " points to the IP address " + uri.getHost() + ": links must name " + allowed();
        }
        String host = uri.getHost();
        int port = uri.getPort();
        String written = "";
        if (host == null) { // not an ASCII host name: maybe an internationalised one, judged by its ASCII form
            try {
                String ascii = IDN.toASCII(authority);
                // fullwidth letters, odd dots or invisible characters that IDNA maps away disguise the host it really is
                if (!IDN.toUnicode(ascii).toLowerCase(Locale.ROOT).equals(authority.toLowerCase(Locale.ROOT))) {
                    return quoted + " writes its host \"" + authority + "\" in characters that browsers read as \""
                            + ascii.toLowerCase(Locale.ROOT) + "\": write the host name plainly";
                }
                URI asciiUri = new URI("https://" + ascii);
                host = asciiUri.getHost();
                port = asciiUri.getPort();
                written = " (written \"" + authority + "\")";
            } catch (IllegalArgumentException | URISyntaxException e) {
                host = null;
            }
            if (host == null) {
                return quoted + " has no valid host name (\"" + authority + "\"): links must go to " + allowed();
            }
        }
        host = stripDot(host.toLowerCase(Locale.ROOT));
        if (isIp(host)) {
            return quoted + " points to the IP address " + host + ": links must name " + allowed();
        }
        String approvedHost = host;
        if (approvedHosts.stream().noneMatch(h -> approvedHost.equals(h) || approvedHost.endsWith("." + h))) {
            return quoted + " points to \"" + host + "\"" + written + ", which is not an approved host: links may only go to "
                    + allowed() + (kind == Kind.BARE && SENTENCE_END.matcher(link).matches()
                    ? "; if it is not meant as a link, put a space after the full stop" : "");
        }
        if (port != -1 && port != 443) {
            return quoted + " names port " + port + ": links may not name a port";
        }
        return switch (kind) {
            case BARE -> quoted + " has no scheme, so apps open it over plain http: write it as \"https://" + link + "\"";
            case RELATIVE -> quoted + " has no scheme: write it as \"https:" + link + "\"";
            case SCHEME -> scheme.equals("http") ? quoted + " uses http: write it as \"https" + link.substring(4) + "\"" : null;
        };
    }

    private String allowed() {
        return approvedHosts.isEmpty() ? "an approved host (none is configured)" : String.join(" or ", approvedHosts);
    }

    /** Drops sentence punctuation after a link, and a closing bracket it did not open. */
    static String trim(String link) {
        String s = link;
        while (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            if (TRAILING.indexOf(last) >= 0
                    || last == ')' && count(s, ')') > count(s, '(')
                    || last == ']' && count(s, ']') > count(s, '[')) {
                s = s.substring(0, s.length() - 1);
            } else {
                break;
            }
        }
        return s;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** java.net.URI takes dotted quads and bare numbers ("3232235777") as hosts; both are addresses, not names. */
    private static boolean isIp(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }
}
