package io.logpipe.sample.generate;

import java.util.random.RandomGenerator;

/** Java-style stack traces for the failures the sample shop has, with a {@code Caused by:} chain. */
final class StackTraces {
    private static final String SHOP = "io.logpipe.sample.shop.";

    private StackTraces() {
    }

    static String paymentTimeout(RandomGenerator random, long timeoutMs) {
        return SHOP + "PaymentGatewayException: Payment provider did not answer within " + timeoutMs + " ms\n"
                + frame("PaymentClient.charge", "PaymentClient.java", 88 + random.nextInt(4))
                + frame("CheckoutService.placeOrder", "CheckoutService.java", 142)
                + frame("CheckoutController.handle", "CheckoutController.java", 57)
                + "\tat jdk.httpserver/com.sun.net.httpserver.Filter$Chain.doFilter(Filter.java:95)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1474)\n"
                + "Caused by: java.net.SocketTimeoutException: Read timed out\n"
                + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)\n"
                + "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n"
                + frame("PaymentClient.charge", "PaymentClient.java", 81)
                + "\t... 4 more";
    }

    static String databaseUnavailable(RandomGenerator random) {
        return "java.sql.SQLTransientConnectionException: orders-pool - Connection is not available, request timed out after "
                + (30_000 + random.nextInt(5)) + "ms\n"
                + frame("db.ConnectionPool.borrow", "ConnectionPool.java", 213)
                + frame("OrderRepository.insert", "OrderRepository.java", 64)
                + frame("CheckoutService.placeOrder", "CheckoutService.java", 151)
                + frame("CheckoutController.handle", "CheckoutController.java", 57)
                + "\tat java.base/java.lang.Thread.run(Thread.java:1474)";
    }

    static String exchangeRates() {
        return "java.lang.IllegalStateException: Exchange rate feed returned no EUR rate\n"
                + frame("pricing.ExchangeRates.refresh", "ExchangeRates.java", 47)
                + frame("jobs.Scheduler.runJob", "Scheduler.java", 92)
                + "\tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1474)";
    }

    private static String frame(String method, String file, int line) {
        return "\tat " + SHOP + method + "(" + file + ":" + line + ")\n";
    }
}
