package org.nfpvnfm.vnfm.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeFilterTest {
  private static final JsonNode DOC =
      parse(
          "{'id': 's-1', 'callbackUri': 'http://nfvo:8080/cb?a=1,b=2', 'verbosity': 'FULL',"
              + " 'size': 12, 'name': \"it's\","
              + " 'filter': {'notificationTypes': ['VnfIdentifierCreationNotification',"
              + " 'VnfIdentifierDeletionNotification'], 'vnfInstanceSubscriptionFilter':"
              + " {'vnfProductsFromProviders': [{'vnfProvider': 'Acme', 'vnfProducts':"
              + " [{'vnfProductName': 'Firewall'}]}, {'vnfProvider': 'Other'}]}}}");

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json.replace('\'', '"').replace("it\"s", "it's"));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(eq,id,s-1)",
        "(neq,id,s-2)",
        "(in,verbosity,SHORT,FULL)",
        "(nin,verbosity,SHORT)",
        "(cont,callbackUri,nfvo)",
        "(ncont,callbackUri,tacker)",
        "(eq,callbackUri,'http://nfvo:8080/cb?a=1,b=2')",
        "(eq,name,'it''s')",
        "(eq,filter/notificationTypes,VnfIdentifierDeletionNotification)",
        "(eq,filter/vnfInstanceSubscriptionFilter/vnfProductsFromProviders/vnfProvider,Other)",
        "(eq,filter/vnfInstanceSubscriptionFilter/vnfProductsFromProviders/vnfProducts/vnfProductName,Firewall)",
        "(neq,filter/notificationTypes,VnfLcmOperationOccurrenceNotification)",
        "(neq,filter/operationTypes,INSTANTIATE)",
        "(gt,size,9)",
        "(gte,size,12)",
        "(lt,size,100)",
        "(lte,size,12)",
        "(eq,id,s-1);(eq,verbosity,FULL)"
      })
  void holds(String expression) {
    assertThat(AttributeFilter.parse(expression).test(DOC)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(eq,id,s-2)",
        "(neq,id,s-1)",
        "(in,verbosity,SHORT)",
        "(nin,verbosity,SHORT,FULL)",
        "(cont,callbackUri,tacker)",
        "(ncont,callbackUri,nfvo)",
        "(eq,callbackUri,http://nfvo:8080/cb)",
        "(eq,filter/notificationTypes,VnfLcmOperationOccurrenceNotification)",
        "(neq,filter/notificationTypes,VnfIdentifierCreationNotification)",
        "(eq,filter/operationTypes,INSTANTIATE)",
        "(eq,noSuchAttribute,x)",
        "(gt,size,12)",
        "(lt,size,12)",
        "(eq,id,s-1);(eq,verbosity,SHORT)"
      })
  void doesNotHold(String expression) {
    assertThat(AttributeFilter.parse(expression).test(DOC)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "eq,id,s-1 | expected '('",
        "(eq,id,s-1 | expected ',' or ')'",
        "(eq,id) | (operator,attribute,value)",
        "(like,id,s) | unknown operator 'like'",
        "(eq,id,a,b) | operator eq takes one value",
        "(eq,id,'open | not closed",
        "(eq,id,a)(eq,id,b) | expected ';'",
        "(eq,a//b,x) | not an attribute name",
        "(eq,id,a); | expected '('"
      })
  void refusesAMalformedExpressionWith400(String expression, String why) {
    assertThatThrownBy(() -> AttributeFilter.parse(expression))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(why);
  }
}
