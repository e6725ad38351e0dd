package dev.cutover.config.internal;

import dev.cutover.config.Secret;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides which configuration values are secret and hides them in text meant for people. Stateless. */
public final class Redaction {

    private static final String[] SENSITIVE_WORDS = {"password", "secret", "jaas", "credentials"};
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#@]*@");

    private Redaction() {
    }

    /** True when a property or option named {@code name} holds a credential by its name alone. */
    public static boolean isSensitiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code url} with user info ({@code //user:pw@host}) and the values of sensitive query
     * parameters ({@code password=...}) replaced by {@value Secret#HIDDEN}.
     */
    public static String jdbcUrl(String url) {
        String out = USER_INFO.matcher(url).replaceFirst(Matcher.quoteReplacement("//" + Secret.HIDDEN + "@"));
        int query = out.indexOf('?');
        if (query < 0) {
            return out;
        }
        StringBuilder b = new StringBuilder(out.substring(0, query + 1));
        String[] params = out.substring(query + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            String name = eq < 0 ? params[i] : params[i].substring(0, eq);
            b.append(i > 0 ? "&" : "").append(eq >= 0 && isSensitiveName(name) ? name + "=" + Secret.HIDDEN : params[i]);
        }
        return b.toString();
    }
}
