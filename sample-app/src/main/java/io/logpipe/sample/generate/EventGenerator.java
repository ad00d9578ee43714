package io.logpipe.sample.generate;

import io.logpipe.sample.LogLevel;
import io.logpipe.sample.generate.SampleEvent.Http;
import io.logpipe.sample.generate.SampleEvent.Identity;
import io.logpipe.sample.generate.SampleEvent.Kind;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The events of a small web shop: users log in, browse the catalogue, add to the cart and check out, while
 * background jobs run. Each HTTP request yields the application's own event (level by outcome, latency, ids)
 * followed by its access-log line; some are preceded by a DEBUG detail. Failures carry stack traces.
 *
 * <p>Plain and deterministic: time comes from the {@link Clock}, every choice from the {@link RandomGenerator},
 * so a fixed seed and clock give the same events. Not thread-safe.
 */
public final class EventGenerator {
    private static final int MAX_ACTIVE_SESSIONS = 8;
    private static final String PKG = "io.logpipe.sample.shop.";
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "ShopApp/4.2.1 (iPhone; iOS 18.1; Scale/3.00)",
            "okhttp/4.12.0"};

    private final RandomGenerator random;
    private final Clock clock;
    private final List<Session> sessions = new ArrayList<>();
    private final ArrayDeque<SampleEvent> pending = new ArrayDeque<>();

    public EventGenerator(RandomGenerator random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** The next event, stamped with the clock's current time. */
    public SampleEvent next() {
        while (pending.isEmpty()) {
            step();
        }
        return pending.poll();
    }

    private void step() {
        if (random.nextInt(100) < 8) {
            backgroundJob();
            return;
        }
        if (sessions.size() < 3 || sessions.size() < MAX_ACTIVE_SESSIONS && random.nextInt(100) < 15) {
            sessions.add(new Session(Ids.userId(random), Ids.sessionToken(random), clientIp(),
                    AGENTS[random.nextInt(AGENTS.length)], 1 + random.nextInt(5)));
        }
        Session s = sessions.get(random.nextInt(sessions.size()));
        switch (s.stage) {
            case LOGIN -> login(s);
            case BROWSE -> browse(s);
            case CART -> cart(s);
            case CHECKOUT -> checkout(s);
        }
        if (s.stage == Stage.DONE) {
            sessions.remove(s);
        }
    }

    private void login(Session s) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            request(s, "AuthController", "login", "POST", "/api/login", 401, latency(20, 60),
                    "Login failed: invalid credentials", null);
            if (++s.failedLogins >= 2) {
                s.stage = Stage.DONE;
            }
        } else if (roll < 10) {
            request(s, "RateLimiter", "login", "POST", "/api/login", 429, latency(1, 5),
                    "Too many login attempts, retry after 30 s", null);
        } else {
            request(s, "AuthController", "login", "POST", "/api/login", 200, latency(30, 120), "User logged in", null);
            s.loggedIn = true;
            s.stage = Stage.BROWSE;
        }
    }

    private void browse(Session s) {
        if (random.nextBoolean()) {
            int page = 1 + random.nextInt(12);
            long ms = latency(15, 180);
            debug(s, "CatalogRepository", "browse", "Catalogue page " + page + " served from " + (ms < 40 ? "cache" : "database"));
            request(s, "CatalogController", "browse", "GET", "/api/products?page=" + page + "&size=24", 200, ms,
                    "Listed products on page " + page, null);
        } else {
            int product = 100 + random.nextInt(900);
            boolean missing = random.nextInt(100) < 7;
            request(s, "CatalogController", "view_product", "GET", "/api/products/" + product, missing ? 404 : 200,
                    latency(8, 90), missing ? "Product " + product + " not found" : "Viewed product " + product, null);
        }
        if (--s.pagesLeft <= 0) {
            s.stage = Stage.CART;
        }
    }

    private void cart(Session s) {
        int product = 100 + random.nextInt(900);
        boolean outOfStock = random.nextInt(100) < 10;
        request(s, "CartController", "add_to_cart", "POST", "/api/cart/items", outOfStock ? 409 : 201, latency(20, 110),
                outOfStock ? "Product " + product + " is out of stock" : "Added product " + product + " to cart", null);
        if (!outOfStock) {
            s.stage = Stage.CHECKOUT;
        }
    }

    private void checkout(Session s) {
        int roll = random.nextInt(100);
        if (roll < 12) {
            long timeout = 3_000;
            request(s, "CheckoutService", "checkout", "POST", "/api/checkout", 502, timeout + latency(1, 40),
                    "Checkout failed: payment provider unavailable", StackTraces.paymentTimeout(random, timeout));
        } else if (roll < 18) {
            request(s, "CheckoutService", "checkout", "POST", "/api/checkout", 500, latency(30_000, 30_050),
                    "Checkout failed: could not save the order", StackTraces.databaseUnavailable(random));
        } else if (roll < 22) {
            request(s, "CheckoutController", "checkout", "POST", "/api/checkout", 400, latency(3, 15),
                    "Checkout rejected: shipping address is incomplete", null);
        } else {
            long ms = latency(180, 900);
            debug(s, "PaymentClient", "checkout", "Payment authorised in " + (ms - 40) + " ms");
            request(s, "CheckoutService", "checkout", "POST", "/api/checkout", 200, ms,
                    "Order " + Ids.orderId(random) + " placed", null);
        }
        s.stage = Stage.DONE;
    }

    private void backgroundJob() {
        Identity job = new Identity(null, null, Ids.traceId(random));
        int roll = random.nextInt(100);
        if (roll < 40) {
            pending.add(app(LogLevel.DEBUG, "db.ConnectionPool", "pool_stats",
                    "Connection pool orders-pool active=" + random.nextInt(10) + " idle=" + random.nextInt(10), job, null, null));
        } else if (roll < 75) {
            long ms = latency(200, 4_000);
            pending.add(app(LogLevel.INFO, "jobs.InventorySync", "inventory_sync",
                    "Inventory sync finished: " + random.nextInt(500) + " items updated in " + ms + " ms", job, null, null));
        } else if (roll < 92) {
            pending.add(app(LogLevel.WARNING, "db.OrderRepository", "slow_query",
                    "Slow query on orders took " + latency(1_000, 5_000) + " ms", job, null, null));
        } else {
            pending.add(app(LogLevel.ERROR, "jobs.Scheduler", "exchange_rates",
                    "Scheduled job exchange-rates failed", job, null, StackTraces.exchangeRates()));
        }
    }

    /** The application's event for one request, then its access line. */
    private void request(Session s, String logger, String action, String method, String path, int status, long ms,
                         String message, String stackTrace) {
        Identity id = new Identity(s.userId, s.token, Ids.traceId(random));
        Http http = new Http(method, path, status, ms, status == 204 ? 0 : 120 + random.nextInt(48_000), s.clientIp,
                s.userAgent, s.lastPage);
        pending.add(app(LogLevel.ofHttpStatus(status), logger, action, message, id, http, stackTrace));
        pending.add(new SampleEvent(Kind.ACCESS, clock.instant(), LogLevel.ofHttpStatus(status), "access", action, null,
                new Identity(s.loggedIn || status < 400 ? s.userId : null, null, id.traceId()), http, null));
        if (method.equals("GET")) {
            s.lastPage = "https://shop.example.com" + path;
        }
    }

    private void debug(Session s, String logger, String action, String message) {
        pending.add(app(LogLevel.DEBUG, logger, action, message, new Identity(s.userId, s.token, Ids.traceId(random)), null, null));
    }

    private SampleEvent app(LogLevel level, String logger, String action, String message, Identity id, Http http,
                            String stackTrace) {
        return new SampleEvent(Kind.APP, clock.instant(), level, PKG + logger, action, message, id, http, stackTrace);
    }

    /** Milliseconds, skewed low as real latencies are. */
    private long latency(int min, int max) {
        double u = random.nextDouble();
        return min + Math.round((max - min) * u * u);
    }

    private String clientIp() {
        return random.nextBoolean()
                ? "10.0." + random.nextInt(16) + "." + (2 + random.nextInt(250))
                : "203.0.113." + (2 + random.nextInt(250));
    }

    private enum Stage { LOGIN, BROWSE, CART, CHECKOUT, DONE }

    private static final class Session {
        final String userId;
        final String token;
        final String clientIp;
        final String userAgent;
        Stage stage = Stage.LOGIN;
        int pagesLeft;
        int failedLogins;
        boolean loggedIn;
        String lastPage;

        Session(String userId, String token, String clientIp, String userAgent, int pages) {
            this.userId = userId;
            this.token = token;
            this.clientIp = clientIp;
            this.userAgent = userAgent;
            this.pagesLeft = pages;
        }
    }
}
