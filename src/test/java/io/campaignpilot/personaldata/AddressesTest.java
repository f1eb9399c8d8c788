package io.campaignpilot.personaldata;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    @Test
    void addressesAreMaskedButKeepTheirDomainOrCountry() {
        assertThat(Addresses.mask("mia.8@harborandpine.example")).isEqualTo("m•••@harborandpine.example");
        assertThat(Addresses.mask("+447700900012")).isEqualTo("+44••••••••12");
        assertThat(Addresses.mask("customer:17")).isEqualTo("customer:17");
        assertThat(Addresses.mask("erased")).isEqualTo("erased");
    }

    @Test
    void freeTextHasEveryAddressMaskedAndNothingElse() {
        assertThat(Addresses.maskAll("{\"note\":\"bounce from mia.8@customers.example, call +447700900008\","
                + "\"at\":\"2026-11-20T09:00:00Z\",\"recipients\":[12345678,23456789]}"))
                .isEqualTo("{\"note\":\"bounce from m•••@customers.example, call +44••••••••08\","
                        + "\"at\":\"2026-11-20T09:00:00Z\",\"recipients\":[12345678,23456789]}");
    }

    @Test
    void strippingRemovesKnownValuesAndAddressLikeTokens() {
        assertThat(Addresses.strip("550 <Mia.8@Customers.Example> for Mia; see postmaster@relay.example", List.of(
                "mia.8@customers.example", "Mia"))).isEqualTo("550 <[removed]> for [removed]; see [removed]");
        assertThat(Addresses.containsPersonal("at org.springframework.core@6.2.1/Foo.bar(Foo.java:1)", List.of()))
                .isFalse();
    }
}
