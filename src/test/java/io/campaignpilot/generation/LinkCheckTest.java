package io.campaignpilot.generation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkCheckTest {
    private final LinkCheck check = new LinkCheck(List.of("harborandpine.example"));

    /** Each row: the copy, and "ok" or a phrase the one problem it gets must contain. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # accepted
            Shop at https://harborandpine.example/deal today                   | ok
            HTTPS://HARBORANDPINE.EXAMPLE/Deal                                  | ok
            See https://shop.harborandpine.example/garden.                      | ok
            (details at https://harborandpine.example/terms)                    | ok
            Offer: https://harborandpine.example/a_(b), ends Sunday!            | ok
            https://harborandpine.example:443/deal                              | ok
            https://harborandpine.example/?utm_source=sms&q=a%20b               | ok
            # user info and escapes in the authority
            https://good.example@evil.example                                   | hides its host behind "good.example@": links may not carry user info
            https://harborandpine.example@evil.example/deal                     | hides its host behind "harborandpine.example@"
            https://a@b@harborandpine.example                                   | links may not carry user info
            https://evil%2Eexample/deal                                         | percent-encodes its host
            https://harborandpine.example\\@evil.example                        | contains a backslash
            # schemes: https only
            http://harborandpine.example/deal                                   | uses http: write it as "https://harborandpine.example/deal"
            http://evil.example                                                 | "evil.example", which is not an approved host
            javascript:alert(1)                                                 | uses the javascript: scheme
            JavaScript:alert(document.cookie)                                   | uses the javascript: scheme
            data:text/html;base64,PHNjcmlwdD4=                                  | uses the data: scheme
            ftp://harborandpine.example/file                                    | uses the ftp: scheme
            Write to mailto:help@harborandpine.example                          | is an e-mail link
            https:/evil.example                                                 | names no host
            //evil.example/deal                                                 | "evil.example", which is not an approved host
            //harborandpine.example/deal                                        | has no scheme: write it as "https://harborandpine.example/deal"
            # hosts
            https://harborandpine.example.evil.com/deal                         | "harborandpine.example.evil.com", which is not an approved host
            https://evil.example/?r=harborandpine.example                       | "evil.example", which is not an approved host
            https://evilharborandpine.example                                   | "evilharborandpine.example", which is not an approved host
            https://\u04BBarborandpine.example/deal                             | "xn--arborandpine-jrl.example" (written "\u04BBarborandpine.example"), which is not an approved host
            https://\uFF48arborandpine.example/deal                             | in characters that browsers read as "harborandpine.example"
            https://evil\u3002example                                           | in characters that browsers read as "evil.example"
            https://127.0.0.1/deal                                              | points to the IP address 127.0.0.1
            https://3232235777/deal                                             | points to the IP address 3232235777
            https://[::1]/deal                                                  | points to the IP address [::1]
            https://harborandpine.example:8443/deal                             | names port 8443
            https://ex_ample.example/                                           | has no valid host name
            https://harborandpine.example/{{first_name}}                        | is not a valid URL (illegal character in path)
            # scheme-less links
            Deals at evil.example/deal today                                    | "evil.example", which is not an approved host
            Visit www.evil.example.                                             | "www.evil.example", which is not an approved host
            Visit shop.evil.co.uk!                                              | "shop.evil.co.uk", which is not an approved host
            See harborandpine.example/deal.                                     | write it as "https://harborandpine.example/deal"
            Visit HARBORANDPINE.EXAMPLE                                         | write it as "https://HARBORANDPINE.EXAMPLE"
            Ask help@evil.example                                               | "help@evil.example" is an e-mail address
            good.example@evil.example                                           | "good.example@evil.example" is an e-mail address
            Write to first_name@evil.example                                    | "first_name@evil.example" is an e-mail address
            Write to {help}@evil.example                                        | "evil.example", which is not an approved host
            Visit my_evil.example/deal                                          | has no valid host name
            # a missing space after a full stop reads as a link, and says how to fix it
            Ends today.Now is the time                                          | put a space after the full stop
            # ordinary copy
            Now £12.99, was £15.50 (4.5kg bag).                                 | ok
            Hi {{first_name}}, e.g. patio sets, i.e. the lot. Opens 10.30 am.   | ok
            Version 2.0.1 of the app; 24/7 support; 1.5L; ratio 3:1; 10:30     | ok
            Your data: safe with us. Note: offer ends Sunday.                   | ok
            Your data:. Our terms: 3 items max; offer ends 31.12.               | ok
            Hi {{first_name}}.Your basket is waiting                            | ok
            """)
    void judgesLinks(String copy, String expected) {
        List<String> problems = check.problems(copy);
        if (expected.equals("ok")) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().asString().contains(expected);
        }
    }

    @Test
    void everyLinkInTheCopyIsJudgedAndEachProblemIsReportedOnce() {
        String copy = "Go to https://harborandpine.example/a, http://evil.example/x and evil.example/y. "
                + "Again: http://evil.example/x";
        assertThat(check.problems(copy)).containsExactly(
                "the link \"http://evil.example/x\" points to \"evil.example\", which is not an approved host: links may "
                        + "only go to harborandpine.example",
                "the link \"evil.example/y\" points to \"evil.example\", which is not an approved host: links may only go to "
                        + "harborandpine.example");
    }

    @Test
    void theAllowListIsHostNamesNormalisedToAscii() {
        LinkCheck idn = new LinkCheck(List.of(" Bücher.Example. "));
        assertThat(idn.problems("https://bücher.example/x https://xn--bcher-kva.example/y https://shop.BÜCHER.example"))
                .isEmpty();
        assertThatThrownBy(() -> new LinkCheck(List.of("https://harborandpine.example")))
                .hasMessageContaining("must list host names");
        assertThatThrownBy(() -> new LinkCheck(List.of("127.0.0.1"))).hasMessageContaining("must list host names");
    }
}
