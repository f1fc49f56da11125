package org.nfpvnfm.vnfm.internal.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

class ByteRangeTest {

  @Test
  void readsTheThreeFormsOfOneRange() {
    assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
    assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=50-500", 100)).contains(new ByteRange(50, 99));
    assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
    assertThat(new ByteRange(90, 99).contentRange(100)).isEqualTo("bytes 90-99/100");
  }

  @Test
  void sendsTheWholeFileForWhatItDoesNotServe() {
    assertThat(ByteRange.parse(null, 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=x-y", 100)).isEmpty();
  }

  @Test
  void refusesARangeOutsideTheFileWith416() {
    for (String h : new String[] {"bytes=100-", "bytes=9-3", "bytes=-0"}) {
      ApiException e = catchThrowableOfType(ApiException.class, () -> ByteRange.parse(h, 100));
      assertThat(e).as(h).isNotNull();
      assertThat(e.status()).isEqualTo(416);
    }
  }
}
