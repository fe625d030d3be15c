package dev.zre.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --group}: groups joined at start (a picocli mixin; {@code send} uses --group for its target instead). */
final class GroupOptions {

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Group to join at start; repeatable.")
    List<String> groups = new ArrayList<>();
}
