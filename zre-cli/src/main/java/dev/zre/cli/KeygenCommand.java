package dev.zre.cli;

import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zre keygen}: a new CURVE keypair as czmq zcert files; prints the public key. */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a new CURVE keypair as czmq zcert files: FILE (public certificate, to share) and",
            "FILE_secret (keep private; use it with --curve-secret-file), and prints the public key (Z85).",
            "Put the public certificates of the nodes you trust in one directory and pass it as --allow-dir."})
final class KeygenCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable ZreCli root;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the public certificate (FILE_secret beside it).")
    Path file = Path.of("zre.cert");

    @Option(names = "--name", paramLabel = "NAME", description = "A name stored in the certificate's metadata.")
    @Nullable String name;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Io io = ZreCli.io(root);
        Path secret = file.resolveSibling(file.getFileName() + ZCert.SECRET_SUFFIX);
        if (!force && (Files.exists(file) || Files.exists(secret))) {
            throw new CliFailure(file + " or " + secret + " exists already (use --force to overwrite)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (name != null) {
            metadata.put("name", name);
        }
        CurveKeyPair keys = CurveKeyPair.generate();
        ZCert.of(keys, metadata).write(file);
        io.out().println(keys.publicKeyZ85());
        io.err().println("wrote " + file + " (public) and " + secret + " (secret: keep it private)");
        return 0;
    }
}
