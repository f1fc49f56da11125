package org.nfpvnfm.vnfm.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AttributeFilterOnPackagesTest {
  private static final JsonNode PKG =
      read(
          """
          {"id": "p1", "vnfdId": "a,b)c", "vnfProvider": "O'Brien", "size": 12,
           "additionalArtifacts": [{"artifactPath": "Scripts/install.sh"},
                                   {"artifactPath": "Files/readme.txt"}],
           "userDefinedData": {"tier": "gold"}}
          """);

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean matches(String filter) {
    return AttributeFilter.parse(filter).test(PKG);
  }

  @Test
  void readsQuotedValuesWithCommasParenthesesAndQuotes() {
    assertThat(matches("(eq,vnfdId,'a,b)c')")).isTrue();
    assertThat(matches("(eq,vnfProvider,'O''Brien')")).isTrue();
    assertThat(matches("(eq,vnfProvider,O)")).isFalse();
  }

  @Test
  void matchesAnyElementOfAnArrayAndNoneForNegations() {
    assertThat(matches("(eq,additionalArtifacts/artifactPath,Files/readme.txt)")).isTrue();
    assertThat(matches("(neq,additionalArtifacts/artifactPath,Files/readme.txt)")).isFalse();
    assertThat(matches("(cont,additionalArtifacts/artifactPath,install)")).isTrue();
    assertThat(matches("(ncont,additionalArtifacts/artifactPath,image)")).isTrue();
  }

  @Test
  void treatsAMissingAttributeAsUnequal() {
    assertThat(matches("(eq,userDefinedData/colour,red)")).isFalse();
    assertThat(matches("(neq,userDefinedData/colour,red)")).isTrue();
    assertThat(matches("(eq,userDefinedData/tier,gold);(in,id,p0,p1)")).isTrue();
    assertThat(matches("(eq,userDefinedData/tier,gold);(nin,id,p0,p1)")).isFalse();
  }

  @Test
  void comparesNumbersAsNumbers() {
    assertThat(matches("(gt,size,9)")).isTrue();
    assertThat(matches("(lte,size,12)")).isTrue();
    assertThat(matches("(lt,size,100)")).isTrue();
    assertThat(matches("(gte,size,13)")).isFalse();
  }

  @Test
  void refusesMalformedFiltersWith400SayingWhy() {
    for (String bad :
        new String[] {
          "eq,id,p1",
          "(eq,id)",
          "(eq,id,p1",
          "(eq,id,p1)x",
          "(near,id,p1)",
          "(gt,size,1,2)",
          "(eq,/id,p1)",
          "(eq,id,'p1)"
        }) {
      ApiException e = catchThrowableOfType(ApiException.class, () -> AttributeFilter.parse(bad));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains(bad);
    }
  }
}
