package dev.fabric.auction.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The wall clock, as a bean so that code reading "now" (the REST views' time left) takes it by injection. */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
