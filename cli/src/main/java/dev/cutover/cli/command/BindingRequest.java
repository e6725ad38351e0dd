package dev.cutover.cli.command;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * A command that asks the running bridge to do something to one binding: {@code POST
 * /bindings/<name>/<command>}, printing {@code binding 'x' <what the bridge says>}.
 */
abstract class BindingRequest extends BridgeAction {

    @Option(names = "--binding", required = true, description = "The binding's name.")
    String binding;

    @Override
    void run(PrintStream out) throws BridgeClient.Failure {
        String path = "/bindings/" + URLEncoder.encode(binding, StandardCharsets.UTF_8) + "/" + command();
        Map<?, ?> answer = (Map<?, ?>) target.call("POST", path, Map.of());
        out.println("binding '" + answer.get("binding") + "' " + answer.get("message"));
    }
}
