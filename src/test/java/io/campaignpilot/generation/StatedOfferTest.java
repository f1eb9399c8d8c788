package io.campaignpilot.generation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How copy the brand writes, in English and Welsh, reads as discounts and amounts; policy.StatedOfferAgreementTest
 * shows generation's check and the rules judge it alike. */
class StatedOfferTest {

    @ParameterizedTest(name = "\"{0}\" offers {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            Cast Iron Skillet: 20% off                          | 20
            Now 20 % OFF everything                             | 20
            A 20-per-cent discount on skillets                  | 20
            20 per cent off skillets                            | 20
            Save 15% this weekend                               | 15
            Save up to 30% on cookware                          | 30
            Up to 30% off cookware                              | 30
            An extra 10% for members                            | 10
            A discount of 25% on pans                           | 25
            12.5% off, today only                               | 12.5
            Half price skillets                                 | 50
            Skillets half-price this week                       | 50
            2 for 1 on candles                                  | 50
            3 for 2 across the range                            | 33.33
            Buy one, get one free                               | 50
            BOGOF on honey                                      | 50
            Was £49 now £44.10                                  | none
            Save £5 today                                       | none
            30 day returns                                      | none
            SPF 30 sun cream                                    | none
            Made from 100% organic cotton                       | none
            Albariño, 12.5% ABV                                 | none
            Up to 12 hours at 50% volume                        | none
            1 for 2                                             | none
            Sgilet haearn bwrw: 20% i ffwrdd                    | 20
            Arbedwch 15% y penwythnos hwn                       | 15
            Arbed hyd at 30% ar sosbenni                        | 30
            Gostyngiad o 25% ar sosbenni                        | 25
            Canhwyllau am hanner pris                           | 50
            Arbedwch £5 heddiw                                  | none
            """)
    void readsTheDiscountCopyStates(String copy, String percent) {
        List<String> read = StatedOffer.discounts(copy).stream().map(StatedOffer.Discount::percentText).toList();
        assertThat(read).isEqualTo(percent == null ? List.of() : List.of(percent));
    }

    @ParameterizedTest(name = "\"{0}\" states {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            Now £44.10 (10% off £49.00)                         | 44.10 49.00
            Was £20 now £15                                     | 20.00 15.00
            Save £5 today                                       | 5.00
            Only £ 39.2                                         | 39.20
            A £1,200 sofa                                       | 1200.00
            Just 99p a candle                                   | 0.99
            30 day returns, SPF 30, 1080p screen, 25 µg         | none
            Arbedwch £4.90 heddiw                               | 4.90
            """)
    void readsTheAmountsCopyStates(String copy, String pounds) {
        List<String> read = StatedOffer.amounts(copy).stream().map(a -> a.pounds().toPlainString()).toList();
        assertThat(read).isEqualTo(pounds == null ? List.of() : Arrays.asList(pounds.split(" ")));
    }
}
