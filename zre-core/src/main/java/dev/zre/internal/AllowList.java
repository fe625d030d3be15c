package dev.zre.internal;

import dev.zre.security.ZCert;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys allowed to connect: given directly, and read from a directory of czmq public-cert
 * files. The directory is read again when a file in it was added, removed or changed (looked at
 * most once a second, when a client asks); files that are not certificates are skipped, secret
 * files ({@code *_secret}) too.
 */
final class AllowList {

    private static final Logger log = LoggerFactory.getLogger(AllowList.class);
    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Set<String> fixed;
    private final @Nullable Path directory;
    private Set<String> fromDirectory = Set.of();
    private Map<String, FileTime> seen = Map.of();
    private long lastScan;
    private boolean scanned;

    AllowList(Set<String> keys, @Nullable Path directory) {
        this.fixed = Set.copyOf(keys);
        this.directory = directory;
    }

    boolean allows(String z85) {
        if (fixed.contains(z85)) {
            return true;
        }
        refresh(System.nanoTime());
        return fromDirectory.contains(z85);
    }

    Map<String, Boolean> snapshot() {
        Map<String, Boolean> all = new TreeMap<>();
        fixed.forEach(k -> all.put(k, true));
        fromDirectory.forEach(k -> all.put(k, true));
        return all;
    }

    private void refresh(long now) {
        Path dir = directory;
        if (dir == null || (scanned && now - lastScan < RESCAN_NANOS)) {
            return;
        }
        scanned = true;
        lastScan = now;
        Map<String, FileTime> files = new HashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(ZCert.SECRET_SUFFIX)) {
                    files.put(p.toString(), Files.getLastModifiedTime(p));
                }
            }
        } catch (IOException e) {
            log.debug("allow-list directory {} not readable: {}", dir, e.toString());
            return;
        }
        if (files.equals(seen)) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (String file : files.keySet()) {
            try {
                keys.add(ZCert.read(Path.of(file)).publicKeyZ85());
            } catch (IOException e) {
                log.debug("skipping {} in the allow-list directory: {}", file, e.getMessage());
            }
        }
        seen = files;
        fromDirectory = Set.copyOf(keys);
        log.debug("allow-list directory {} read: {} keys", dir, keys.size());
    }
}
