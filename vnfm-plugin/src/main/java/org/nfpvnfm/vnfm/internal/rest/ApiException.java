package org.nfpvnfm.vnfm.internal.rest;

/**
 * A request the VNFM refuses, with the status and a detail for the caller: thrown by services and
 * resources, turned into a {@link org.nfpvnfm.vnfm.ProblemDetails} by {@link ProblemMapper}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String detail) {
    super(detail);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 400: the request is malformed or a value in it is invalid. */
  public static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  /** 404: no such resource. */
  public static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  /** 409: the resource's state forbids the request. */
  public static ApiException conflict(String detail) {
    return new ApiException(409, detail);
  }

  /** 422: the body is well-formed but its content cannot be processed. */
  public static ApiException unprocessable(String detail) {
    return new ApiException(422, detail);
  }

  @Override
  public String getMessage() {
    String m = super.getMessage();
    return m == null ? "" : m;
  }
}
