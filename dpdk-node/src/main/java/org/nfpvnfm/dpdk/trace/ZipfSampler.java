package org.nfpvnfm.dpdk.trace;

/**
 * Draws k in 1..n with probability proportional to 1/k^s by rejection-inversion (Hörmann and
 * Derflinger, "Rejection-inversion to generate variates from monotone discrete distributions", ACM
 * TOMACS 1996), in the form Apache Commons RNG uses, which works for every s > 0: constant memory
 * and time whatever n, where a cumulative table would take 8n bytes. {@link StrictMath} throughout,
 * so that the draws are the same on every JVM and CPU.
 */
final class ZipfSampler {
  private static final double TAYLOR_THRESHOLD = 1e-8;

  private final int n;
  private final double exponent;
  private final double hIntegralX1;
  private final double hIntegralN;
  private final double s;

  ZipfSampler(int n, double exponent) {
    this.n = n;
    this.exponent = exponent;
    this.hIntegralX1 = hIntegral(1.5) - 1;
    this.hIntegralN = hIntegral(n + 0.5);
    this.s = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  }

  int sample(SplitMix64 random) {
    while (true) {
      // u is uniform in (hIntegralX1, hIntegralN].
      double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
      double x = hIntegralInverse(u);
      int k = (int) (x + 0.5);
      // Rounding can put k just outside the range.
      if (k < 1) {
        k = 1;
      } else if (k > n) {
        k = n;
      }
      if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
        return k;
      }
    }
  }

  /** H(x) = (x^(1-q) - 1) / (1 - q), written so that it has its limit log x at q = 1. */
  private double hIntegral(double x) {
    double logX = StrictMath.log(x);
    return helper2((1 - exponent) * logX) * logX;
  }

  private double h(double x) {
    return StrictMath.exp(-exponent * StrictMath.log(x));
  }

  private double hIntegralInverse(double x) {
    double t = x * (1 - exponent);
    if (t < -1) {
      t = -1; // numerical error only
    }
    return StrictMath.exp(helper1(t) * x);
  }

  /** log(1 + x) / x, with its Taylor series near 0. */
  private static double helper1(double x) {
    if (Math.abs(x) > TAYLOR_THRESHOLD) {
      return StrictMath.log1p(x) / x;
    }
    return 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
  }

  /** (exp(x) - 1) / x, with its Taylor series near 0. */
  private static double helper2(double x) {
    if (Math.abs(x) > TAYLOR_THRESHOLD) {
      return StrictMath.expm1(x) / x;
    }
    return 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
  }
}
