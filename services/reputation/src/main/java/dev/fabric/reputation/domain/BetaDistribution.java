package dev.fabric.reputation.domain;

/**
 * The Beta(alpha, beta) distribution: its mean, CDF (the regularized incomplete beta function) and
 * quantiles. Written out rather than taken from a maths library because the score must be
 * bit-for-bit reproducible: {@link StrictMath} throughout, a fixed number of bisection steps.
 *
 * <p>CDF: the continued fraction of Numerical Recipes §6.4 (modified Lentz), evaluated on the side
 * where it converges fast and mirrored with {@code I_x(a,b) = 1 - I_{1-x}(b,a)} on the other.
 * Quantile: bisection on the monotone CDF, 60 halvings of [0, 1] (below 1e-18, i.e. past double
 * resolution near the answers we publish in basis points).
 */
public record BetaDistribution(double alpha, double beta) {

    private static final int MAX_ITERATIONS = 1000;
    private static final double EPSILON = 1e-15;
    private static final double FPMIN = 1e-300;
    private static final int BISECTION_STEPS = 60;
    /** Lanczos approximation, g = 7, n = 9 (accurate to ~1e-15 for positive arguments). */
    private static final double[] LANCZOS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};

    public BetaDistribution {
        if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Beta parameters must be finite and positive: " + alpha + ", " + beta);
        }
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    /** P(X <= x). */
    public double cdf(double x) {
        if (x <= 0) {
            return 0.0;
        }
        if (x >= 1) {
            return 1.0;
        }
        double logFront = alpha * StrictMath.log(x) + beta * StrictMath.log1p(-x) - logBeta(alpha, beta);
        double front = StrictMath.exp(logFront);
        if (x < (alpha + 1) / (alpha + beta + 2)) {
            return front * continuedFraction(alpha, beta, x) / alpha;
        }
        return 1.0 - front * continuedFraction(beta, alpha, 1 - x) / beta;
    }

    /** The x with P(X <= x) = p. */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
        }
        if (p == 0) {
            return 0.0;
        }
        if (p == 1) {
            return 1.0;
        }
        double lo = 0.0;
        double hi = 1.0;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The equal-tailed interval holding {@code level} of the probability mass. */
    public ConfidenceInterval interval(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        double tail = (1 - level) / 2;
        return new ConfidenceInterval(quantile(tail), quantile(1 - tail), level);
    }

    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection keeps the Lanczos series in its accurate range.
            return StrictMath.log(Math.PI / StrictMath.abs(StrictMath.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * StrictMath.log(2 * Math.PI) + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(sum);
    }

    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    private static double continuedFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1.0;
        double d = 1.0 - qab * x / qap;
        if (StrictMath.abs(d) < FPMIN) {
            d = FPMIN;
        }
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + aa * d;
            if (StrictMath.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = 1.0 + aa / c;
            if (StrictMath.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + aa * d;
            if (StrictMath.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = 1.0 + aa / c;
            if (StrictMath.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (StrictMath.abs(delta - 1.0) < EPSILON) {
                break;
            }
        }
        return h;
    }
}
