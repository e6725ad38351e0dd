package dev.cutover.config.internal;

import dev.cutover.config.HttpOptions;
import dev.cutover.config.Secret;
import java.util.List;

/** The {@code http} section: declarations and assembly into {@link HttpOptions}. Stateless. */
final class HttpSection {

    static final Key<String> ADDRESS = Key.withDefault("address", Types.string(), HttpOptions.DEFAULT_ADDRESS,
            "Where the HTTP server (metrics, health, status) listens, as host:port; port 0 picks a free port.")
            .validatedBy(Validators.hostPort(0));

    static final Key<Secret> TOKEN = Key.optional("token", Types.secret(),
            "Bearer token that every state-changing request (POST) must send as `Authorization: Bearer <token>`, normally a"
                    + " reference such as `${file:/run/secrets/cutover-http}`; when absent such requests are taken only from"
                    + " loopback with the header `X-Cutover-Request`; never logged.")
            .asSensitive();

    static final Section SECTION = new Section("http", "The HTTP endpoint.", List.of(ADDRESS, TOKEN));
    static final SectionType<HttpOptions> TYPE = SectionType.defaultedWhenAbsent(SECTION, HttpSection::assemble);

    private HttpSection() {
    }

    private static HttpOptions assemble(Values v) {
        if (!v.complete()) {
            return null;
        }
        HostPort address = HostPort.parse(v.get(ADDRESS), 0);
        return new HttpOptions(address.host(), address.port(), v.get(TOKEN));
    }
}
