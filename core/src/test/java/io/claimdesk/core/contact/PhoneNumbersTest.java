package io.claimdesk.core.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Phone numbers become E.164 when libphonenumber finds them valid, and nothing otherwise. */
class PhoneNumbersTest {

  @Test
  void internationalNumbersShouldBecomeE164WhateverTheSeparators() {
    assertThat(PhoneNumbers.e164("+1 415 555 0101")).contains("+14155550101");
    assertThat(PhoneNumbers.e164(" +1 (415) 555-0101 ")).contains("+14155550101");
    assertThat(PhoneNumbers.e164("+44 20 7946 0958")).contains("+442079460958");
    assertThat(PhoneNumbers.e164("+49 30 901820")).contains("+4930901820");
  }

  @Test
  void invalidAmbiguousOrOversizedInputShouldBeRefused() {
    assertThat(PhoneNumbers.e164("+1 555 123 4567")).isEmpty(); // 555 is no area code
    assertThat(PhoneNumbers.e164("415 555 0101")).isEmpty(); // no country: ambiguous
    assertThat(PhoneNumbers.e164("+1 415")).isEmpty();
    assertThat(PhoneNumbers.e164("call me")).isEmpty();
    assertThat(PhoneNumbers.e164("")).isEmpty();
    assertThat(PhoneNumbers.e164(null)).isEmpty();
    assertThat(PhoneNumbers.e164("+1" + "4".repeat(100))).isEmpty();
    assertThat(PhoneNumbers.invalid("+1 555")).isEqualTo("Invalid phone number: +1 555");
  }
}
