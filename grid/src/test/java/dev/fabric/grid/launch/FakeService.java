package dev.fabric.grid.launch;

import java.util.concurrent.CountDownLatch;

/** A process for the supervisor tests: becomes ready, fails at start, or never becomes ready. */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws InterruptedException {
        switch (args[0]) {
            case "fail" -> {
                System.out.println("port 9092 already in use");
                System.exit(3);
            }
            case "serve" -> System.out.println("FAKE READY");
            default -> System.out.println("starting...");
        }
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
