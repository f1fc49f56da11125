package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.ProblemDetails;

/**
 * A lifecycle operation occurrence as stored and served (SOL003 §5.5.2.13 VnfLcmOpOcc, without
 * {@code _links}).
 *
 * @param steps what the VNFM did, step by step: the record of an operation that an operator reads
 *     when it failed (an attribute of this VNFM's, under the NFP extension)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VnfLcmOpOcc(
    String id,
    String operationState,
    Instant stateEnteredTime,
    Instant startTime,
    String vnfInstanceId,
    @Nullable String grantId,
    String operation,
    boolean isAutomaticInvocation,
    @Nullable JsonNode operationParams,
    boolean isCancelPending,
    @Nullable String cancelMode,
    @Nullable ProblemDetails error,
    @Nullable JsonNode resourceChanges,
    @Nullable JsonNode changedInfo,
    @Nullable JsonNode changedExtConnectivity,
    List<String> steps) {

  /** The occurrence in {@code state} from now on. */
  VnfLcmOpOcc enter(String state) {
    return new VnfLcmOpOcc(
        id,
        state,
        Instant.now(),
        startTime,
        vnfInstanceId,
        grantId,
        operation,
        isAutomaticInvocation,
        operationParams,
        state.equals(OperationState.FAILED_TEMP) ? false : isCancelPending,
        cancelMode,
        error,
        resourceChanges,
        changedInfo,
        changedExtConnectivity,
        steps);
  }

  VnfLcmOpOcc withError(@Nullable ProblemDetails e) {
    return new VnfLcmOpOcc(
        id,
        operationState,
        stateEnteredTime,
        startTime,
        vnfInstanceId,
        grantId,
        operation,
        isAutomaticInvocation,
        operationParams,
        isCancelPending,
        cancelMode,
        e,
        resourceChanges,
        changedInfo,
        changedExtConnectivity,
        steps);
  }

  VnfLcmOpOcc withGrant(String grant) {
    return new VnfLcmOpOcc(
        id,
        operationState,
        stateEnteredTime,
        startTime,
        vnfInstanceId,
        grant,
        operation,
        isAutomaticInvocation,
        operationParams,
        isCancelPending,
        cancelMode,
        error,
        resourceChanges,
        changedInfo,
        changedExtConnectivity,
        steps);
  }

  VnfLcmOpOcc withCancel(String mode) {
    return new VnfLcmOpOcc(
        id,
        operationState,
        stateEnteredTime,
        startTime,
        vnfInstanceId,
        grantId,
        operation,
        isAutomaticInvocation,
        operationParams,
        true,
        mode,
        error,
        resourceChanges,
        changedInfo,
        changedExtConnectivity,
        steps);
  }

  VnfLcmOpOcc withChanges(@Nullable JsonNode resources, @Nullable JsonNode extConn) {
    return new VnfLcmOpOcc(
        id,
        operationState,
        stateEnteredTime,
        startTime,
        vnfInstanceId,
        grantId,
        operation,
        isAutomaticInvocation,
        operationParams,
        isCancelPending,
        cancelMode,
        error,
        resources,
        changedInfo,
        extConn,
        steps);
  }

  VnfLcmOpOcc step(String what) {
    List<String> more = new java.util.ArrayList<>(steps);
    more.add(Instant.now() + " " + what);
    return new VnfLcmOpOcc(
        id,
        operationState,
        stateEnteredTime,
        startTime,
        vnfInstanceId,
        grantId,
        operation,
        isAutomaticInvocation,
        operationParams,
        isCancelPending,
        cancelMode,
        error,
        resourceChanges,
        changedInfo,
        changedExtConnectivity,
        List.copyOf(more));
  }
}
