package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the VNFM authenticates to a PM job's or threshold's callback (SOL013
 * SubscriptionAuthentication): stored beside the resource, never served back, never logged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Authentication(
    @Nullable List<String> authType,
    @Nullable Basic paramsBasic,
    @Nullable Oauth2 paramsOauth2ClientCredentials) {

  record Basic(@Nullable String userName, @Nullable String password) {
    @Override
    public String toString() {
      return "Basic[userName=" + userName + ", password=****]";
    }
  }

  record Oauth2(
      @Nullable String clientId, @Nullable String clientPassword, @Nullable String tokenEndpoint) {
    @Override
    public String toString() {
      return "Oauth2[clientId="
          + clientId
          + ", clientPassword=****, tokenEndpoint="
          + tokenEndpoint
          + "]";
    }
  }
}
