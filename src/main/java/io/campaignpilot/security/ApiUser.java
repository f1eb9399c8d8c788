package io.campaignpilot.security;

/** The authenticated caller of the current /api request. */
public final class ApiUser {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ApiUser() {
    }

    public static String current() {
        String user = CURRENT.get();
        return user == null ? "system" : user;
    }

    static void set(String user) {
        CURRENT.set(user);
    }

    static void clear() {
        CURRENT.remove();
    }
}
