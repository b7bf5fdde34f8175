package dev.fabric.reputation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaDistributionTest {

    @ParameterizedTest
    @CsvSource({"0.025", "0.5", "0.975", "0.001"})
    void shouldMatchClosedFormQuantiles(double p) {
        // Beta(1,1) is uniform; Beta(a,1) has CDF x^a; Beta(1,b) has CDF 1-(1-x)^b.
        assertThat(new BetaDistribution(1, 1).quantile(p)).isCloseTo(p, within(1e-12));
        assertThat(new BetaDistribution(2, 1).quantile(p)).isCloseTo(Math.sqrt(p), within(1e-12));
        assertThat(new BetaDistribution(51, 1).quantile(p)).isCloseTo(Math.pow(p, 1.0 / 51), within(1e-12));
        assertThat(new BetaDistribution(1, 3).quantile(p)).isCloseTo(1 - Math.pow(1 - p, 1.0 / 3), within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"51, 3, 0.8", "51, 3, 0.95", "3.7, 12.2, 0.2", "1.6, 0.9, 0.3", "250.5, 20.25, 0.91"})
    void shouldMatchNumericalIntegrationOfTheDensity(double a, double b, double x) {
        assertThat(new BetaDistribution(a, b).cdf(x)).isCloseTo(simpson(a, b, x), within(1e-7));
    }

    @Test
    void shouldBeSymmetricInItsParameters() {
        BetaDistribution d = new BetaDistribution(7.3, 2.1);
        BetaDistribution mirrored = new BetaDistribution(2.1, 7.3);
        for (double p : new double[] {0.01, 0.025, 0.3, 0.8, 0.975}) {
            assertThat(d.quantile(p)).isCloseTo(1 - mirrored.quantile(1 - p), within(1e-12));
        }
    }

    @Test
    void shouldInvertItsCdfAcrossManyShapes() {
        double[] shapes = {1.0, 1.5, 3, 10, 48.2, 500, 20_000};
        for (double a : shapes) {
            for (double b : shapes) {
                BetaDistribution d = new BetaDistribution(a, b);
                double previous = -1;
                for (double p : new double[] {0.025, 0.5, 0.975}) {
                    double q = d.quantile(p);
                    assertThat(d.cdf(q)).as("Beta(%s,%s) cdf(quantile(%s))", a, b, p).isCloseTo(p, within(1e-9));
                    assertThat(q).isGreaterThan(previous);
                    previous = q;
                }
            }
        }
    }

    @Test
    void shouldKnowItsMeanAndInterval() {
        BetaDistribution d = new BetaDistribution(51, 3);
        ConfidenceInterval interval = d.interval(0.95);

        assertThat(d.mean()).isCloseTo(51.0 / 54, within(1e-15));
        assertThat(interval.lower()).isLessThan(d.mean()).isGreaterThan(0.85);
        assertThat(interval.upper()).isGreaterThan(d.mean()).isLessThan(1);
        assertThat(interval.level()).isEqualTo(0.95);
    }

    @Test
    void shouldComputeLogGamma() {
        assertThat(BetaDistribution.logGamma(1)).isCloseTo(0, within(1e-13));
        assertThat(BetaDistribution.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-13));
        assertThat(BetaDistribution.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
        assertThat(BetaDistribution.logGamma(171.5)).isCloseTo(709.1431630309282, within(1e-9));
    }

    @Test
    void shouldRejectImpossibleParameters() {
        assertThatThrownBy(() -> new BetaDistribution(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BetaDistribution(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BetaDistribution(1, 1).quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Composite Simpson's rule on the density, an independent check of the continued fraction. */
    private static double simpson(double a, double b, double x) {
        int n = 200_000;
        double h = x / n;
        double logNorm = BetaDistribution.logBeta(a, b);
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            double f = (t == 0) ? (a < 1 ? 0 : (a == 1 ? Math.exp(-logNorm) : 0))
                    : Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log1p(-t) - logNorm);
            sum += f * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return sum * h / 3;
    }
}
